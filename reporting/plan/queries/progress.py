"""Progress rolled up: each action's from its milestones and indicator,
the plan's from its actions, and the plan the council sees."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting.plan.models import (
    Action,
    Plan,
)

# --- progress ----------------------------------------------------------------


class State:
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    LATE = "late"
    DONE = "done"


def state_label(state: str) -> str:
    return {
        State.NOT_STARTED: _("not started"),
        State.ON_TRACK: _("on track"),
        State.LATE: _("late"),
        State.DONE: _("done"),
    }[state]


@dataclass
class ActionProgress:
    """How far one action is (see docs/plan.md, "How progress rolls up")."""

    action: Action
    milestones_done: int
    milestones_total: int
    latest_value: Decimal | None
    attainment: float | None  # latest value / target, at most 1
    progress: float  # 0..1
    state: str

    @property
    def percent(self) -> int:
        return round(100 * self.progress)

    @property
    def state_label(self) -> str:
        return state_label(self.state)


def action_progress(action: Action, *, today: dt.date | None = None) -> ActionProgress:
    """From ``action.milestones`` and ``action.values`` (prefetch them).

    Progress is the mean of the share of milestones done and of the indicator's
    attainment (latest value over target, capped at 100 %), over those the
    action has; an action with neither is at 0. Done at 100 %; late when its
    end date or an open milestone's due date has passed; not started before its
    start date; on track otherwise."""
    today = today or timezone.localdate()
    milestones = list(action.milestones.all())
    values = list(action.values.all())
    done = sum(1 for m in milestones if m.done_on)
    latest = values[-1].value if values else None
    attainment = (
        min(1.0, float(latest / action.target))
        if latest is not None and action.target > 0
        else None
    )
    share = done / len(milestones) if milestones else None
    measured = [p for p in (share, attainment) if p is not None]
    progress = sum(measured) / len(measured) if measured else 0.0
    if progress >= 1:
        state = State.DONE
    elif today > action.ends_on or any(
        m.due_on < today and not m.done_on for m in milestones
    ):
        state = State.LATE
    elif today < action.starts_on:
        state = State.NOT_STARTED
    else:
        state = State.ON_TRACK
    return ActionProgress(
        action, done, len(milestones), latest, attainment, progress, state
    )


@dataclass
class PlanProgress:
    plan: Plan
    actions: list[ActionProgress]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        """Each action weighs the same: the plan is the mean of its actions."""
        if not self.actions:
            return 0
        return round(100 * sum(a.progress for a in self.actions) / len(self.actions))

    @property
    def cost(self) -> Decimal:
        return sum((a.action.cost for a in self.actions), Decimal(0))

    @property
    def in_words(self) -> str:
        """One sentence for councillors."""
        if not self.actions:
            return _("The plan has no action yet.")
        parts = [
            f"{self.counts[s]} {state_label(s)}"
            for s in (State.DONE, State.ON_TRACK, State.LATE, State.NOT_STARTED)
            if self.counts.get(s)
        ]
        return ngettext(
            "The plan has %(n)d action: %(parts)s. Overall it is %(percent)d %% of "
            "the way.",
            "The plan has %(n)d actions: %(parts)s. Overall it is %(percent)d %% of "
            "the way.",
            len(self.actions),
        ) % {"n": len(self.actions), "parts": ", ".join(parts), "percent": self.percent}


def plan_actions(plan: Plan) -> QuerySet[Action]:
    return plan.actions.select_related(
        "department", "pilot", "practice__organisation"
    ).prefetch_related(
        "milestones",
        "values",
        Prefetch("needs", queryset=_needs()),
    )


def _needs() -> QuerySet:
    from reporting.plan.models import ActionCompetence

    return ActionCompetence.objects.select_related("competence")


def plan_progress(plan: Plan, *, today: dt.date | None = None) -> PlanProgress:
    """Every action's progress and the plan's (four queries)."""
    actions = [action_progress(a, today=today) for a in plan_actions(plan)]
    counts: dict[str, int] = defaultdict(int)
    for item in actions:
        counts[item.state] += 1
    return PlanProgress(plan, actions, dict(counts))


def council_plan(organisation_id: int) -> Plan | None:
    """The plan councillors see first: the latest adopted, else the latest."""
    plans = Plan.objects.filter(organisation_id=organisation_id)
    return (
        plans.filter(status=Plan.Status.ADOPTED).order_by("-starts_on", "-pk").first()
        or plans.order_by("-starts_on", "-pk").first()
    )
