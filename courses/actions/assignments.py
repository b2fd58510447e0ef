"""Mandatory training: creating an assignment and sending its reminders."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import (
    Assignment,
    CoursePage,
    Enrolment,
    ReminderSent,
)
from courses.queries import (
    assignees_of,
    due_date_for,
)
from lms.models import Department, JobRole, Organisation, User

REMINDER_DAYS_BEFORE = 7


def send_assignment_reminders(*, today: dt.date | None = None) -> int:
    """E-mail people whose mandatory training is due within a week or overdue.

    One e-mail per person and run (the command runs daily), listing everything
    that person has due, so a campaign for a whole town sends each person one
    message rather than one per course. Each (assignment, person, kind) is
    recorded under a unique key before the e-mail goes, so no reminder is ever
    sent twice. Returns how many e-mails were sent.
    """
    today = today or timezone.localdate()
    due_items: dict[int, list[tuple[Assignment, dt.date, str]]] = defaultdict(list)
    people: dict[int, User] = {}
    for assignment in Assignment.objects.select_related("course", "organisation"):
        done = set(
            Enrolment.objects.filter(
                course=assignment.course_id, completed_at__isnull=False
            ).values_list("user_id", flat=True)
        )
        for person in assignees_of(assignment).exclude(pk__in=done).exclude(email=""):
            due = due_date_for(assignment, person)
            if due is None:
                continue
            kind: str
            if today > due:
                kind = ReminderSent.Kind.OVERDUE
            elif (due - today).days <= REMINDER_DAYS_BEFORE:
                kind = ReminderSent.Kind.BEFORE
            else:
                continue
            people[person.pk] = person
            due_items[person.pk].append((assignment, due, kind))
    sent = 0
    for pk, items in due_items.items():
        with transaction.atomic():
            fresh = []
            for assignment, due, kind in items:
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(
                            assignment=assignment, user_id=pk, kind=kind
                        )
                except IntegrityError:
                    continue  # already reminded of this one
                fresh.append((assignment, due, kind))
            if not fresh:
                continue
            _send_reminder(people[pk], sorted(fresh, key=lambda item: item[1]))
        sent += 1
    return sent


def _send_reminder(person: User, items: list[tuple[Assignment, dt.date, str]]) -> None:
    """One e-mail in the person's language listing what is due, soonest first."""
    with translation.override(person.preferred_language):
        if len(items) == 1:
            assignment, due, kind = items[0]
            template = (
                _("Overdue: %(course)s")
                if kind == ReminderSent.Kind.OVERDUE
                else _("Reminder: %(course)s")
            )
            subject = template % {"course": assignment.course.title}
        else:
            subject = ngettext(
                "Mandatory training: %(n)s course to complete",
                "Mandatory training: %(n)s courses to complete",
                len(items),
            ) % {"n": len(items)}
        lines = []
        for assignment, due, kind in items:
            if kind == ReminderSent.Kind.OVERDUE:
                body = _(
                    "The mandatory course “%(course)s” was due on %(due)s. "
                    "Please complete it as soon as you can."
                )
            else:
                body = _("The mandatory course “%(course)s” is due on %(due)s.")
            body = body % {
                "course": assignment.course.title,
                "due": due.strftime("%d/%m/%Y"),
            }
            parts = assignment.course.get_url_parts()
            if parts is not None:
                body += "\n\n" + settings.SITE_URL + parts[2]
            lines.append(body)
        send_mail(subject, "\n\n\n".join(lines), None, [person.email])


@transaction.atomic
def create_assignment(
    organisation: Organisation,
    *,
    course: CoursePage,
    created_by: User,
    due_kind: str,
    due_date: dt.date | None = None,
    due_days: int | None = None,
    existing_staff_due_date: dt.date | None = None,
    departments: Sequence[Department] = (),
    job_roles: Sequence[JobRole] = (),
    people: Sequence[User] = (),
    include_elected: bool = False,
) -> Assignment:
    assignment = Assignment(
        organisation=organisation,
        course=course.source,  # the course, in whichever language it is taken
        created_by=created_by,
        due_kind=due_kind,
        due_date=due_date,
        due_days=due_days,
        existing_staff_due_date=existing_staff_due_date,
        include_elected=include_elected,
    )
    assignment.full_clean()
    assignment.save()
    assignment.departments.set(departments)
    assignment.job_roles.set(job_roles)
    assignment.people.set(people)
    return assignment
