"""pandas only: turn rows from ``reporting.queries`` into tidy frames.

``privacy``: the rule every published figure follows (k, pooling, complementary
suppression); ``dashboard``: the dashboards' frames; ``personal``: one person's
own levels; ``peer``: communities and mentoring. Each function's docstring
lists its input and output columns.
"""

from reporting.frames.dashboard import (
    BLANK,
    LEVELS,
    STATUSES,
    activity_frame,
    area_gap_frame,
    as_table,
    compliance_frame,
    distribution_frame,
    funnel_frame,
    growth_frame,
    headline_share,
    heatmap_frame,
    network_frame,
)
from reporting.frames.peer import community_frame, mentoring_frame
from reporting.frames.personal import history_frame, history_table, levels_frame
from reporting.frames.privacy import (
    EXPECTATION_COUNTS,
    K_ANONYMITY,
    SUMMARY_KEYS,
    Grouping,
    pool_small_cells,
    suppress_linked,
    tree_cells,
)

__all__ = [
    "BLANK",
    "EXPECTATION_COUNTS",
    "K_ANONYMITY",
    "LEVELS",
    "STATUSES",
    "SUMMARY_KEYS",
    "Grouping",
    "activity_frame",
    "area_gap_frame",
    "as_table",
    "community_frame",
    "compliance_frame",
    "distribution_frame",
    "funnel_frame",
    "growth_frame",
    "headline_share",
    "heatmap_frame",
    "history_frame",
    "history_table",
    "levels_frame",
    "mentoring_frame",
    "network_frame",
    "pool_small_cells",
    "suppress_linked",
    "tree_cells",
]
