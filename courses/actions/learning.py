"""Every write of learner progress: enrolling, quizzes, lessons, courses (with
their attestation and evidence). Each action runs in a transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import activities
from courses.models import (
    Certificate,
    CourseCompetence,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)
from courses.queries import (
    lesson_is_reachable,
    lessons_of,
    may_take_course,
)
from courses.records import xapi
from courses.records.actions import record_event
from courses.scoring import InvalidAnswers, QuizResult, score_quiz
from lms.models import User
from skills.actions import record_evidence
from skills.models import Competence, Evidence


@transaction.atomic
def enrol(user: User, course: CoursePage) -> Enrolment:
    """Enrol ``user``; enrolling twice returns the first enrolment. The
    enrolment belongs to the course's source, whatever page it was taken from."""
    if not may_take_course(user, course):
        raise PermissionDenied
    course = course.source
    missing = course.prerequisites.exclude(
        enrolments__user=user, enrolments__completed_at__isnull=False
    )
    if missing.exists():
        raise ValidationError(
            _("Complete these courses first: %(titles)s")
            % {"titles": ", ".join(c.title for c in missing)}
        )
    enrolment, created = Enrolment.objects.get_or_create(user=user, course=course)
    if created:
        record_event(
            user,
            verb="registered",
            activity_kind="course",
            activity_key=course.pk,
            activity_name=course.title,
            statement_id=xapi.event_id("registered", user.pk, course.pk),
        )
    return enrolment


@dataclass(frozen=True)
class QuizSubmission:
    attempt: QuizAttempt
    result: QuizResult
    created: bool
    # The lesson this pass completed (its last quiz or activity): no extra click.
    completed: LessonCompletion | None = None


def submit_quiz(
    enrolment: Enrolment,
    *,
    lesson: LessonPage,
    block_id: str,
    answers: dict[int, list[int]],
    token: uuid.UUID,
) -> QuizSubmission:
    """Score and keep one attempt. The same form token twice records it once.

    The quiz is scored from the page the learner read (a translation, maybe);
    the attempt belongs to its source lesson, with the same block id (Wagtail's
    copy for translation keeps block ids).
    """
    existing = QuizAttempt.objects.filter(token=token).first()
    if existing is not None:
        return _replayed(existing, enrolment, lesson, block_id)
    quiz = _quiz_block(lesson, block_id).value
    played, lesson = lesson, lesson.source
    result = _score(quiz, answers)
    try:
        attempt = _save_attempt(
            enrolment, lesson, block_id, token, answers, result, quiz["max_attempts"]
        )
    except IntegrityError:  # the same token submitted concurrently
        existing = QuizAttempt.objects.get(token=token)
        return _replayed(existing, enrolment, lesson, block_id)
    _record_quiz_events(attempt, quiz=quiz, result=result)
    completed = None
    if result.passed:
        _record_quiz_evidence(enrolment, lesson, quiz, attempt)
        completed = complete_lesson_if_done(enrolment, played)
    return QuizSubmission(
        attempt=attempt, result=result, created=True, completed=completed
    )


def _score(quiz: Any, answers: dict[int, list[int]]) -> QuizResult:
    """The server's score of ``answers``; answers that do not fit the quiz are
    a ``ValidationError``."""
    try:
        return score_quiz(quiz, answers)
    except InvalidAnswers as error:
        raise ValidationError(_("These answers do not fit the quiz.")) from error


def _save_attempt(
    enrolment: Enrolment,
    lesson: LessonPage,
    block_id: str,
    token: uuid.UUID,
    answers: dict[int, list[int]],
    result: QuizResult,
    max_attempts: int | None,
) -> QuizAttempt:
    """Number and save the attempt, refused once the quiz is passed, every
    attempt is used or the lesson is out of reach. ``IntegrityError`` when the
    same token is being saved concurrently."""
    with transaction.atomic():
        # Lock the enrolment so concurrent submissions number attempts in turn.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if not lesson_is_reachable(enrolment, lesson):
            raise PermissionDenied
        previous = QuizAttempt.objects.filter(
            enrolment=enrolment, lesson=lesson, block_id=block_id
        )
        if previous.filter(passed=True).exists():
            raise ValidationError(_("You have already passed this quiz."))
        count = previous.count()
        if max_attempts and count >= max_attempts:
            raise ValidationError(_("You have used every attempt at this quiz."))
        attempt = QuizAttempt(
            token=token,
            enrolment=enrolment,
            lesson=lesson,
            block_id=block_id,
            number=count + 1,
            answers={str(k): v for k, v in sorted(answers.items())},
            score=result.score,
            passed=result.passed,
        )
        attempt.full_clean()
        attempt.save()
    return attempt


def _record_quiz_events(attempt: QuizAttempt, *, quiz: Any, result: QuizResult) -> None:
    """The learning record of an attempt: answered, then passed or failed."""
    lesson_pk = attempt.lesson_id
    for verb in ("answered", "passed" if result.passed else "failed"):
        record_event(
            attempt.enrolment.user,
            verb=verb,
            activity_kind="quiz",
            activity_key=f"{lesson_pk}/{attempt.block_id}",
            activity_name=str(quiz["title"]),
            statement_id=xapi.event_id(verb, attempt.token),
            parent=("lesson", lesson_pk),
            result={
                "score": {
                    "scaled": float(result.score),
                    "raw": result.percent,
                    "min": 0,
                    "max": 100,
                },
                "success": result.passed,
                "completion": True,
            },
        )


