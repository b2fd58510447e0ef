"""Django only: levels as the dashboards read them: growth, heatmap, distribution,
the framework's labels, and the rows the summary table is built from.

Organisation-wide figures read ``SkillsSummary``, whose cells describe at least
k people each (``reporting.frames.pool_small_cells``); a manager's team reads its
members' snapshots, person by person. No pandas here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _

from lms.models import Department, User
from reporting.models import SkillsSummary
from reporting.queries.scope import METRICS, STEP, Scope
from skills.models import Competence, MonthlySnapshot, ProficiencyLevel


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


def _group_key(scope: Scope) -> Any | None:
    """A manager's team: each person. Otherwise the departments one level below
    the filter (or directions), "" for cells of no department; None: one group."""
    if scope.team is not None:
        return F("person_id")
    if not scope.by_department:
        return None
    return Coalesce(Substr("department__path", 1, scope.group_depth * STEP), Value(""))


def group_names(scope: Scope) -> dict[Any, str]:
    """Labels of the groups ``_group_key`` makes: people's names for a team,
    department names otherwise. A filtered department's own group also holds the
    cells of its units too small to show; the organisation's, those of
    departments too small to show."""
    if scope.team is not None:
        return {
            person.pk: person.get_full_name() or person.username
            for person in User.objects.filter(pk__in=scope.team)
        }
    names: dict[Any, str] = dict(
        Department.objects.filter(
            organisation=scope.organisation, depth__lte=scope.group_depth
        ).values_list("path", "name")
    )
    if scope.department is not None:
        names[scope.department.path] = _(
            "%(name)s: own staff and units too small to show"
        ) % {"name": scope.department.name}
    else:
        names[""] = _("No department, or departments too small to show")
    return names


def _grouped(
    rows: QuerySet, scope: Scope, keys: list[str], metrics: dict[str, Any]
) -> list[dict[str, Any]]:
    expression = _group_key(scope)
    if expression is not None:
        rows = rows.annotate(group=expression)
        keys = ["group", *keys]
    return list(rows.values(*keys).annotate(**metrics).order_by(*keys))


def growth_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per month, group and competence: people, at_or_above, with_expectation,
    level_sum… (``frames.growth_frame`` counts each person once)."""
    rows, metrics = _base(scope)
    return _grouped(rows, scope, ["month", "competence"], metrics)


def heatmap_rows(scope: Scope) -> list[dict[str, Any]]:
    """Latest month: per group and competence, the gap metrics."""
    rows, metrics = _base(scope)
    return _grouped(rows.filter(month=scope.end), scope, ["competence__code"], metrics)


def distribution_rows(scope: Scope) -> list[dict[str, Any]]:
    """Quarter ends (March, June, September, December and the current month):
    people per level on each competence. For the whole organisation (or a
    manager's team) only: counts per level are the finest split of the page, and
    a department's or job role's would give back, subtracted from another's, the
    levels of a few people."""
    if scope.team is None and scope.filtered:
        return []
    rows, metrics = _base(scope)
    rows = rows.filter(Q(month__month__in=[3, 6, 9, 12]) | Q(month=scope.end))
    return list(
        rows.values("month", "competence").annotate(**metrics).order_by("month")
    )


@dataclass
class FrameworkLabels:
    """Names the dashboards show instead of codes: ``levels`` by number,
    ``competences`` as (code, name, area code, area name) in code order."""

    levels: dict[int, str]
    competences: list[tuple[str, str, str, str]]

    def competence_names(self) -> dict[str, str]:
        return {code: f"{code} {name}" for code, name, _a, _n in self.competences}


def framework_labels(slug: str = "digcomp") -> FrameworkLabels:
    """The current framework's level and competence names, in the active
    language (two queries)."""
    levels = ProficiencyLevel.objects.filter(
        version__framework__slug=slug, version__is_current=True
    )
    competences = (
        Competence.objects.filter(
            version__framework__slug=slug, version__is_current=True
        )
        .select_related("area")
        .order_by("code")
    )
    return FrameworkLabels(
        levels={level.number: level.name for level in levels},
        competences=[(c.code, c.name, c.area.code, c.area.name) for c in competences],
    )


def summary_source_rows() -> list[dict[str, Any]]:
    """The skills summary before pooling: per organisation, department, job
    role, competence and month, the summary's counts, from the snapshots in one
    ``GROUP BY`` (no join: departments are few, ``department_paths`` maps them)."""
    return list(
        MonthlySnapshot.objects.values(
            "organisation_id", "department_id", "job_role_id", "competence_id", "month"
        )
        .annotate(**_snapshot_metrics())
        .order_by()
    )


def department_paths() -> dict[int, str]:
    """Every department's materialised path, by id."""
    return dict(Department.objects.values_list("pk", "path"))


def competences_by_pk(pks: Iterable[int]) -> dict[int, Competence]:
    """The competences of ``pks``, by primary key (one query)."""
    return {c.pk: c for c in Competence.objects.filter(pk__in=list(pks))}
