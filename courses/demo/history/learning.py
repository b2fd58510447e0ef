"""One person's course in the demo history: the enrolment, the lessons done, the
statements they left and the certificate.
"""

from __future__ import annotations

import datetime as dt
import random

from courses.models import (
    Certificate,
    CourseCompetence,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
)
from courses.records import xapi
from courses.records.models import Statement
from lms.models import User
from skills.models import Evidence


def _between(rng: random.Random, first: dt.datetime, last: dt.datetime) -> dt.datetime:
    span = max(0, int((last - first).total_seconds()))
    return first + dt.timedelta(seconds=rng.randint(0, span))


def _lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def _enrol(
    course: CoursePage, entries: list[tuple[User, dt.datetime]], *, complete: bool
) -> list[Enrolment]:
    lessons = _lessons(course)
    taken = set(
        Enrolment.objects.filter(
            course=course, user__in=[p for p, _ in entries]
        ).values_list("user_id", flat=True)
    )
    entries = [(p, w) for p, w in entries if p.pk not in taken]
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=person,
                course=course,
                enrolled_at=when - dt.timedelta(days=len(lessons) + 1),
                completed_at=when if complete else None,
                last_lesson=lessons[-1] if complete else lessons[0],
            )
            for person, when in entries
        ]
    )
    completions, statements = [], []
    for enrolment, (person, when) in zip(enrolments, entries, strict=True):
        done_lessons = lessons if complete else lessons[:1]
        for index, lesson in enumerate(done_lessons):
            at = when - dt.timedelta(days=len(done_lessons) - 1 - index)
            completions.append(
                LessonCompletion(enrolment=enrolment, lesson=lesson, completed_at=at)
            )
            statements.append(
                _statement(
                    person,
                    at,
                    ("completed-lesson", enrolment.pk, lesson.pk),
                    kind="lesson",
                    key=lesson.pk,
                    name=lesson.title,
                    parent=("course", course.pk),
                )
            )
        if complete:
            statements.append(
                _statement(
                    person,
                    when,
                    ("completed-course", enrolment.pk),
                    kind="course",
                    key=course.pk,
                    name=course.title,
                )
            )
    LessonCompletion.objects.bulk_create(completions, batch_size=2000)
    Statement.objects.bulk_create(statements, batch_size=1000)
    return enrolments


def _statement(
    person: User,
    when: dt.datetime,
    key_parts: tuple[object, ...],
    *,
    kind: str,
    key: object,
    name: str,
    parent: tuple[str, object] | None = None,
) -> Statement:
    statement_id = xapi.event_id(*key_parts)
    data = xapi.build_statement(
        person,
        verb="completed",
        activity_kind=kind,
        activity_key=key,
        activity_name=name,
        statement_id=statement_id,
        result={"completion": True},
        parent=parent,
        timestamp=when,
    )
    return Statement(
        id=statement_id,
        actor=person,
        verb=data["verb"]["id"],
        object_id=data["object"]["id"],
        organisation_id=person.organisation_id,
        timestamp=when,
        stored=when,
        data=data,
    )


def _complete(course: CoursePage, entries: list[tuple[User, dt.datetime]]) -> None:
    """Completed enrolments with their certificate, statements and the course's
    evidence (scored by the platform: the demo courses are quizzes)."""
    done = [
        (e, e.completed_at)
        for e in _enrol(course, entries, complete=True)
        if e.completed_at is not None
    ]
    Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=e,
                issued_at=when,
                holder_name=e.user.get_full_name() or e.user.username,
                course_title=course.title,
                organisation_name=str(e.user.organisation),
            )
            for e, when in done
        ]
    )
    links = list(CourseCompetence.objects.filter(course=course))
    Evidence.objects.bulk_create(
        [
            Evidence(
                person_id=e.user_id,
                competence_id=link.competence_id,
                level=link.level,
                source=Evidence.Source.COURSE,
                trust=Evidence.Trust.SERVER,
                source_ref=f"course:{course.pk}",
                observed_at=when,
                recorded_at=when,
                note=course.title,
            )
            for e, when in done
            for link in links
        ],
        batch_size=2000,
    )


def _start(course: CoursePage, entries: list[tuple[User, dt.datetime]]) -> None:
    _enrol(course, entries, complete=False)
