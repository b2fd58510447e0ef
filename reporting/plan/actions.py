"""Every write of the plan: each in a transaction, each row checked with
``full_clean`` before it is saved, so bad input changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.actions import create_assignment, create_learning_path
from courses.community.models import Community
from courses.models import Assignment, CoursePage, LearningPath
from lms.models import Department, User
from reporting.plan.models import (
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
from reporting.plan.queries import forget_plan_manager
from skills.models import Competence

# The transitions HR may record: submitted to the council, returned to draft
# (the council asked for changes), adopted by the council's vote.
TRANSITIONS = {
    (Plan.Status.DRAFT, Plan.Status.SUBMITTED),
    (Plan.Status.SUBMITTED, Plan.Status.DRAFT),
    (Plan.Status.SUBMITTED, Plan.Status.ADOPTED),
}


def _save(instance: Any) -> Any:
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def save_pilot(
    pilot: Pilot,
    *,
    by: User,
    team: Iterable[User] = (),
    competences: Iterable[Competence] = (),
) -> Pilot:
    """Create or update ``pilot`` for ``by``'s town with its team and
    competences (people of the town only)."""
    if pilot.organisation_id is None:
        pilot.organisation_id = by.organisation_id
    team = list(team)
    if any(p.organisation_id != pilot.organisation_id for p in team):
        raise ValidationError(_("The team is made of people of your own town."))
    _save(pilot)
    pilot.team.set(team)
    pilot.competences.set(list(competences))
    return pilot


@transaction.atomic
def decide_pilot(pilot: Pilot, *, by: User, decision: str, results: str) -> Pilot:
    if decision not in {c for c in Pilot.Decision.values if c}:
        raise ValidationError(_("Choose stop, continue or scale."))
    pilot.decision = decision
    pilot.results = results
    pilot.decided_by = by
    pilot.decided_at = timezone.now()
    return _save(pilot)


@transaction.atomic
def save_plan(plan: Plan, *, by: User) -> Plan:
    if plan.organisation_id is None:
        plan.organisation_id = by.organisation_id
    return _save(plan)


@transaction.atomic
def move_plan(plan: Plan, *, by: User, to: str, note: str = "") -> Plan:
    """Record the plan's next status, with who and when."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if (locked.status, to) not in TRANSITIONS:
        raise ValidationError(
            _("A plan cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": locked.get_status_display(),
                "to": dict(Plan.Status.choices).get(to, to),
            }
        )
    _save(
        PlanTransition(
            plan=locked, from_status=locked.status, to_status=to, by=by, note=note
        )
    )
    locked.status = plan.status = to
    return _save(locked)


@transaction.atomic
def save_action(
    action: Action,
    *,
    competences: Sequence[Competence] = (),
    level: int = 1,
) -> Action:
    """Create or update ``action``; the competences it needs become
    ``competences`` at ``level`` (a level already set on a kept competence is
    replaced)."""
    _save(action)
    action.needs.exclude(competence__in=competences).delete()
    for competence in competences:
        need = action.needs.filter(competence=competence).first() or ActionCompetence(
            action=action, competence=competence
        )
        need.level = level
        _save(need)
    return action


@transaction.atomic
def scale_pilot(
    pilot: Pilot,
    *,
    plan: Plan,
    action: Action,
    competences: Sequence[Competence],
    level: int,
) -> Action:
    """The scaled pilot becomes ``action`` of ``plan`` (same town), linked to it."""
    if pilot.decision != Pilot.Decision.SCALE:
        raise ValidationError(_("Only a pilot decided “scale” becomes a plan action."))
    if plan.organisation_id != pilot.organisation_id:
        raise ValidationError(_("Choose a plan of your own organisation."))
    action.plan = plan
    action.pilot = pilot
    return save_action(action, competences=competences, level=level)


@transaction.atomic
def add_milestone(action: Action, *, title: str, due_on: dt.date) -> Milestone:
    return _save(Milestone(action=action, title=title, due_on=due_on))


@transaction.atomic
def complete_milestone(milestone: Milestone, *, on: dt.date | None = None) -> Milestone:
    milestone.done_on = on or timezone.localdate()
    return _save(milestone)


@transaction.atomic
def record_value(
    action: Action, *, by: User, measured_on: dt.date, value: Decimal
) -> IndicatorValue:
    return _save(
        IndicatorValue(
            action=action, measured_on=measured_on, value=value, recorded_by=by
        )
    )