def complete_lesson_if_done(
    enrolment: Enrolment, lesson: LessonPage
) -> LessonCompletion | None:
    """Complete the lesson when nothing is left to pass in it (its last quiz or
    activity just passed), so the learner needs no extra click; ``None`` while
    something is left."""
    try:
        with transaction.atomic():
            return complete_lesson(enrolment, lesson)
    except ValidationError:
        return None


def _record_quiz_evidence(
    enrolment: Enrolment, lesson: LessonPage, quiz: Any, attempt: QuizAttempt
) -> None:
    """A passed quiz mapped to a competence is evidence at the mapped level."""
    code, level = quiz.get("competence_code"), quiz.get("competence_level")
    if not code or not level:
        return
    competence = Competence.objects.filter(
        version__is_current=True, version__framework__organisation=None, code=code
    ).first()
    if competence is None:
        return
    record_evidence(
        enrolment.user,
        competence=competence,
        level=level,
        source=Evidence.Source.QUIZ,
        source_ref=f"quiz:{lesson.pk}/{attempt.block_id}",
        observed_at=attempt.submitted_at,
        note=f"{quiz['title']} ({float(attempt.score) * 100:.0f} %)",
    )


def _replayed(
    attempt: QuizAttempt, enrolment: Enrolment, lesson: LessonPage, block_id: str
) -> QuizSubmission:
    if (attempt.enrolment_id, attempt.lesson_id, attempt.block_id) != (
        enrolment.pk,
        lesson.source.pk,
        block_id,
    ):
        raise PermissionDenied
    quiz = _quiz_block(lesson, block_id)
    answers = {int(k): v for k, v in attempt.answers.items()}
    return QuizSubmission(
        attempt=attempt, result=score_quiz(quiz.value, answers), created=False
    )


def _quiz_block(lesson: LessonPage, block_id: str) -> Any:
    for block in lesson.quiz_blocks():
        if block.id == block_id:
            return block
    raise ValidationError(_("This quiz is no longer part of the lesson."))


@transaction.atomic
def complete_lesson(enrolment: Enrolment, lesson: LessonPage) -> LessonCompletion:
    """Mark a reached lesson done once every quiz and activity in it is passed.

    ``lesson`` is the page the learner read; the completion belongs to its
    source, so the course is done in every language.
    """
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    played, lesson = lesson, lesson.source
    if lesson.course.pk != enrolment.course_id or not lesson_is_reachable(
        enrolment, lesson
    ):
        raise PermissionDenied
    passed = set(
        QuizAttempt.objects.filter(
            enrolment=enrolment, lesson=lesson, passed=True
        ).values_list("block_id", flat=True)
    )
    if any(block.id not in passed for block in played.quiz_blocks()):
        raise ValidationError(_("Pass every quiz in this lesson first."))
    done = activities.done_blocks(enrolment, played)
    if any(block.id not in done for block in played.activity_blocks()):
        raise ValidationError(
            _("Complete every interactive activity in this lesson first.")
        )
    completion, created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    enrolment.last_lesson = lesson
    enrolment.save(update_fields=["last_lesson"])
    if created:
        record_event(
            enrolment.user,
            verb="completed",
            activity_kind="lesson",
            activity_key=lesson.pk,
            activity_name=lesson.title,
            statement_id=xapi.event_id("completed-lesson", enrolment.pk, lesson.pk),
            parent=("course", enrolment.course_id),
            result={"completion": True},
        )
        _complete_course_if_done(enrolment)
    return completion


def _complete_course_if_done(enrolment: Enrolment) -> None:
    lessons = lessons_of(enrolment.course).values("pk")
    done = LessonCompletion.objects.filter(enrolment=enrolment, lesson__in=lessons)
    if enrolment.completed_at is not None or done.count() < lessons.count():
        return
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    user = enrolment.user
    trust = activities.trust_of(lessons_of(enrolment.course))
    Certificate.objects.create(
        enrolment=enrolment,
        holder_name=user.get_full_name() or user.username,
        course_title=enrolment.course.title,
        organisation_name=str(user.organisation or enrolment.course.organisation),
        established=trust,
    )
    record_event(
        user,
        verb="completed",
        activity_kind="course",
        activity_key=enrolment.course_id,
        activity_name=enrolment.course.title,
        statement_id=xapi.event_id("completed-course", enrolment.pk),
        result={"completion": True, "success": True},
    )
    _record_course_evidence(enrolment, trust)


def _record_course_evidence(enrolment: Enrolment, trust: str) -> None:
    """Completion counts as evidence for each competence the course demonstrates."""
    links = list(
        CourseCompetence.objects.filter(course_id=enrolment.course_id).select_related(
            "competence__version"
        )
    )
    if not links:
        return
    scores = list(
        QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list(
            "score", flat=True
        )
    )
    average = float(sum(scores) / len(scores) * 100) if scores else 100.0
    for link in links:
        if link.min_score is not None and average < link.min_score:
            continue
        record_evidence(
            enrolment.user,
            competence=link.competence,
            level=link.level,
            source=Evidence.Source.COURSE,
            trust=trust,
            source_ref=f"course:{enrolment.course_id}",
            observed_at=enrolment.completed_at,
            note=enrolment.course.title,
        )
