"""plotly only: a frame in, a figure out. Titles, axes and legends live here.

Every figure gets a title saying what it shows, months as the page's own
words (``Axes.month``: a callable from a month to its label, no timestamp on an
axis), integer counts as integers, and labels wrapped so that long department
and course names stay readable on a phone.
"""

from __future__ import annotations

import math
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


def _radar_point(value: float | None, index: int, count: int) -> tuple[Any, Any]:
    """Where ``value`` sits on spoke ``index`` of ``count``, the first spoke
    pointing up and the others clockwise; a blank value is a gap (``None``)."""
    if value is None:
        return None, None
    angle = math.pi / 2 - 2 * math.pi * index / count
    return round(value * math.cos(angle), 4), round(value * math.sin(angle), 4)


def _radar_grid(figure: go.Figure, names: list[str], top: int) -> None:
    """Rings for each level and one spoke per axis, drawn as layout shapes, and
    the axis names around them. The radar is drawn on plain x/y axes so that the
    chart pages need plotly's cartesian bundle only (a third of the full one)."""
    count = len(names)
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    grid = {"color": "#c4c7cc", "width": 1}
    for level in range(1, top + 1):
        corners = [_radar_point(level, i, count) for i in range(count)]
        path = "M " + " L ".join(f"{x},{y}" for x, y in corners) + " Z"
        shapes.append({"type": "path", "path": path, "line": grid, "layer": "below"})
        annotations.append(
            {
                "x": 0,
                "y": level,
                "text": str(level),
                "showarrow": False,
                "font": {"size": 10, "color": "#5f6368"},
                "xanchor": "left",
            }
        )
    for index, name in enumerate(names):
        x, y = _radar_point(top, index, count)
        shapes.append(
            {
                "type": "line",
                "x0": 0,
                "y0": 0,
                "x1": x,
                "y1": y,
                "line": grid,
                "layer": "below",
            }
        )
        lx, ly = _radar_point(top * 1.12, index, count)
        annotations.append(
            {
                "x": lx,
                "y": ly,
                "text": name,
                "showarrow": False,
                "xanchor": "center"
                if abs(lx) < 0.2 * top
                else ("left" if lx > 0 else "right"),
                # Above the top spoke and below the bottom one, so that a name
                # on several lines never covers the level numbers.
                "yanchor": "middle"
                if abs(ly) < 0.2 * top
                else ("bottom" if ly > 0 else "top"),
            }
        )
    reach = top * 1.5
    hidden = {"visible": False, "range": [-reach, reach], "fixedrange": True}
    # No shaded rectangle behind a round chart: the rings are its background.
    figure.update_layout(shapes=shapes, annotations=annotations, plot_bgcolor="white")
    figure.update_xaxes(**hidden)
    figure.update_yaxes(**hidden, scaleanchor="x", scaleratio=1)


def _radar_trace(
    values: list[float | None], names: list[str], **trace: Any
) -> go.Scatter:
    """One closed line over the radar's spokes; hovering a point names its axis."""
    closed = [*values, values[0]] if values else []
    labels = [name.replace("<br>", " ") for name in [*names, names[0]]] if names else []
    points = [
        _radar_point(v, i % len(values), len(values)) for i, v in enumerate(closed)
    ]
    return go.Scatter(
        x=[x for x, _ in points],
        y=[y for _, y in points],
        customdata=[
            [label, value] for label, value in zip(labels, closed, strict=True)
        ],
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra>%{fullData.name}</extra>",
        mode="lines+markers",
        **trace,
    )


def skills_radar(frame: pd.DataFrame, *, top: int, labels: dict[str, str]) -> go.Figure:
    """Current vs expected level per competence (``levels_frame`` columns)."""
    codes = [str(code) for code in frame["code"]]
    figure = go.Figure()
    for column in ("expected", "level"):
        figure.add_trace(
            _radar_trace(
                [None if pd.isna(v) else float(v) for v in frame[column]],
                codes,
                name=labels[column],
                line={
                    "color": COLOURS[column],
                    "dash": "dot" if column == "expected" else "solid",
                },
                fill="toself" if column == "level" else None,
            )
        )
    _radar_grid(figure, codes, top)
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        legend={"orientation": "h"},
        height=460,
    )
    return figure


