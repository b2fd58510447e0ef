"""Django only: aggregate in SQL and return rows with stable keys. No pandas here.

Organisation-wide figures read ``SkillsSummary``; a manager's team is small and
reads its members' snapshots. Every function takes a ``Scope`` built by
``scope_for`` from who is asking, so no query can reach outside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from courses.models import Assignment, Enrolment, LessonCompletion, Statement
from courses.queries import assignment_report
from lms.models import Department, JobRole, Organisation, User
from lms.queries import organisations_administered_by, reports_of
from reporting.models import SkillsSummary
from skills.models import MonthlySnapshot

STEP = Department.steplen
METRICS = (
    "people",
    "with_expectation",
    "at_or_above",
    "level_sum",
    "expected_sum",
    "level_sum_expected",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
)


@dataclass
class Scope:
    """What a report may show. ``team`` set: a manager's reports only."""

    organisation: Organisation
    start: dt.date
    end: dt.date
    department: Department | None = None
    job_role: JobRole | None = None
    area: str = ""
    competence: str = ""
    team: list[int] | None = None
    by_department: bool = True
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def group_depth(self) -> int:
        """Figures are grouped by the departments one level below the filter
        (the directions when there is none)."""
        return self.department.depth + 1 if self.department is not None else 1


def month_start(months_back: int) -> dt.date:
    today = timezone.localdate().replace(day=1)
    year, month = today.year, today.month - months_back + 1
    while month <= 0:
        year, month = year - 1, month + 12
    return dt.date(year, month, 1)


def scope_for(
    user: User, *, view: str, organisation_id: int | None, filters: dict[str, Any]
) -> Scope:
    """The scope ``user`` may see for ``view`` (hr, council, team), or 403."""
    months = filters.get("months") or 12
    start, end = month_start(months), timezone.localdate().replace(day=1)
    if view == "team":
        team = list(reports_of(user).values_list("pk", flat=True))
        if not team or user.organisation is None:
            raise PermissionDenied
        return Scope(
            user.organisation, start, end, team=team, area=filters.get("area") or ""
        )
    if view == "council":
        organisation = user.organisation
        if (
            not (user.is_elected or user.is_hr_admin or user.is_superuser)
            or organisation is None
        ):
            raise PermissionDenied
        if organisation_id and user.is_superuser:
            organisation = Organisation.objects.get(pk=organisation_id)
        return Scope(
            organisation,
            start,
            end,
            area=filters.get("area") or "",
            by_department=False,
        )
    organisations = organisations_administered_by(user)
    organisation = (
        organisations.filter(pk=organisation_id).first()
        if organisation_id
        else organisations.first()
    )
    if organisation is None:
        raise PermissionDenied
    department, job_role = filters.get("department"), filters.get("job_role")
    if department is not None and department.organisation_id != organisation.pk:
        raise PermissionDenied
    if job_role is not None and job_role.organisation_id != organisation.pk:
        raise PermissionDenied
    return Scope(
        organisation,
        start,
        end,
        department=department,
        job_role=job_role,
        area=filters.get("area") or "",
    )


def _sum_metrics() -> dict[str, Any]:
    return {name: Sum(name) for name in METRICS}


