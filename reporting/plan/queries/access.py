"""Reads of the plan: who may see or change what, progress rolled up, the
skills growth of a pilot's team and the skills gap of an action's department.

Who may do what (docs/plan.md): a town's HR admins and the plan managers HR
named among its people write its pilots and plan; its elected officials read them and comment on a plan before adoption; nobody
else, and nobody of another town, sees them (404 for another town's objects,
403 for a person of the town without the role).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.community.models import Community
from courses.community.queries import communities_visible_to
from courses.models import CourseCompetence, CoursePage
from courses.queries import courses_visible_to
from lms.anonymity import K_ANONYMITY, publishable
from lms.models import Department, Organisation, User
from reporting.plan.models import (
    Action,
    Milestone,
    Pilot,
    Plan,
    PlanManager,
    Practice,
)
from skills.models import Competence, MonthlySnapshot

# --- who may ---------------------------------------------------------------


_UNKNOWN = object()


def is_plan_manager(user: User) -> bool:
    """Whether HR of the person's own town named them plan manager. An
    appointment made by another town (the person has moved since) counts for
    nothing. One query per user object, kept on it for the request."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return False
    town = getattr(user, "_plan_manager_town", _UNKNOWN)
    if town is _UNKNOWN:
        town = (
            PlanManager.objects.filter(person_id=user.pk)
            .order_by()
            .values_list("organisation_id", flat=True)
            .first()
        )
        user._plan_manager_town = town  # type: ignore[attr-defined]
    return town == user.organisation_id


MENU_CACHE_KEY = "plan:manager-town:{}"
MENU_CACHE_SECONDS = 24 * 60 * 60


def forget_plan_manager(person_id: int) -> None:
    """Drop what the menu cached about ``person_id`` (appointed or removed)."""
    cache.delete(MENU_CACHE_KEY.format(person_id))


def shows_plan_menu(user: User) -> bool:
    """Whether the main menu links to the plan. HR and officials by their
    flags; anyone else when named plan manager of their own town, read where
    it costs nothing: on the user object when the page already asked, else in
    the cache (one query per person while it is cold, none after; the
    appointment and its removal clear it; a move of town needs no clearing,
    since the cached value is the appointing town)."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return False
    if user.is_hr_admin or user.is_elected:
        return True
    town = getattr(user, "_plan_manager_town", _UNKNOWN)
    if town is _UNKNOWN:
        key = MENU_CACHE_KEY.format(user.pk)
        town = cache.get(key, _UNKNOWN)
        if town is _UNKNOWN:
            town = (
                PlanManager.objects.filter(person_id=user.pk)
                .order_by()
                .values_list("organisation_id", flat=True)
                .first()
            )
            cache.set(key, town, MENU_CACHE_SECONDS)
        user._plan_manager_town = town  # type: ignore[attr-defined]
    return town == user.organisation_id


def may_read_plans(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and (user.is_hr_admin or user.is_elected or is_plan_manager(user))
    )


def may_write_plans(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and (user.is_hr_admin or is_plan_manager(user))
    )


def may_appoint_plan_managers(user: User) -> bool:
    """HR of the town only: a plan manager does not name others."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and user.is_hr_admin
    )


def town_id(user: User) -> int:
    """The person's town (0, which names none, for someone without one)."""
    return user.organisation_id or 0


def require_reader(user: User) -> None:
    if not may_read_plans(user):
        raise PermissionDenied


def require_writer(user: User) -> None:
    if not may_write_plans(user):
        raise PermissionDenied


def _own(user: User, queryset: QuerySet, pk: int, *, write: bool) -> object:
    (require_writer if write else require_reader)(user)
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_pilot_for(user: User, pk: int, *, write: bool = False) -> Pilot:
    pilots = Pilot.objects.filter(organisation_id=town_id(user))
    return _own(user, pilots.select_related("department"), pk, write=write)  # type: ignore[return-value]


def access_plan_for(user: User, pk: int, *, write: bool = False) -> Plan:
    plans = Plan.objects.filter(organisation_id=town_id(user))
    return _own(user, plans, pk, write=write)  # type: ignore[return-value]


def access_action_for(user: User, pk: int, *, write: bool = False) -> Action:
    actions = Action.objects.filter(plan__organisation_id=town_id(user)).select_related(
        "plan", "department", "pilot", "practice__organisation", "learning_path"
    )
    return _own(user, actions, pk, write=write)  # type: ignore[return-value]


def access_milestone_for(user: User, pk: int) -> Milestone:
    milestones = Milestone.objects.filter(
        action__plan__organisation_id=town_id(user)
    ).select_related("action")
    return _own(user, milestones, pk, write=True)  # type: ignore[return-value]


def require_appointer(user: User) -> None:
    if not may_appoint_plan_managers(user):
        raise PermissionDenied


