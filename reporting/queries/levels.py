"""Django only: aggregate in SQL and return rows with stable keys. No pandas here.

Organisation-wide figures read ``SkillsSummary``, whose cells describe at least
k people each (``reporting.frames.pool_small_cells``); a manager's team reads its
members' snapshots, person by person. Every function takes a ``Scope`` built by
``scope_for`` from who is asking, so no query can reach outside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.community.models import Post, Thread
from courses.mentoring import queries as mentoring_queries
from courses.mentoring.models import Pair
from courses.models import Assignment, Enrolment, LessonCompletion
from courses.queries import assignment_report
from courses.records.models import Statement
from lms.models import Department, JobRole, Organisation, User
from lms.queries import organisations_administered_by, reports_of
from reporting.models import SkillsSummary
from skills.models import Competence, MonthlySnapshot, ProficiencyLevel

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
    """What a report may show. ``team`` set: a manager's reports only, person by
    person (they are not an anonymous population to their manager)."""

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

    @property
    def filtered(self) -> bool:
        """A department or job role narrows an organisation's population."""
        return self.department is not None or self.job_role is not None


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


def compliance_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per assignment and department (its path, "" for none): how many people
    are done, done late, in progress, late, not started — for the whole
    organisation whatever the filter, so each figure is blanked alike on every
    page. A manager's team: per assignment and person (``group``)."""
    statuses = ("done", "done_late", "in_progress", "late", "not_started")
    result: dict[tuple[int, Any], dict[str, Any]] = {}
    for assignment in Assignment.objects.filter(
        organisation=scope.organisation
    ).select_related("course"):
        for row in assignment_report(assignment):
            person = row["person"]
            if scope.team is None:
                key = "path"
                where = person.department.path if person.department else ""
            elif person.pk in scope.team:
                key, where = "group", person.pk
            else:
                continue
            entry = result.setdefault(
                (assignment.pk, where),
                {
                    "assignment": assignment.course.title,
                    key: where,
                    **dict.fromkeys(statuses, 0),
                },
            )
            entry[row["status"]] += 1
    return list(result.values())


def activity_rows(scope: Scope) -> list[dict[str, Any]]:
    """Per month: active learners (anyone with an xAPI statement) and learners
    who completed a course, each counted once."""
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
    completed = {
        row["m"].date() if hasattr(row["m"], "date") else row["m"]: row["n"]
        for row in Enrolment.objects.filter(user__in=people, completed_at__gte=start)
        .annotate(m=TruncMonth("completed_at"))
        .values("m")
        .annotate(n=Count("user", distinct=True))
    }
    months = sorted(set(active) | set(completed))
    return [
        {"month": m, "active": active.get(m, 0), "completed": completed.get(m, 0)}
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


def network_towns(user: User) -> QuerySet[Organisation]:
    """The towns that share their indicators and ``user`` may compare: platform
    admins all of them, HR of a town that shares those of its network; 403
    otherwise."""
    mine = user.organisation
    if not (
        user.is_superuser or (user.is_hr_admin and mine and mine.shares_indicators)
    ):
        raise PermissionDenied
    towns = Organisation.objects.filter(shares_indicators=True)
    if not user.is_superuser and mine is not None:
        towns = towns.filter(network_id=mine.network_id)
    return towns.order_by("name")


def network_rows(towns: QuerySet[Organisation]) -> list[dict[str, Any]]:
    """This month, per town and competence: people, at or above expectations…
    (``frames.network_frame`` counts each person once)."""
    month = timezone.localdate().replace(day=1)
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month=month)
        .values("competence", town=F("organisation__name"))
        .annotate(**_sum_metrics())
        .order_by("town")
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


def officials_training_rows(scope: Scope) -> list[dict[str, Any]]:
    """The elected officials' own track: per assignment that includes them, how
    many officials are done on time, done late, in progress, late, not started."""
    rows = []
    for assignment in Assignment.objects.filter(
        organisation=scope.organisation, include_elected=True
    ).select_related("course"):
        counts = dict.fromkeys(
            ("done", "done_late", "in_progress", "late", "not_started"), 0
        )
        for row in assignment_report(assignment):
            if row["person"].is_elected:
                counts[row["status"]] += 1
        rows.append({"assignment": assignment.course.title, **counts})
    return rows


def network_growth_rows(
    towns: QuerySet[Organisation], start: dt.date
) -> list[dict[str, Any]]:
    """Per month since ``start``, town and competence: the summary's counts
    (``frames.growth_frame`` with the town as the group)."""
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month__gte=start)
        .values("month", "competence", group=F("organisation__name"))
        .annotate(**_sum_metrics())
        .order_by("group", "month")
    )