def _snapshot_metrics() -> dict[str, Any]:
    """The summary's columns computed on the fly from snapshots (small teams)."""
    has = Q(expected__isnull=False)

    def count_if(condition: Q) -> Sum:
        return Sum(
            Case(
                When(condition, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )

    return {
        "people": Count("pk"),
        "with_expectation": count_if(has),
        "at_or_above": count_if(has & Q(level__gte=F("expected"))),
        "level_sum": Sum("level"),
        "expected_sum": Sum("expected", default=0),
        "level_sum_expected": Sum(
            Case(When(has, then="level"), default=Value(0), output_field=IntegerField())
        ),
        "level_1": count_if(Q(level=1)),
        "level_2": count_if(Q(level=2)),
        "level_3": count_if(Q(level=3)),
        "level_4": count_if(Q(level__gte=4)),
    }


def _base(scope: Scope) -> tuple[QuerySet, dict[str, Any]]:
    if scope.team is not None:
        rows = MonthlySnapshot.objects.filter(person_id__in=scope.team)
        metrics = _snapshot_metrics()
    else:
        rows = SkillsSummary.objects.filter(organisation=scope.organisation)
        metrics = _sum_metrics()
        if scope.department is not None:
            rows = rows.filter(department__path__startswith=scope.department.path)
        if scope.job_role is not None:
            rows = rows.filter(job_role=scope.job_role)
    rows = rows.filter(month__gte=scope.start, month__lte=scope.end)
    if scope.area:
        rows = rows.filter(competence__area__code=scope.area)
    if scope.competence:
        rows = rows.filter(competence__code=scope.competence)
    return rows, metrics


def _group_key(scope: Scope) -> tuple[str, Any]:
    """Group by the departments one level below the filter (or directions)."""
    return "group", Substr("department__path", 1, scope.group_depth * STEP)


def group_names(scope: Scope) -> dict[str, str]:
    names = dict(
        Department.objects.filter(
            organisation=scope.organisation, depth__lte=scope.group_depth
        ).values_list("path", "name")
    )
    if scope.department is not None:
        names[scope.department.path] = scope.department.name
    return names


def growth_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per month (and department group): people, at_or_above, with_expectation, level_sum."""
    rows, metrics = _base(scope)
    keys = ["month"]
    if scope.by_department and scope.team is None:
        name, expression = _group_key(scope)
        rows = rows.annotate(**{name: expression})
        keys.append(name)
    return list(rows.values(*keys).annotate(**metrics).order_by(*keys))


def heatmap_rows(scope: Scope) -> list[dict[str, Any]]:
    """Latest month: per department group and competence, the gap metrics."""
    rows, metrics = _base(scope)
    rows = rows.filter(month=scope.end)
    keys = ["competence__code"]
    if scope.team is None and scope.by_department:
        name, expression = _group_key(scope)
        rows = rows.annotate(**{name: expression})
        keys.insert(0, name)
    return list(rows.values(*keys).annotate(**metrics).order_by(*keys))


def distribution_rows(scope: Scope) -> list[dict[str, Any]]:
    """Quarter ends (March, June, September, December and the current month):
    people per level."""
    rows, metrics = _base(scope)
    rows = rows.filter(Q(month__month__in=[3, 6, 9, 12]) | Q(month=scope.end))
    return list(rows.values("month").annotate(**metrics).order_by("month"))


def compliance_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per assignment and department group: how many are done, on time, late…"""
    result: dict[tuple[int, str], dict[str, Any]] = {}
    prefix = scope.group_depth * STEP
    for assignment in Assignment.objects.filter(
        organisation=scope.organisation
    ).select_related("course"):
        for row in assignment_report(assignment):
            person = row["person"]
            if scope.team is not None and person.pk not in scope.team:
                continue
            path = person.department.path[:prefix] if person.department else ""
            if scope.department is not None and not path.startswith(
                scope.department.path
            ):
                continue
            key = (assignment.pk, path if scope.by_department else "")
            entry = result.setdefault(
                key,
                {
                    "assignment": assignment.course.title,
                    "group": key[1],
                    "done": 0,
                    "done_late": 0,
                    "in_progress": 0,
                    "late": 0,
                    "not_started": 0,
                },
            )
            entry[row["status"]] += 1
    return list(result.values())


def activity_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per month: active learners (anyone with an xAPI statement) and completions."""
    start = dt.datetime.combine(
        scope.start, dt.time(), tzinfo=timezone.get_current_timezone()
    )
    people = User.objects.filter(organisation=scope.organisation)
    if scope.team is not None:
        people = people.filter(pk__in=scope.team)
    active = {
        row["m"].date() if hasattr(row["m"], "date") else row["m"]: row["n"]
        for row in Statement.objects.filter(actor__in=people, timestamp__gte=start)
        .annotate(m=TruncMonth("timestamp"))
        .values("m")
        .annotate(n=Count("actor", distinct=True))
    }
    completions = {
        row["m"].date() if hasattr(row["m"], "date") else row["m"]: row["n"]
        for row in Enrolment.objects.filter(user__in=people, completed_at__gte=start)
        .annotate(m=TruncMonth("completed_at"))
        .values("m")
        .annotate(n=Count("pk"))
    }
    months = sorted(set(active) | set(completions))
    return [
        {"month": m, "active": active.get(m, 0), "completions": completions.get(m, 0)}
        for m in months
    ]


def funnel_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per course: enrolled, started (a lesson done), completed."""
    people = User.objects.filter(organisation=scope.organisation)
    if scope.team is not None:
        people = people.filter(pk__in=scope.team)
    enrolments = Enrolment.objects.filter(user__in=people)
    started = LessonCompletion.objects.filter(enrolment=OuterRef("pk"))
    return list(
        enrolments.values("course__title")
        .annotate(
            enrolled=Count("pk"),
            started=Count("pk", filter=Q(Exists(started))),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
        .order_by("course__title")
    )


def network_rows(user: User) -> list[dict[str, Any]]:
    """This month, per town that shares its indicators: people and share at or
    above expectations. Platform admins, or HR of a town that shares, may see it."""
    mine = user.organisation
    if not (
        user.is_superuser or (user.is_hr_admin and mine and mine.shares_indicators)
    ):
        raise PermissionDenied
    towns = Organisation.objects.filter(shares_indicators=True)
    if not user.is_superuser:
        towns = towns.filter(network_id=mine.network_id)
    month = timezone.localdate().replace(day=1)
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month=month)
        .values("organisation__name")
        .annotate(**_sum_metrics())
        .order_by("organisation__name")
    )
