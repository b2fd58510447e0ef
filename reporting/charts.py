"""plotly only: a frame in, a figure out. Titles and labels live here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

COLOURS = {"level": "#0b5cab", "expected": "#8a4b00"}


def skills_radar(frame: pd.DataFrame, *, top: int, labels: dict[str, str]) -> go.Figure:
    """Current vs expected level per competence (``levels_frame`` columns)."""
    codes = [*frame["code"], frame["code"].iloc[0]] if len(frame) else []
    figure = go.Figure()
    for column in ("expected", "level"):
        values = [*frame[column], frame[column].iloc[0]] if len(frame) else []
        figure.add_trace(
            go.Scatterpolar(
                r=values,
                theta=codes,
                name=labels[column],
                line={
                    "color": COLOURS[column],
                    "dash": "dot" if column == "expected" else "solid",
                },
                fill="toself" if column == "level" else None,
            )
        )
    figure.update_layout(
        polar={"radialaxis": {"range": [0, top], "dtick": 1}},
        margin={"l": 40, "r": 40, "t": 30, "b": 30},
        legend={"orientation": "h"},
        height=460,
    )
    return figure


def skills_history(frame: pd.DataFrame, *, top: int, title: str) -> go.Figure:
    """One line per competence: month-end level over time (``history_frame``)."""
    figure = go.Figure()
    for code, group in frame.groupby("code", sort=True):
        figure.add_trace(
            go.Scatter(
                x=group["month"],
                y=group["level"],
                mode="lines",
                name=str(code),
                line={"shape": "hv"},
            )
        )
    figure.update_layout(
        yaxis={"range": [0, top + 0.2], "dtick": 1, "title": title},
        margin={"l": 50, "r": 20, "t": 30, "b": 40},
        height=420,
    )
    return figure


def growth_lines(frame: pd.DataFrame, *, title: str, y_title: str) -> go.Figure:
    figure = go.Figure()
    for group, rows in frame.groupby("group", sort=True):
        figure.add_trace(
            go.Scatter(
                x=rows["month"],
                y=rows["share_at_or_above"],
                mode="lines+markers",
                name=str(group),
            )
        )
    figure.update_layout(
        title=title,
        yaxis={"range": [0, 100], "title": y_title},
        height=420,
        margin={"t": 50},
    )
    return figure


def gap_heatmap(frame: pd.DataFrame, *, title: str, colour_title: str) -> go.Figure:
    table = frame.pivot_table(
        index="group",
        columns="competence",
        values="mean_gap",
        aggfunc="first",
        dropna=False,
    )
    figure = go.Figure(
        go.Heatmap(
            z=table.values,
            x=list(table.columns),
            y=list(table.index),
            colorscale="OrRd",
            zmin=0,
            colorbar={"title": colour_title},
        )
    )
    figure.update_layout(
        title=title, height=max(320, 40 * len(table.index) + 160), margin={"t": 50}
    )
    return figure


def level_distribution(
    frame: pd.DataFrame, *, title: str, level_label: str
) -> go.Figure:
    figure = go.Figure()
    for level, rows in frame.groupby("level", sort=True):
        figure.add_trace(
            go.Bar(x=rows["month"], y=rows["people"], name=f"{level_label} {level}")
        )
    figure.update_layout(title=title, barmode="stack", height=400, margin={"t": 50})
    return figure


def compliance_bars(
    frame: pd.DataFrame, *, title: str, labels: dict[str, str]
) -> go.Figure:
    figure = go.Figure()
    categories = frame["assignment"] + " — " + frame["group"].astype(str)
    for status, label in labels.items():
        figure.add_trace(
            go.Bar(y=categories, x=frame[status], name=label, orientation="h")
        )
    figure.update_layout(
        title=title,
        barmode="stack",
        height=max(300, 36 * len(frame) + 160),
        margin={"t": 50},
    )
    return figure


def activity_lines(
    frame: pd.DataFrame, *, title: str, labels: dict[str, str]
) -> go.Figure:
    figure = go.Figure()
    for column, label in labels.items():
        figure.add_trace(
            go.Scatter(
                x=frame["month"], y=frame[column], mode="lines+markers", name=label
            )
        )
    figure.update_layout(title=title, height=360, margin={"t": 50})
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
        go.Figure(go.Scatterpolar()),
    ):
        figure.to_json()
    growth_lines(empty, title="", y_title="")
