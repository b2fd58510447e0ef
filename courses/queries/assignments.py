"""Mandatory training: who must take what by when, and who is done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Q,
    QuerySet,
)
from django.utils import timezone

from courses.models import (
    Assignment,
    CoursePage,
    Enrolment,
)
from lms.models import Department, User


@dataclass
class AssignedCourse:
    assignment: Assignment
    due: dt.date | None
    enrolment: Enrolment | None
    # The page shown: the course in the person's language, else its source.
    course: CoursePage | None = None

    @property
    def status(self) -> str:
        return assignment_status(self.due, self.enrolment)


def assignment_status(due: dt.date | None, enrolment: Enrolment | None) -> str:
    """done (on time) / late_done / late / in_progress / not_started."""
    today = timezone.localdate()
    if enrolment is not None and enrolment.completed_at is not None:
        finished = timezone.localtime(enrolment.completed_at).date()
        return "done" if due is None or finished <= due else "done_late"
    if due is not None and today > due:
        return "late"
    return "in_progress" if enrolment is not None else "not_started"


def due_date_for(assignment: Assignment, person: User) -> dt.date | None:
    """The person's due date: the fixed date; or N days after arrival, with the
    explicit date HR gave for staff already there when the assignment was
    created (or whose arrival date is unknown) when there is one."""
    if assignment.due_kind == Assignment.DueKind.FIXED:
        return assignment.due_date
    if assignment.existing_staff_due_date is not None and (
        assignment.is_existing_staff(person.hire_date)
    ):
        return assignment.existing_staff_due_date
    if person.hire_date is None or assignment.due_days is None:
        return None
    # Staff already there when HR created the assignment are counted from its
    # creation, not from an arrival years ago: a new campaign does not make
    # everybody late at once.
    start = max(person.hire_date, timezone.localtime(assignment.created_at).date())
    return start + dt.timedelta(days=assignment.due_days)


def assignees_of(assignment: Assignment) -> QuerySet[User]:
    """Active people of the assignment's town whom it targets, now."""
    people = User.objects.filter(
        organisation_id=assignment.organisation_id, is_active=True
    )
    condition = Q(pk__in=assignment.people.values("pk"))
    paths = list(assignment.departments.values_list("path", flat=True))
    for path in paths:
        condition |= Q(department__path__startswith=path, kind=User.Kind.STAFF)
    roles = assignment.job_roles.values("pk")
    condition |= Q(job_role__in=roles, kind=User.Kind.STAFF)
    if assignment.include_elected:
        condition |= Q(kind=User.Kind.ELECTED)
    return people.filter(condition).distinct()


def assignments_for(user: User) -> QuerySet[Assignment]:
    """Live assignments that target ``user`` now (one query)."""
    if user.organisation_id is None:
        return Assignment.objects.none()
    condition = Q(people=user)
    if user.is_elected:
        condition |= Q(include_elected=True)
    else:
        if user.job_role_id:
            condition |= Q(job_roles=user.job_role_id)
        department = user.department  # None without a query when there is none
        if department is not None:
            # Assigned to the person's department or to any department above it:
            # with materialised paths, those are the prefixes of its path.
            path = department.path
            step = Department.steplen
            prefixes = [path[:end] for end in range(step, len(path) + 1, step)]
            condition |= Q(departments__path__in=prefixes)
    return (
        Assignment.objects.filter(organisation_id=user.organisation_id)
        .filter(condition, course__live=True)
        .select_related("course")
        .distinct()
    )


def assignment_report(assignment: Assignment) -> list[dict[str, Any]]:
    """Each assignee with their due date and status (done, late, …): two queries."""
    people = list(
        assignees_of(assignment)
        .select_related("department")
        .order_by("last_name", "first_name")
    )
    enrolments = {
        e.user_id: e
        for e in Enrolment.objects.filter(
            course_id=assignment.course_id,
            user__in=assignees_of(assignment).values("pk"),
        )
    }
    rows = []
    for person in people:
        due = due_date_for(assignment, person)
        enrolment = enrolments.get(person.pk)
        rows.append(
            {"person": person, "due": due, "status": assignment_status(due, enrolment)}
        )
    return rows
