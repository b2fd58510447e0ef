"""Two years of monthly history for the demo towns, by topic; importers use
``courses.demo.history``."""

from courses.demo.history.campaigns import (
    CAMPAIGNS,
    LAGGING,
    MONTHS,
    PACES,
    PERSONAS,
    SYNTHETIC,
    USUAL_PACE,
    VOLUNTARY,
    Campaign,
    has_history,
    load_history,
)

__all__ = [
    "CAMPAIGNS",
    "Campaign",
    "LAGGING",
    "MONTHS",
    "PACES",
    "PERSONAS",
    "SYNTHETIC",
    "USUAL_PACE",
    "VOLUNTARY",
    "has_history",
    "load_history",
]
