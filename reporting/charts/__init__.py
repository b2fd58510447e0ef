"""plotly only: a frame in, a figure out. Titles, axes and legends live here
(``dashboard``: the dashboards' and My skills' figures)."""

from reporting.charts.dashboard import (
    COLOURS,
    MATURITY_TRACES,
    STATUS_COLOURS,
    Axes,
    activity_lines,
    compliance_bars,
    gap_heatmap,
    growth_lines,
    level_distribution,
    maturity_radar,
    skills_history,
    skills_radar,
    warm_up,
    wrap,
)

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