def plan_managers_of(user: User) -> QuerySet[PlanManager]:
    """The plan managers of HR's own town (appointments left behind by a
    person who has moved to another town are not listed: they count for
    nothing)."""
    require_appointer(user)
    town = town_id(user)
    return PlanManager.objects.filter(
        organisation_id=town, person__organisation_id=town
    ).select_related("person__department", "appointed_by")


def access_plan_manager_for(user: User, pk: int) -> PlanManager:
    return _own(user, plan_managers_of(user), pk, write=True)  # type: ignore[return-value]


def people_of(user: User) -> QuerySet[User]:
    """The active people of HR's town, staff and officials alike."""
    require_appointer(user)
    return User.objects.filter(organisation_id=town_id(user), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def appointable_people(user: User) -> QuerySet[User]:
    """The active people of HR's town who are not plan managers of it yet."""
    return people_of(user).exclude(plan_manager__organisation_id=town_id(user))


def practices_for(user: User) -> QuerySet[Practice]:
    """Practices published by the towns of the person's network (their own
    included), newest first."""
    require_reader(user)
    network_id = user.organisation.network_id if user.organisation else None
    if network_id is None:
        return Practice.objects.filter(organisation_id=town_id(user))
    return Practice.objects.filter(organisation__network_id=network_id)


def access_practice_for(user: User, pk: int, *, write: bool = True) -> Practice:
    practices = practices_for(user).select_related(
        "pilot__department", "organisation", "community"
    )
    return _own(user, practices, pk, write=write)  # type: ignore[return-value]


# --- practices and the communities of practice ---------------------------------
#
# A practice names the community where it is discussed. The community app sits
# below reporting (courses may not import reporting), so this side reads the
# communities through ``courses.community.queries``, and the community page
# gets the practices of its theme through the panel registered in
# ``PlanConfig.ready`` (``courses.community.panels``).


def communities_for_practice(user: User, pilot: Pilot) -> QuerySet[Community]:
    """Communities a practice of ``pilot`` may name: those the publisher sees
    that every town of the network can read (open to the network, in the
    pilot's town's network) or, for a town without a network, the town's own.
    Those sharing the most competences with the pilot come first
    (``shared`` counts them)."""
    visible = communities_visible_to(user).filter(organisation__isnull=False)
    network_id = pilot.organisation.network_id
    if network_id is None:
        visible = visible.filter(organisation_id=pilot.organisation_id)
    else:
        visible = visible.filter(
            scope=Community.Scope.NETWORK, organisation__network_id=network_id
        )
    competence_ids = list(pilot.competences.values_list("pk", flat=True))
    shared = (
        Count("competences", filter=Q(competences__in=competence_ids), distinct=True)
        if competence_ids
        else Value(0)
    )
    return visible.annotate(shared=shared).order_by("-shared", "name", "pk")


def suggested_community(user: User, pilot: Pilot) -> Community | None:
    """The community sharing the most competences with the pilot (at least one)."""
    best = communities_for_practice(user, pilot).first()
    return best if best is not None and getattr(best, "shared", 0) > 0 else None


def visible_community_ids(user: User, practices: list[Practice]) -> set[int]:
    """Of the communities the practices name, those ``user`` may read (one
    query): a link is shown only to a community its reader can open."""
    ids = {p.community_id for p in practices if p.community_id}
    if not ids:
        return set()
    return set(
        communities_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )


def practices_of_community(user: User, community: Community) -> QuerySet[Practice]:
    """Practices that name ``community``, published by the reader's town or a
    town of the reader's network: a practice of another network is never
    shown, whatever community it names. The caller has checked that ``user``
    may read the community."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return Practice.objects.none()
    # The reader's network as a subquery: no round trip of its own.
    network = Organisation.objects.filter(
        pk=user.organisation_id, network__isnull=False
    ).values("network_id")
    own = Q(organisation_id=user.organisation_id) | Q(
        organisation__network_id__in=network
    )
    return (
        Practice.objects.filter(own, community=community)
        .select_related("pilot", "organisation")
        .order_by("-published_at", "-pk")
    )


def community_practices_panel(user: User, community: Community) -> dict[str, object]:
    """What the community page shows of the practices of its theme."""
    return {
        "practices": list(practices_of_community(user, community)),
        "may_read_plans": may_read_plans(user),
    }


def departments_of(user: User) -> QuerySet[Department]:
    return Department.objects.filter(organisation_id=town_id(user))


def staff_of(user: User) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=town_id(user), kind=User.Kind.STAFF, is_active=True
    ).order_by("last_name", "first_name")


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


# --- skills ------------------------------------------------------------------


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass
class GrowthRow:
    competence: Competence
    start: float
    end: float

    @property
    def growth(self) -> float:
        return round(self.end - self.start, 2)


@dataclass
class TeamGrowth:
    """Mean level of the pilot's team per competence, first and last month of
    the pilot (people without a level count 0). Blank below k people."""

    people: int
    start_month: dt.date
    end_month: dt.date
    rows: list[GrowthRow]
    message: str = ""


def pilot_team_growth(pilot: Pilot, *, today: dt.date | None = None) -> TeamGrowth:
    """From ``skills.MonthlySnapshot``: three queries (team, competences,
    snapshots)."""
    today = today or timezone.localdate()
    start = _month(pilot.starts_on)
    end = _month(min(pilot.ends_on or today, today))
    team = list(pilot.team.values_list("pk", flat=True))
    competences = list(pilot.competences.all())
    growth = TeamGrowth(len(team), start, end, [])
    if not team:
        growth.message = _("No team recorded: there is no skills growth to show.")
        return growth
    if not publishable(len(team)):
        growth.message = _(
            "The team has fewer than %(k)d people: its skills growth is not shown, "
            "to protect their privacy."
        ) % {"k": K_ANONYMITY}
        return growth
    if not competences:
        growth.message = _("No competence recorded for this pilot.")
        return growth
    totals: dict[tuple[int, dt.date], int] = defaultdict(int)
    for row in MonthlySnapshot.objects.filter(
        person_id__in=team, competence__in=competences, month__in=[start, end]
    ).values("competence_id", "month", "level"):
        totals[(row["competence_id"], row["month"])] += row["level"]
    n = len(team)
    growth.rows = [
        GrowthRow(
            c, round(totals[(c.pk, start)] / n, 2), round(totals[(c.pk, end)] / n, 2)
        )
        for c in competences
    ]
    return growth


@dataclass
class GapRow:
    competence: Competence
    level: int
    at_level: float | None  # share of the department's staff at the level
    mean_gap: float | None  # levels below the need, averaged over everyone


@dataclass
class ActionGap:
    people: int
    rows: list[GapRow]
    message: str = ""

    @property
    def has_gap(self) -> bool:
        return any(r.mean_gap for r in self.rows)


def action_gap(action: Action) -> ActionGap:
    """The owner department's (and its sub-departments') active staff against
    the levels the action needs, from each person's latest monthly snapshot
    (no level counts 0). Blank below k people. Three queries."""
    needs = list(action.needs.select_related("competence"))
    people = list(
        User.objects.filter(
            department__path__startswith=action.department.path,
            department__organisation_id=action.department.organisation_id,
            kind=User.Kind.STAFF,
            is_active=True,
        ).values_list("pk", flat=True)
    )
    gap = ActionGap(len(people), [])
    if not needs:
        gap.message = _("This action names no competence it needs.")
        return gap
    if not people or not publishable(len(people)):
        gap.message = _(
            "The department has fewer than %(k)d people: its skills are not "
            "shown, to protect their privacy."
        ) % {"k": K_ANONYMITY}
        gap.rows = [GapRow(n.competence, n.level, None, None) for n in needs]
        return gap
    latest: dict[tuple[int, int], tuple[dt.date, int]] = {}
    for row in MonthlySnapshot.objects.filter(
        person_id__in=people, competence_id__in=[n.competence_id for n in needs]
    ).values_list("person_id", "competence_id", "month", "level"):
        key = (row[0], row[1])
        if key not in latest or latest[key][0] < row[2]:
            latest[key] = (row[2], row[3])
    n = len(people)
    for need in needs:
        levels = [latest.get((p, need.competence_id), (None, 0))[1] for p in people]
        gap.rows.append(
            GapRow(
                need.competence,
                need.level,
                round(sum(1 for lv in levels if lv >= need.level) / n, 2),
                round(sum(max(0, need.level - lv) for lv in levels) / n, 2),
            )
        )
    return gap


@dataclass
class CourseForGap:
    course: CoursePage
    competences: list[Competence]


def courses_closing(user: User, gap: ActionGap) -> list[CourseForGap]:
    """Courses ``user`` may assign (``courses_visible_to``) that demonstrate a
    needed competence at the needed level or above (the courses' competence
    tags), most competences closed first, then by title. One query."""
    needed = {r.competence.pk: r.level for r in gap.rows if r.mean_gap != 0}
    if not needed:
        return []
    found: dict[int, CourseForGap] = {}
    for link in (
        CourseCompetence.objects.filter(
            competence_id__in=needed, course__in=courses_visible_to(user)
        )
        .select_related("course", "competence")
        .order_by("course_id", "sort_order")
    ):
        if link.level < needed[link.competence_id]:
            continue
        entry = found.setdefault(link.course_id, CourseForGap(link.course, []))
        if link.competence not in entry.competences:
            entry.competences.append(link.competence)
    return sorted(found.values(), key=lambda e: (-len(e.competences), e.course.title))