@transaction.atomic
def comment_on(plan: Plan, *, by: User, body: str) -> Comment:
    if not plan.is_open_for_comments:
        raise ValidationError(_("The plan is adopted: comments are closed."))
    return _save(Comment(plan=plan, author=by, body=body))


@transaction.atomic
def publish_practice(
    pilot: Pilot, *, by: User, summary: str, community: Community | None = None
) -> Practice:
    if pilot.decision != Pilot.Decision.SCALE:
        raise ValidationError(_("Only a scaled pilot can be shared with the network."))
    if Practice.objects.filter(pilot=pilot).exists():
        raise ValidationError(_("This pilot is already shared."))
    return _save(
        Practice(
            pilot=pilot,
            organisation_id=pilot.organisation_id,
            summary=summary,
            community=community,
            published_by=by,
        )
    )


@transaction.atomic
def link_practice_to_community(
    practice: Practice, community: Community | None
) -> Practice:
    """Name (or change, or clear) the community where the practice is discussed."""
    practice.community = community
    return _save(practice)


@transaction.atomic
def adopt_practice(
    practice: Practice,
    *,
    plan: Plan,
    department: Department,
    starts_on: dt.date,
    ends_on: dt.date,
    target: Decimal,
    level: int,
) -> Action:
    """Another town's practice becomes an action of ``plan``, crediting it."""
    if department.organisation_id != plan.organisation_id:
        raise ValidationError(_("Choose a department of your own organisation."))
    pilot = practice.pilot
    action = Action(
        plan=plan,
        practice=practice,
        title=pilot.title,
        department=department,
        starts_on=starts_on,
        ends_on=ends_on,
        indicator=pilot.indicators[:200] or pilot.title[:200],
        target=target,
        cost=pilot.budget,
        risk="",
    )
    return save_action(action, competences=list(pilot.competences.all()), level=level)


@transaction.atomic
def assign_training(
    action: Action, *, by: User, course: CoursePage, due_date: dt.date
) -> Assignment:
    """The course becomes mandatory for the action's owner department (and its
    sub-departments), through the course core's own mandatory training."""
    assignment = create_assignment(
        action.plan.organisation,
        course=course,
        created_by=by,
        due_kind=Assignment.DueKind.FIXED,
        due_date=due_date,
        departments=[action.department],
    )
    action.assignments.add(assignment)
    return assignment


@transaction.atomic
def recommend_path(
    action: Action, *, by: User, courses: Sequence[CoursePage]
) -> LearningPath:
    """``courses`` (those that close the gap, in their order) become a
    recommended path for the action's owner department and its
    sub-departments, titled after the action, through the course core's own
    paths. Idempotent: an action that already made a path returns it."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    made = locked.learning_path
    if made is not None:
        action.learning_path = made
        return made
    path = create_learning_path(
        action.plan.organisation,
        title=action.title,
        reason=LearningPath.Reason.DIGITAL_PLAN,
        courses=courses,
        departments=[action.department],
        created_by=by,
    )
    locked.learning_path = action.learning_path = path
    locked.save(update_fields=["learning_path"])
    return path


@transaction.atomic
def appoint_plan_manager(person: User, *, by: User) -> PlanManager:
    """``by`` (HR) names ``person``, an active person of the same town, plan
    manager. An appointment left by the person's previous town is replaced."""
    if not by.is_hr_admin or not by.organisation_id:
        raise ValidationError(_("Only HR of the town names plan managers."))
    if person.organisation_id != by.organisation_id or not person.is_active:
        raise ValidationError(
            {"person": _("Choose an active person of your own town.")}
        )
    PlanManager.objects.filter(person=person).exclude(
        organisation_id=by.organisation_id
    ).delete()
    if PlanManager.objects.filter(person=person).exists():
        raise ValidationError({"person": _("This person is already a plan manager.")})
    manager = _save(
        PlanManager(organisation_id=by.organisation_id, person=person, appointed_by=by)
    )
    _forget_in_menu(person.pk)
    return manager


@transaction.atomic
def remove_plan_manager(manager: PlanManager) -> None:
    """The person goes back to what their other roles allow."""
    manager.delete()
    _forget_in_menu(manager.person_id)


def _forget_in_menu(person_id: int) -> None:
    """The main menu's cached answer for the person, dropped now and once the
    change is committed (a page read in between cannot keep the old one)."""
    forget_plan_manager(person_id)
    transaction.on_commit(partial(forget_plan_manager, person_id))
