"""Django only: training as the dashboards read it: compliance with mandatory
training, activity, the funnel, elected officials' training.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from courses.models import Assignment, Enrolment, LessonCompletion
from courses.queries import assignment_report
from courses.records.models import Statement
from lms.models import User
from reporting.queries.scope import Scope


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
