"""plotly only: the dashboards' and My skills' line, bar and heatmap figures.

Every figure gets a title saying what it shows, months as the page's own
words (``Axes.month``: a callable from a month to its label, no timestamp on an
axis), integer counts as integers, and labels wrapped so that long department
and course names stay readable on a phone.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from reporting.charts.common import (
    STATUS_COLOURS,
    Axes,
    _count_axis,
    _layout,
    _month_axis,
    _months,
    _short,
    _top,
    wrap,
)


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
