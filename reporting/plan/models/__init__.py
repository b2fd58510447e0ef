"""The plan's models, by topic: pilots and practices, plans and their
actions, plan managers. Re-exported here, so ``reporting.plan.models.Plan``
keeps its name (and the app label, tables and migrations stay as they were)."""

from reporting.plan.models.plans import (
    Action,
    ActionCompetence,
    Comment,
    IndicatorValue,
    Milestone,
    Pilot,
    Plan,
    PlanManager,
    PlanTransition,
    Practice,
)

__all__ = [
    "Action",
    "ActionCompetence",
    "Comment",
    "IndicatorValue",
    "Milestone",
    "Pilot",
    "Plan",
    "PlanManager",
    "PlanTransition",
    "Practice",
]