def skills_history(
    frame: pd.DataFrame,
    *,
    top: int,
    title: str,
    chart_title: str = "",
    names: Mapping[str, str] | None = None,
    axes: Axes | None = None,
) -> go.Figure:
    """One line per competence (named through ``names``): month-end level over
    time (``history_frame``), levels named on the axis through ``axes``."""
    axes = axes or Axes()
    names = names or {}
    figure = go.Figure()
    for code, group in frame.groupby("code", sort=True):
        figure.add_trace(
            go.Scatter(
                x=[axes.month(m) for m in group["month"]],
                y=group["level"].tolist(),
                mode="lines",
                name=names.get(str(code), str(code)),
                line={"shape": "hv"},
            )
        )
    _layout(figure, title=chart_title, height=460)
    _month_axis(figure, _months(frame, axes), "")
    ticks = list(range(top + 1))
    figure.update_yaxes(
        range=[0, top + 0.2],
        title=title,
        tickvals=ticks,
        ticktext=[axes.levels.get(n, str(n)) for n in ticks],
    )
    return figure


def growth_lines(
    frame: pd.DataFrame,
    *,
    title: str,
    y_title: str,
    x_title: str = "",
    axes: Axes | None = None,
) -> go.Figure:
    """One line per group (``growth_frame``): the share at or above the expected
    level (0–100 %) per month."""
    axes = axes or Axes()
    figure = go.Figure()
    for group, rows in frame.groupby("group", sort=True):
        figure.add_trace(
            go.Scatter(
                x=[axes.month(m) for m in rows["month"]],
                y=rows["share_at_or_above"].tolist(),
                mode="lines+markers",
                name=str(group),
                hovertemplate="%{x}: %{y:.0f} %<extra>%{fullData.name}</extra>",
            )
        )
    _layout(figure, title=title, height=440)
    _month_axis(figure, _months(frame, axes), x_title)
    figure.update_yaxes(range=[0, 100], title=y_title, ticksuffix=" %")
    return figure


def gap_heatmap(
    frame: pd.DataFrame,
    *,
    title: str,
    colour_title: str,
    x_title: str = "",
    column: str = "competence",
) -> go.Figure:
    """Mean gap per group (rows) and competence (columns): the height grows with
    the rows and long names are wrapped."""
    table = frame.pivot_table(
        index="group",
        columns=column,
        values="mean_gap",
        aggfunc="first",
        dropna=False,
    )
    figure = go.Figure(
        go.Heatmap(
            z=table.to_numpy().tolist(),
            # Many columns: one short line each, read at an angle; the full
            # name is in the hover and in the table below the chart.
            x=[_short(c, 26) for c in table.columns],
            customdata=[[str(c) for c in table.columns]] * len(table.index),
            y=[wrap(g, 28) for g in table.index],
            colorscale="OrRd",
            zmin=0,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": colour_title}},
            hovertemplate="%{y}<br>%{customdata}: %{z:.1f}<extra></extra>",
        )
    )
    crowded = len(table.columns) > 6
    _layout(
        figure,
        title=title,
        height=max(360, 48 * len(table.index) + (320 if crowded else 240)),
    )
    figure.update_xaxes(type="category", tickangle=-60 if crowded else 0, title=x_title)
    figure.update_yaxes(type="category", autorange="reversed")
    return figure


