"""Every write of learner state. Each action runs in a transaction."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses import package_store, scorm_runtime, xapi
from courses.h5p import LibraryRef, inspect_package
from courses.models import (
    Assignment,
    Certificate,
    CourseCompetence,
    CoursePage,
    Enrolment,
    H5PAnswer,
    H5PLibrary,
    H5PPackage,
    H5PResult,
    H5PUserData,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    ReminderSent,
    ScormAttempt,
    ScormPackage,
    ScormSco,
    ScormScoState,
    Statement,
)
from courses.queries import (
    assignees_of,
    done_activity_blocks,
    due_date_for,
    lesson_is_reachable,
    lessons_of,
    may_take_course,
)
from courses.scoring import InvalidAnswers, QuizResult, score_quiz
from courses.scorm import inspect_scorm
from lms.models import User
from skills.actions import record_evidence
from skills.models import Evidence


def record_statement(
    statement: dict[str, Any], *, actor: User
) -> tuple[Statement, bool]:
    """Store one statement; the same id twice stores it once. Returns (row, created)."""
    statement_id = uuid.UUID(statement["id"])
    timestamp = dt.datetime.fromisoformat(statement["timestamp"])
    try:
        with transaction.atomic():
            return Statement.objects.get_or_create(
                id=statement_id,
                defaults={
                    "actor": actor,
                    "verb": statement["verb"]["id"],
                    "object_id": statement["object"]["id"],
                    "organisation_id": actor.organisation_id,
                    "timestamp": timestamp,
                    "data": statement,
                },
            )
    except IntegrityError:  # the same id stored by a concurrent request
        return Statement.objects.get(id=statement_id), False


def _record(user: User, **kwargs: Any) -> None:
    record_statement(xapi.build_statement(user, **kwargs), actor=user)


@transaction.atomic
def enrol(user: User, course: CoursePage) -> Enrolment:
    """Enrol ``user``; enrolling twice returns the first enrolment."""
    if not may_take_course(user, course):
        raise PermissionDenied
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
        _record(
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


def submit_quiz(
    enrolment: Enrolment,
    *,
    lesson: LessonPage,
    block_id: str,
    answers: dict[int, list[int]],
    token: uuid.UUID,
) -> QuizSubmission:
    """Score and keep one attempt. The same form token twice records it once."""
    existing = QuizAttempt.objects.filter(token=token).first()
    if existing is not None:
        return _replayed(existing, enrolment, lesson, block_id)
    quiz = _quiz_block(lesson, block_id)
    try:
        result = score_quiz(quiz.value, answers)
    except InvalidAnswers as error:
        raise ValidationError(_("These answers do not fit the quiz.")) from error
    try:
        with transaction.atomic():
            # Lock the enrolment so concurrent submissions number attempts in turn.
            Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
            if not lesson_is_reachable(enrolment, lesson):
                raise PermissionDenied
            previous = QuizAttempt.objects.filter(
                enrolment=enrolment, lesson=lesson, block_id=block_id
            )
            max_attempts = quiz.value["max_attempts"]
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
    except IntegrityError:  # the same token submitted concurrently
        existing = QuizAttempt.objects.get(token=token)
        return _replayed(existing, enrolment, lesson, block_id)
    user = enrolment.user
    for verb in ("answered", "passed" if result.passed else "failed"):
        _record(
            user,
            verb=verb,
            activity_kind="quiz",
            activity_key=f"{lesson.pk}/{block_id}",
            activity_name=str(quiz.value["title"]),
            statement_id=xapi.event_id(verb, attempt.token),
            parent=("lesson", lesson.pk),
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
    if result.passed:
        _record_quiz_evidence(enrolment, lesson, quiz.value, attempt)
    return QuizSubmission(attempt=attempt, result=result, created=True)


def _record_quiz_evidence(
    enrolment: Enrolment, lesson: LessonPage, quiz: Any, attempt: QuizAttempt
) -> None:
    """A passed quiz mapped to a competence is evidence at the mapped level."""
    from skills.models import Competence

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
        lesson.pk,
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
    """Mark a reached lesson done once every quiz and activity in it is passed."""
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    if lesson.course.pk != enrolment.course_id or not lesson_is_reachable(
        enrolment, lesson
    ):
        raise PermissionDenied
    passed = set(
        QuizAttempt.objects.filter(
            enrolment=enrolment, lesson=lesson, passed=True
        ).values_list("block_id", flat=True)
    )
    if any(block.id not in passed for block in lesson.quiz_blocks()):
        raise ValidationError(_("Pass every quiz in this lesson first."))
    done = done_activity_blocks(enrolment, lesson)
    if any(
        block.id not in done for block in [*lesson.h5p_blocks(), *lesson.scorm_blocks()]
    ):
        raise ValidationError(
            _("Complete every interactive activity in this lesson first.")
        )
    completion, created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    enrolment.last_lesson = lesson
    enrolment.save(update_fields=["last_lesson"])
    if created:
        _record(
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
    Certificate.objects.create(
        enrolment=enrolment,
        holder_name=user.get_full_name() or user.username,
        course_title=enrolment.course.title,
        organisation_name=str(user.organisation or enrolment.course.organisation),
    )
    _record(
        user,
        verb="completed",
        activity_kind="course",
        activity_key=enrolment.course_id,
        activity_name=enrolment.course.title,
        statement_id=xapi.event_id("completed-course", enrolment.pk),
        result={"completion": True, "success": True},
    )
    _record_course_evidence(enrolment)


def _record_course_evidence(enrolment: Enrolment) -> None:
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
            source_ref=f"course:{enrolment.course_id}",
            observed_at=enrolment.completed_at,
            note=enrolment.course.title,
        )


REMINDER_DAYS_BEFORE = 7


def send_assignment_reminders(*, today: dt.date | None = None) -> int:
    """E-mail people whose mandatory training is due within a week or overdue.

    Each (assignment, person, kind) is recorded before the e-mail goes, under a
    unique key, so no reminder is ever sent twice. Returns how many were sent.
    """
    today = today or timezone.localdate()
    sent = 0
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
            if today > due:
                kind = ReminderSent.Kind.OVERDUE
            elif (due - today).days <= REMINDER_DAYS_BEFORE:
                kind = ReminderSent.Kind.BEFORE
            else:
                continue
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        assignment=assignment, user=person, kind=kind
                    )
                    _send_reminder(person, assignment, due, kind)
            except IntegrityError:
                continue
            sent += 1
    return sent


def _send_reminder(
    person: User, assignment: Assignment, due: dt.date, kind: str
) -> None:
    with translation.override(person.preferred_language):
        if kind == ReminderSent.Kind.OVERDUE:
            subject = _("Overdue: %(course)s") % {"course": assignment.course.title}
            body = _(
                "The mandatory course “%(course)s” was due on %(due)s. "
                "Please complete it as soon as you can."
            )
        else:
            subject = _("Reminder: %(course)s") % {"course": assignment.course.title}
            body = _("The mandatory course “%(course)s” is due on %(due)s.")
        body = body % {
            "course": assignment.course.title,
            "due": due.strftime("%d/%m/%Y"),
        }
        parts = assignment.course.get_url_parts()
        if parts is not None:
            body += "\n\n" + settings.SITE_URL + parts[2]
        send_mail(subject, body, None, [person.email])


@transaction.atomic
def create_assignment(
    organisation: Any,
    *,
    course: CoursePage,
    created_by: User,
    due_kind: str,
    due_date: dt.date | None = None,
    due_days: int | None = None,
    departments: list[Any] = (),  # type: ignore[assignment]
    job_roles: list[Any] = (),  # type: ignore[assignment]
    people: list[User] = (),  # type: ignore[assignment]
    include_elected: bool = False,
) -> Assignment:
    assignment = Assignment(
        organisation=organisation,
        course=course,
        created_by=created_by,
        due_kind=due_kind,
        due_date=due_date,
        due_days=due_days,
        include_elected=include_elected,
    )
    assignment.full_clean()
    assignment.save()
    assignment.departments.set(departments)
    assignment.job_roles.set(job_roles)
    assignment.people.set(people)
    return assignment


def import_h5p(
    source: Any,
    *,
    title: str = "",
    organisation: Any = None,
    uploaded_by: User | None = None,
) -> H5PPackage:
    """Check and store an .h5p package, whole or not at all.

    Files are extracted to a staging folder first; libraries and content move into
    place only once everything is valid and the database rows are written, and
    any failure removes what was moved. Raises ``H5PError`` with every problem.
    """
    installed = {
        LibraryRef(m, a, b)
        for m, a, b in H5PLibrary.objects.values_list(
            "machine_name", "major_version", "minor_version"
        )
    }
    info = inspect_package(source, installed=installed)
    if hasattr(source, "seek"):
        source.seek(0)
    staging = package_store.h5p_root() / f"staging-{uuid.uuid4()}"
    moved: list[Path] = []
    try:
        with zipfile.ZipFile(source) as archive:
            archive.extractall(staging)
        with transaction.atomic():
            libraries = _install_libraries(info, staging, moved)
            package = H5PPackage(
                title=(title or info.title)[:255],
                organisation=organisation,
                main_library=libraries[info.main_library],
                h5p_json=info.h5p_json,
                size_bytes=info.uncompressed_bytes,
                uploaded_by=uploaded_by,
            )
            package.full_clean(exclude=["main_library"])
            package.save()
            package.libraries.set([libraries[ref] for ref in info.required])
            target = package_store.content_root(package.key)
            target.mkdir(parents=True)
            moved.append(target)
            shutil.move(str(staging / "h5p.json"), target / "h5p.json")
            shutil.move(str(staging / "content"), target / "content")
    except Exception:
        for path in reversed(moved):
            shutil.rmtree(path, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return package


def _install_libraries(
    info: Any, staging: Path, moved: list[Path]
) -> dict[Any, H5PLibrary]:
    """Rows for every required library; bundled files installed when new or newer."""
    libraries: dict[Any, H5PLibrary] = {}
    for ref in info.required:
        existing = (
            H5PLibrary.objects.select_for_update()
            .filter(
                machine_name=ref.machine_name,
                major_version=ref.major,
                minor_version=ref.minor,
            )
            .first()
        )
        bundled = info.libraries.get(ref)
        if bundled is not None and (
            existing is None or bundled.patch > existing.patch_version
        ):
            target = package_store.libraries_root() / ref.folder
            if (
                target.exists()
            ):  # an older patch: keep it aside until the rows are saved
                backup = target.with_name(f"{ref.folder}.old-{uuid.uuid4()}")
                target.rename(backup)
                transaction.on_commit(
                    lambda b=backup: shutil.rmtree(b, ignore_errors=True)
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(staging / ref.folder), target)
            moved.append(target)
            library = existing or H5PLibrary(
                machine_name=ref.machine_name,
                major_version=ref.major,
                minor_version=ref.minor,
            )
            library.patch_version = bundled.patch
            library.title = bundled.title
            library.runnable = bundled.runnable
            library.metadata = bundled.metadata
            library.save()
            existing = library
        libraries[ref] = existing
    return libraries


COUNTING_VERBS = {xapi.VERBS["completed"], xapi.VERBS["answered"]}


def record_h5p_statement(
    enrolment: Enrolment, *, lesson: LessonPage, block_id: str, incoming: Any
) -> tuple[bool, bool]:
    """Store a statement the H5P player emitted for one block; returns
    (stored now, block passed).

    The server decides: the actor is the signed-in person, only a top-level
    ``completed``/``answered`` statement with ``result.score.scaled`` at or above the
    block's pass mark completes the block, and the same statement id twice is
    stored once. Inner statements (questions of a set) are stored, never counted.
    """
    block = _reachable_h5p_block(enrolment, lesson, block_id)
    user = enrolment.user
    data = incoming.model_dump(mode="json", exclude_none=True)
    data["actor"] = xapi.actor_for(user)
    data["version"] = xapi.XAPI_VERSION
    data["timestamp"] = timezone.now().isoformat()
    context = data.setdefault("context", {})
    context.setdefault("extensions", {}).update(xapi.people_context(user))
    context["platform"] = "CivicSkills (H5P)"
    with transaction.atomic():
        statement, created = record_statement(data, actor=user)
        if statement.actor_id != user.pk:
            raise PermissionDenied
        scaled = incoming.scaled
        counts = (
            created
            and incoming.is_top_level
            and incoming.verb.id in COUNTING_VERBS
            and scaled is not None
        )
        if counts:
            H5PResult.objects.create(
                statement=statement,
                enrolment=enrolment,
                lesson=lesson,
                block_id=block_id,
                package=block.value["package"],
                scaled=round(scaled, 4),
                passed=scaled * 100 >= block.value["pass_mark"],
            )
        if (
            created
            and incoming.verb.id == xapi.VERBS["answered"]
            and incoming.interaction_type not in (None, "compound")
        ):
            H5PAnswer.objects.create(
                statement=statement,
                enrolment=enrolment,
                package=block.value["package"],
                sub_content_id=incoming.sub_content_id,
                question=incoming.question,
                interaction_type=incoming.interaction_type,
                success=incoming.result.success if incoming.result else None,
                scaled=None if scaled is None else round(scaled, 4),
            )
    passed = H5PResult.objects.filter(
        enrolment=enrolment, lesson=lesson, block_id=block_id, passed=True
    ).exists()
    return created, passed


def _reachable_h5p_block(
    enrolment: Enrolment, lesson: LessonPage, block_id: str
) -> Any:
    block = next((b for b in lesson.h5p_blocks() if b.id == block_id), None)
    if block is None:
        raise ValidationError(_("This content is no longer part of the lesson."))
    if not lesson_is_reachable(enrolment, lesson):
        raise PermissionDenied
    return block


def save_h5p_user_data(
    enrolment: Enrolment, *, lesson: LessonPage, block_id: str, incoming: Any
) -> None:
    """Keep (or, for ``data=None``, forget) what the content saved to resume."""
    block = _reachable_h5p_block(enrolment, lesson, block_id)
    key = {
        "enrolment": enrolment,
        "lesson": lesson,
        "block_id": block_id,
        "package": block.value["package"],
        "sub_content_id": incoming.subContentId,
        "data_type": incoming.dataType,
    }
    if incoming.data is None:
        H5PUserData.objects.filter(**key).delete()
    else:
        H5PUserData.objects.update_or_create(
            **key, defaults={"data": incoming.data, "updated_at": timezone.now()}
        )


def import_scorm(
    source: Any,
    *,
    title: str = "",
    organisation: Any = None,
    uploaded_by: User | None = None,
) -> ScormPackage:
    """Check and store a SCORM package, whole or not at all (``ScormError``)."""
    info = inspect_scorm(source)
    if hasattr(source, "seek"):
        source.seek(0)
    package = ScormPackage(
        title=(title or info.title)[:255],
        organisation=organisation,
        version=info.version,
        edition=info.edition,
        identifier=info.identifier,
        structure=info.structure,
        size_bytes=info.uncompressed_bytes,
        uploaded_by=uploaded_by,
    )
    target = package_store.scorm_root(package.key)
    staging = target.with_name(f"staging-{package.key}")
    try:
        with zipfile.ZipFile(source) as archive:
            archive.extractall(staging)
        with transaction.atomic():
            package.full_clean()
            package.save()
            ScormSco.objects.bulk_create(
                ScormSco(
                    package=package,
                    identifier=sco.identifier,
                    title=sco.title,
                    launch=sco.launch,
                    position=position,
                    visible=sco.visible,
                    is_sco=sco.is_sco,
                    mastery_score=sco.mastery_score,
                    scaled_passing_score=sco.scaled_passing_score,
                    data_from_lms=sco.data_from_lms,
                )
                for position, sco in enumerate(info.scos)
            )
            staging.rename(target)
    except Exception:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return package


def _reachable_scorm_block(
    enrolment: Enrolment, lesson: LessonPage, block_id: str
) -> Any:
    block = next((b for b in lesson.scorm_blocks() if b.id == block_id), None)
    if block is None:
        raise ValidationError(_("This content is no longer part of the lesson."))
    if not lesson_is_reachable(enrolment, lesson):
        raise PermissionDenied
    return block


def current_scorm_attempt(
    enrolment: Enrolment, *, lesson: LessonPage, block_id: str, new: bool = False
) -> ScormAttempt:
    """The learner's latest attempt at a SCORM block (the first one on first
    launch); ``new=True`` starts another, keeping the earlier ones."""
    package = _reachable_scorm_block(enrolment, lesson, block_id).value["package"]
    attempts = ScormAttempt.objects.filter(
        enrolment=enrolment, lesson=lesson, block_id=block_id, package=package
    )
    latest = attempts.order_by("-number").first()
    if latest is not None and not new:
        return latest
    try:
        with transaction.atomic():
            return ScormAttempt.objects.create(
                enrolment=enrolment,
                lesson=lesson,
                block_id=block_id,
                package=package,
                number=latest.number + 1 if latest else 1,
            )
    except IntegrityError:  # the same launch in two tabs at once
        return attempts.order_by("-number").first()


def launch_sco(attempt: ScormAttempt, sco: ScormSco) -> ScormScoState:
    """Open a new session of a SCO. The previous session's time is closed into
    the total; its id is kept, because the last commit of a page that is being
    left (a beacon) reaches the server after the next page has launched."""
    with transaction.atomic():
        ScormScoState.objects.get_or_create(attempt=attempt, sco=sco)
        state = ScormScoState.objects.select_for_update().get(attempt=attempt, sco=sco)
        state.closed_seconds += state.session_seconds
        state.previous_session = state.session
        state.previous_sequence = state.sequence
        state.previous_seconds = state.session_seconds
        state.session = uuid.uuid4()
        state.sequence = 0
        state.session_seconds = 0
        state.launches += 1
        state.save()
    return state


def commit_scorm(state: ScormScoState, commit: Any) -> bool:
    """Apply one run-time commit; returns whether it changed anything.

    A commit of the current session applies when its sequence number is higher
    than the last one's. A late commit of the previous session (the beacon of the
    page just left) adds its time, and its data too while the current session
    has committed nothing. Anything else (a replay, an older session) changes
    nothing. Raises ``CommitInvalid``.
    """
    sco = state.sco
    reading = scorm_runtime.read_commit(
        commit.cmi,
        version=sco.package.version,
        mastery_score=sco.mastery_score,
        scaled_passing_score=sco.scaled_passing_score,
    )
    with transaction.atomic():
        current = (
            ScormScoState.objects.select_for_update(of=("self",))
            .select_related(
                "attempt__enrolment__user__organisation",
                "attempt__enrolment__user__department",
                "attempt__enrolment__user__job_role",
            )
            .get(pk=state.pk)
        )
        before = (
            current.completion_status,
            current.success_status,
            current.score_scaled,
        )
        if commit.session == current.session and commit.sequence > current.sequence:
            current.sequence = commit.sequence
            current.session_seconds = reading.session_seconds
            _keep_reading(current, reading)
        elif (
            commit.session == current.previous_session
            and commit.sequence > current.previous_sequence
        ):
            current.previous_sequence = commit.sequence
            current.closed_seconds += reading.session_seconds - current.previous_seconds
            current.previous_seconds = reading.session_seconds
            if current.sequence == 0:
                _keep_reading(current, reading)
        else:
            return False
        current.updated_at = timezone.now()
        current.save()
        if (
            current.completion_status,
            current.success_status,
            current.score_scaled,
        ) != before:
            _roll_up(current.attempt, sco.package)
            _record_scorm_change(current, sco)
    return True


def _keep_reading(state: ScormScoState, reading: Any) -> None:
    state.cmi = reading.cmi
    state.completion_status = reading.completion
    state.success_status = reading.success
    state.score_scaled = reading.score_scaled
    state.exit = reading.exit


def _roll_up(attempt: ScormAttempt, package: ScormPackage) -> None:
    """The attempt is complete once every required SCO (tracked and visible) is
    completed and not failed; its score is the mean of the SCOs' scaled scores."""
    states = {s.sco_id: s for s in ScormScoState.objects.filter(attempt=attempt)}
    required = [sco for sco in package.scos.all() if sco.counts]
    scores = [s.score_scaled for s in states.values() if s.score_scaled is not None]
    attempt.score_scaled = round(sum(scores) / len(scores), 4) if scores else None
    if attempt.completed_at is None and all(
        sco.pk in states and states[sco.pk].satisfied for sco in required
    ):
        attempt.completed_at = timezone.now()
    attempt.save(update_fields=["score_scaled", "completed_at"])


def _record_scorm_change(state: ScormScoState, sco: ScormSco) -> None:
    attempt = state.attempt
    user = attempt.enrolment.user
    if state.success_status in ("passed", "failed"):
        verb = state.success_status
    elif state.completion_status == "completed":
        verb = "completed"
    else:
        verb = "scored" if state.score_scaled is not None else "attempted"
    result: dict[str, Any] = {
        "completion": state.completion_status == "completed",
        "duration": scorm_runtime.format_duration(state.total_seconds, "2004"),
    }
    if state.success_status != "unknown":
        result["success"] = state.success_status == "passed"
    if state.score_scaled is not None:
        result["score"] = {"scaled": float(state.score_scaled)}
    _record(
        user,
        verb=verb,
        activity_kind="scorm",
        activity_key=f"{sco.package.key}/{quote(sco.identifier, safe='')}",
        activity_name=sco.title,
        statement_id=xapi.event_id(
            "scorm",
            state.pk,
            state.completion_status,
            state.success_status,
            state.score_scaled,
        ),
        result=result,
        parent=("lesson", attempt.lesson_id),
    )