def network_area_rows(towns: QuerySet[Organisation]) -> list[dict[str, Any]]:
    """This month, per town, competence area and competence: the gap counts
    (``frames.area_gap_frame`` counts each person once per area)."""
    month = timezone.localdate().replace(day=1)
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month=month)
        .values(
            "competence",
            group=F("organisation__name"),
            area=F("competence__area__code"),
        )
        .annotate(**_sum_metrics())
        .order_by("group", "area")
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


# --- Peer learning: communities and mentoring (aggregates of one town) -------


def community_rows(scope: Scope) -> dict[str, list[Any]]:
    """The town's people in communities of practice, per month since
    ``scope.start`` (visible messages only), each count with the number of
    distinct people behind it:

    - ``active``: month, active (people who posted);
    - ``questions``: month, questions, askers, answered (questions with a reply
      of someone else), answered_askers, unanswered_askers;
    - ``accepted``: month, accepted_answers (answers by the town's people accepted, by
      the month of the answer), answerers;
    - ``people``: one row, people (distinct people behind any of it).
    Three queries and one aggregate; the whole town, whatever the filters.
    """
    town = scope.organisation
    posts = Post.objects.filter(
        author__organisation=town,
        author__is_active=True,
        hidden_at__isnull=True,
        created_at__date__gte=scope.start,
    )
    active = list(
        posts.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(active=Count("author", distinct=True))
        .order_by("month")
    )
    replied = Post.objects.filter(
        thread=OuterRef("pk"), hidden_at__isnull=True
    ).exclude(author=OuterRef("author"))
    answered = Q(has_reply=True)
    questions = list(
        Thread.objects.filter(
            kind=Thread.Kind.QUESTION,
            author__organisation=town,
            author__is_active=True,
            created_at__date__gte=scope.start,
        )
        .annotate(month=TruncMonth("created_at"), has_reply=Exists(replied))
        .values("month")
        .annotate(
            questions=Count("pk"),
            askers=Count("author", distinct=True),
            answered=Count("pk", filter=answered),
            answered_askers=Count("author", distinct=True, filter=answered),
            unanswered_askers=Count("author", distinct=True, filter=~answered),
        )
        .order_by("month")
    )
    accepted = list(
        Thread.objects.filter(
            accepted__author__organisation=town,
            accepted__author__is_active=True,
            accepted__hidden_at__isnull=True,
            accepted__created_at__date__gte=scope.start,
        )
        .annotate(month=TruncMonth("accepted__created_at"))
        .values("month")
        .annotate(
            answerers=Count("accepted__author", distinct=True),
            accepted_answers=Count("pk"),
        )
        .order_by("month")
    )
    people = posts.aggregate(people=Count("author", distinct=True))["people"]
    return {
        "active": active,
        "questions": questions,
        "accepted": accepted,
        "people": [{"people": people}],
    }


def mentoring_rows(scope: Scope) -> list[dict[str, Any]]:
    """One row per mentoring with a member of the town (every round so far):
    status, mentor and mentee (the person's id when of the town, else None),
    sessions, minutes, and ``moved`` for a finished mentoring whose mentee is of
    the town (levels gained from the month before it started to the latest
    month-end after it, ``courses.mentoring.queries.movements``), else None.
    Two queries. Ids stay in reporting: ``frames.mentoring_frame`` counts
    distinct people from them and publishes nothing else about them."""
    town = scope.organisation.pk
    pairs = list(
        Pair.objects.filter(Q(mentor__organisation=town) | Q(mentee__organisation=town))
        .annotate(
            session_count=Count("sessions"),
            session_minutes=Coalesce(Sum("sessions__minutes"), 0),
        )
        .select_related("mentor", "mentee")
        .only(
            "status",
            "competence_id",
            "started_at",
            "finished_at",
            "mentor__organisation_id",
            "mentee__organisation_id",
        )
        .order_by("pk")
    )
    finished: list[Pair] = [
        p
        for p in pairs
        if p.status == Pair.Status.FINISHED and p.mentee.organisation_id == town
    ]
    moved = mentoring_queries.movements(finished)
    return [
        {
            "status": str(pair.status),
            "mentor": pair.mentor_id if pair.mentor.organisation_id == town else None,
            "mentee": pair.mentee_id if pair.mentee.organisation_id == town else None,
            "sessions": pair.session_count,
            "minutes": pair.session_minutes,
            "moved": moved[pair.pk].moved if pair.pk in moved else None,
        }
        for pair in pairs
    ]


def competences_by_pk(pks: Iterable[int]) -> dict[int, Competence]:
    """The competences of ``pks``, by primary key (one query)."""
    return {c.pk: c for c in Competence.objects.filter(pk__in=list(pks))}