def level_distribution(
    frame: pd.DataFrame,
    *,
    title: str,
    level_label: str,
    y_title: str = "",
    axes: Axes | None = None,
) -> go.Figure:
    """Stacked people per level (named) at each quarter end."""
    axes = axes or Axes()
    figure = go.Figure()
    for level, rows in frame.groupby("level", sort=True):
        name = axes.levels.get(int(level), f"{level_label} {level}")
        figure.add_trace(
            go.Bar(
                x=[axes.month(m) for m in rows["month"]],
                y=rows["people"].tolist(),
                name=name,
            )
        )
    _layout(figure, title=title, height=440)
    figure.update_layout(barmode="stack")
    _month_axis(figure, _months(frame, axes), "")
    totals = frame.groupby("month")["people"].sum() if len(frame) else frame["people"]
    _count_axis(figure, _top(totals), y_title)
    return figure


def compliance_bars(
    frame: pd.DataFrame, *, title: str, labels: dict[str, str], x_title: str = ""
) -> go.Figure:
    """Per assignment and group, people per status, as stacked horizontal bars
    with wrapped labels; the height grows with the rows."""
    figure = go.Figure()
    categories = [
        wrap(f"{a} — {g}", 34)
        for a, g in zip(frame["assignment"], frame["group"], strict=True)
    ]
    for status, label in labels.items():
        figure.add_trace(
            go.Bar(
                y=categories,
                x=frame[status].tolist(),
                name=label,
                orientation="h",
                marker={"color": STATUS_COLOURS.get(status)},
            )
        )
    lines = sum(c.count("<br>") + 1 for c in categories)
    _layout(figure, title=title, height=max(340, 22 * lines + 30 * len(frame) + 220))
    figure.update_layout(barmode="stack")
    figure.update_yaxes(type="category", autorange="reversed")
    _count_axis(figure, _top(frame["people"]), x_title, horizontal=True)
    return figure


def activity_lines(
    frame: pd.DataFrame,
    *,
    title: str,
    labels: dict[str, str],
    y_title: str = "",
    axes: Axes | None = None,
) -> go.Figure:
    """Per month, one line per count of people (``activity_frame``)."""
    axes = axes or Axes()
    figure = go.Figure()
    for column, label in labels.items():
        figure.add_trace(
            go.Scatter(
                x=[axes.month(m) for m in frame["month"]],
                y=frame[column].tolist(),
                mode="lines+markers",
                name=label,
            )
        )
    _layout(figure, title=title, height=380)
    _month_axis(figure, _months(frame, axes), "")
    top = max((_top(frame[c]) for c in labels), default=0.0)
    _count_axis(figure, top, y_title)
    return figure


def warm_up() -> None:
    """Build each kind of figure once, so plotly's per-trace validators load when a
    worker starts rather than during the first dashboard request (~0.3 s)."""
    empty = pd.DataFrame(
        {"month": [], "group": [], "share_at_or_above": [], "level": [], "people": []}
    )
    for figure in (
        go.Figure(go.Scatter()),
        go.Figure(go.Heatmap()),
        go.Figure(go.Bar()),
    ):
        figure.to_json()
    growth_lines(empty, title="", y_title="")


MATURITY_TRACES = (
    ("band", "#6b6f76", "dot"),
    ("previous", "#8a4b00", "dash"),
    ("score", "#0b5cab", "solid"),
)


def maturity_radar(
    frame: pd.DataFrame, *, title: str, labels: Mapping[str, str], top: int = 5
) -> go.Figure:
    """Maturity score per dimension (``frames.maturity.radar_frame``): this
    assessment filled, the previous one and the size band's median as lines
    when they have any value. A blank score leaves a gap in its line."""
    figure = go.Figure()
    names = [wrap(name, 18) for name in frame["dimension"]]
    for column, colour, dash in MATURITY_TRACES:
        if column not in frame or not frame[column].notna().any():
            continue
        figure.add_trace(
            _radar_trace(
                [None if pd.isna(v) else float(v) for v in frame[column]],
                names,
                name=labels[column],
                line={"color": colour, "dash": dash},
                fill="toself" if column == "score" else None,
            )
        )
    _layout(figure, title=title, height=500)
    _radar_grid(figure, names, top)
    figure.update_layout(legend={"orientation": "h"})
    return figure
