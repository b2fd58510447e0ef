"""Skills beside the plan: the growth of a pilot's team over its
duration, the gap of an action's department and the courses that close it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CourseCompetence, CoursePage
from courses.queries import courses_visible_to
from lms.anonymity import K_ANONYMITY, publishable
from lms.models import User
from reporting.plan.models import (
    Action,
    Pilot,
)
from skills.models import Competence, MonthlySnapshot

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
