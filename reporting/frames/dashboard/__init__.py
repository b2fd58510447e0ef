"""pandas only: the dashboards' frames, by topic, each blanked by the privacy rule
(``reporting.frames.privacy``) before it is drawn, tabled or downloaded."""

from reporting.frames.dashboard.levels import (
    LEVELS,
    area_gap_frame,
    distribution_frame,
    growth_frame,
    headline_share,
    heatmap_frame,
    network_frame,
)
from reporting.frames.dashboard.tables import (
    BLANK,
    COUNT_COLUMNS,
    as_table,
)
from reporting.frames.dashboard.training import (
    STATUSES,
    activity_frame,
    compliance_frame,
    funnel_frame,
)

__all__ = [
    "BLANK",
    "COUNT_COLUMNS",
    "LEVELS",
    "STATUSES",
    "activity_frame",
    "area_gap_frame",
    "as_table",
    "compliance_frame",
    "distribution_frame",
    "funnel_frame",
    "growth_frame",
    "headline_share",
    "heatmap_frame",
    "network_frame",
]
