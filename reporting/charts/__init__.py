"""plotly only: a frame in, a figure out. Titles, axes and legends live here:
``common`` (what every figure shares), ``dashboard`` (lines, bars, heatmaps)
and ``radar`` (My skills' and the maturity diagnosis' radars)."""

from reporting.charts.common import COLOURS, STATUS_COLOURS, Axes, wrap
from reporting.charts.dashboard import (
    activity_lines,
    compliance_bars,
    gap_heatmap,
    growth_lines,
    level_distribution,
    skills_history,
    warm_up,
)
from reporting.charts.radar import MATURITY_TRACES, maturity_radar, skills_radar

__all__ = [
    "COLOURS",
    "MATURITY_TRACES",
    "STATUS_COLOURS",
    "Axes",
    "activity_lines",
    "compliance_bars",
    "gap_heatmap",
    "growth_lines",
    "level_distribution",
    "maturity_radar",
    "skills_history",
    "skills_radar",
    "warm_up",
    "wrap",
]
