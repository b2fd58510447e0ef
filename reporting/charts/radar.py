"""plotly only: radars drawn on hidden x/y axes (rings and spokes as layout
shapes, names as annotations), so the chart pages load plotly's cartesian
bundle only: My skills' levels and the maturity diagnosis' scores."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from reporting.charts.common import COLOURS, _layout, wrap


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
