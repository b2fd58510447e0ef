"""plotly only: what every figure shares: colours, how the page names months
and levels, wrapped labels, the title and margins, and count axes."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

COLOURS = {"level": "#0b5cab", "expected": "#8a4b00"}
STATUS_COLOURS = {
    "done": "#1a7f37",
    "done_late": "#7fbf7f",
    "in_progress": "#0b5cab",
    "late": "#b42318",
    "not_started": "#9aa0a6",
}


@dataclass
class Axes:
    """How the page names things: ``month`` turns a month into its label (e.g.
    "déc. 2026"); ``levels`` names each proficiency level by number."""

    month: Callable[[Any], str] = lambda m: pd.Timestamp(m).strftime("%Y-%m")
    levels: Mapping[int, str] = field(default_factory=dict)


def wrap(label: Any, width: int = 22) -> str:
    """A long label on several lines (plotly breaks lines at ``<br>``)."""
    return "<br>".join(textwrap.wrap(str(label), width=width)) or str(label)


def _short(label: Any, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word with "…"."""
    return textwrap.shorten(str(label), width=width, placeholder="…")


def _months(frame: pd.DataFrame, axes: Axes) -> list[str]:
    """Every month of ``frame``, in order, as labels."""
    return [axes.month(m) for m in sorted(pd.to_datetime(frame["month"]).unique())]


def _layout(figure: go.Figure, *, title: str, height: int) -> go.Figure:
    text = wrap(title, 34)  # fits a 390 px phone at the title font size
    lines = text.count("<br>") + 1
    figure.update_layout(
        # Anchored at the top of the figure, with room for every line: a wrapped
        # title centred in a fixed margin lost its first line above the figure.
        title={
            "text": text,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            # plotly lifts a title of several lines by about 15 px a line
            # beyond the first: without this, the first line was cut off.
            "pad": {"t": 8 + 16 * (lines - 1)},
        },
        height=height + 36 * (lines - 1),
        margin={"l": 10, "r": 10, "t": 30 + 20 * lines + 16 * (lines - 1), "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
    )
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return figure


def _month_axis(figure: go.Figure, labels: list[str], title: str) -> None:
    figure.update_xaxes(
        type="category", categoryorder="array", categoryarray=labels, title=title
    )


def _count_axis(figure: go.Figure, top: float, title: str, **kwargs: Any) -> None:
    """Counts of people: integers only, from zero."""
    axis: dict[str, Any] = {"title": title, "rangemode": "tozero", "tickformat": "d"}
    if top < 10:
        axis["dtick"] = 1
    if kwargs.get("horizontal"):
        figure.update_xaxes(**axis)
    else:
        figure.update_yaxes(**axis)


def _top(values: pd.Series) -> float:
    return float(values.max()) if len(values) and values.notna().any() else 0.0
