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
