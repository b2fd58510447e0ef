"""The plan's models, by topic: pilots and practices, plans and their
actions, plan managers. Re-exported here, so ``reporting.plan.models.Plan``
keeps its name (and the app label, tables and migrations stay as they were)."""

from reporting.plan.models.managers import PlanManager
from reporting.plan.models.pilots import Pilot, Practice
from reporting.plan.models.plans import (
    Action,
    ActionCompetence,
    Comment,
    IndicatorValue,
    Milestone,
    Plan,
    PlanTransition,
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
