"""Every write of training sessions: signing up, nominating, deciding,
cancelling, promoting from the waiting list, and marking attendance.

Each action runs in a transaction and locks the session row first
(``select_for_update``), so that two people taking the last seat at once are
served one after the other: one gets it, the other is waitlisted. E-mails go
through the task queue once the transaction is committed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from courses.actions import complete_lesson, enrol
from courses.queries import enrolment_for, lesson_is_reachable, lessons_of
from courses.training import mail
from courses.training.models import (
    Attendance,
    Registration,
    Reminder,
    SatisfactionAnswer,
    SignedSheet,
    TrainerNotice,
    Training,
    TrainingSession,
)
from courses.training.queries import (
    attended,
    attended_part,
    conflicting_registration,
    has_seat_for,
    may_act_for,
    may_manage_session,
    may_mark_attendance,
    sessions_visible_to,
    targeted_competences,
    training_source_ref,
)
from courses.training.tasks import (
    send_approval_reminder,
    send_registration_email,
    send_trainer_list,
)
from lms.models import User
from skills.actions import record_evidence
from skills.models import Evidence

Status = Registration.Status


def _notify(registration: Registration, kind: str) -> None:
    transaction.on_commit(
        lambda: send_registration_email.enqueue(registration.pk, kind)
    )


def _lock(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update()
        .select_related("training")
        .get(pk=session.pk)
    )


def _place(registration: Registration) -> str:
    """Confirm the sign-up if a seat is free for the person, else waitlist it."""
    if has_seat_for(registration.session, registration.user):
        registration.status = Status.CONFIRMED
        return mail.CONFIRMED
    registration.status = Status.WAITLISTED
    return mail.WAITLISTED


@transaction.atomic
def register(
    person: User, session: TrainingSession, *, by: User | None = None
) -> Registration:
    """Sign ``person`` up, themselves or nominated by ``by`` (their manager or
    HR). A sign-up needing approval waits for it unless nominated. Signing up
    again while registered returns the registration unchanged."""
    by = by or person
    if by.pk != person.pk and not may_act_for(by, person):
        raise PermissionDenied
    if not sessions_visible_to(person).filter(pk=session.pk).exists():
        raise PermissionDenied
    session = _lock(session)
    existing = Registration.objects.filter(session=session, user=person).first()
    if existing is not None and existing.status in {
        Status.PENDING,
        Status.CONFIRMED,
        Status.WAITLISTED,
    }:
        return existing
    if not session.registration_is_open():
        raise ValidationError(_("Registration for this session is not open."))
    conflict = conflicting_registration(person, session)
    if conflict is not None:
        raise ValidationError(
            _("%(person)s is already registered for “%(title)s” at the same time.")
            % {"person": person, "title": conflict.session.training.title}
        )
    registration = existing or Registration(session=session, user=person)
    registration.requested_at = timezone.now()
    registration.nominated_by = by if by.pk != person.pk else None
    registration.decided_by = None
    registration.reason = ""
    if session.training.requires_approval and by.pk == person.pk:
        registration.status = Status.PENDING
        kind = mail.PENDING
    else:
        kind = _place(registration)
    registration.full_clean()
    registration.save()
    _notify(registration, kind)
    return registration


@transaction.atomic
def decide(
    registration: Registration, *, by: User, approve: bool, reason: str = ""
) -> Registration:
    """Approve or refuse a sign-up awaiting approval (a reason is required to
    refuse)."""
    if not may_act_for(by, registration.user):
        raise PermissionDenied
    _lock(registration.session)
    registration = Registration.objects.select_related("session__training").get(
        pk=registration.pk
    )
    if registration.status != Status.PENDING:
        raise ValidationError(_("This registration has already been decided."))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError(_("Give a reason for the refusal."))
    registration.decided_by = by
    registration.reason = reason
    if approve:
        kind = _place(registration)
    else:
        registration.status = Status.REFUSED
        kind = mail.REFUSED
    registration.full_clean()
    registration.save()
    _notify(registration, kind)
    return registration


@transaction.atomic
def cancel(registration: Registration, *, by: User) -> Registration:
    """Withdraw a sign-up: the person before the cancellation deadline, HR of
    their town or of the running town at any time. A freed seat goes to the
    waiting list, first come first served."""
    session = _lock(registration.session)
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    is_self = by.pk == registration.user_id
    if not is_self and not (
        may_act_for(by, registration.user) or may_manage_session(by, session)
    ):
        raise PermissionDenied
    if registration.status not in {Status.PENDING, Status.CONFIRMED, Status.WAITLISTED}:
        raise ValidationError(_("This registration is not active."))
    if is_self and not session.may_cancel():
        raise ValidationError(
            _("The cancellation deadline has passed: ask your HR department.")
        )
    freed = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    _notify(registration, mail.CANCELLED)
    if freed:
        promote_waiting_list(session)
    return registration


def promote_waiting_list(session: TrainingSession) -> list[Registration]:
    """Give free seats to the waiting list in order of sign-up, skipping people
    whose town has used the seats opened to it. Call inside a transaction
    holding the session's lock."""
    promoted = []
    waiting = Registration.objects.filter(
        session=session, status=Status.WAITLISTED
    ).select_related("user")
    for registration in waiting.order_by("requested_at", "pk"):
        if not has_seat_for(session, registration.user):
            continue
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        _notify(registration, mail.PROMOTED)
        promoted.append(registration)
    return promoted


@transaction.atomic
def mark_attendance(
    session: TrainingSession,
    *,
    by: User,
    marks: Mapping[tuple[int, int], str],
    minutes: Mapping[tuple[int, int], int] | None = None,
) -> int:
    """Record ``marks`` ({(registration id, slot id): status}) for the session's
    confirmed participants, with ``minutes`` attended for those partly present.
    Only its trainers and HR of the running town may; nobody marks themselves.
    Any unknown id or status, or a partly present mark without its minutes,
    changes nothing. People now present at every slot have the training's
    activity done. Returns how many marks were recorded."""
    if not may_mark_attendance(by, session):
        raise PermissionDenied
    minutes = minutes or {}
    session = _lock(session)
    registrations = {
        r.pk: r
        for r in Registration.objects.filter(
            session=session, status=Status.CONFIRMED
        ).select_related("user")
    }
    slots = {slot.pk: slot for slot in session.slots.all()}
    existing = {
        (a.registration_id, a.slot_id): a
        for a in Attendance.objects.filter(registration__session=session)
    }
    rows = []
    for (registration_id, slot_id), status in marks.items():
        if registration_id not in registrations or slot_id not in slots:
            raise ValidationError(
                _("This sheet lists someone or a slot it should not.")
            )
        if status not in Attendance.Status.values:
            raise ValidationError(
                _("Choose present, partly present, absent or excused.")
            )
        if registrations[registration_id].user_id == by.pk:
            raise PermissionDenied(_("Nobody marks their own attendance."))
        row = existing.get((registration_id, slot_id)) or Attendance(
            registration=registrations[registration_id], slot=slots[slot_id]
        )
        row.status = status
        row.minutes = (
            minutes.get((registration_id, slot_id))
            if status == Attendance.Status.PARTLY
            else None
        )
        row.marked_by = by
        row.marked_at = timezone.now()
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError(
                f"{registrations[registration_id].user}: {' '.join(error.messages)}"
            ) from error
        rows.append(row)
    for row in rows:
        row.save()
    done = attended(Registration.objects.filter(pk__in=registrations))
    for registration in done.select_related("user"):
        complete_training_for(registration.user, session.training)
    return len(rows)


@transaction.atomic
def record_observed_levels(
    session: TrainingSession,
    *,
    by: User,
    levels: Mapping[tuple[int, int], int],
    note: str = "",
) -> list[Evidence]:
    """Record the levels a trainer observed ({(registration id, competence id):
    level}) as evidence (source "training", trust "trainer"). Only the
    session's trainers and HR of the running town may, for participants who
    attended (some of) it, on the competences its course demonstrates, at a
    level of the framework's scale; nobody for themselves. Any bad entry
    changes nothing."""
    if not may_mark_attendance(by, session):
        raise PermissionDenied
    session = _lock(session)
    participants = {
        r.pk: r
        for r in attended_part(
            Registration.objects.filter(session=session)
        ).select_related("user")
    }
    competences = {c.pk: c for c in targeted_competences(session.training)}
    checked = []
    for (registration_id, competence_id), level in levels.items():
        registration = participants.get(registration_id)
        competence = competences.get(competence_id)
        if registration is None or competence is None:
            raise ValidationError(
                _(
                    "A level can be recorded only for people who attended, on the "
                    "competences this training targets."
                )
            )
        if registration.user_id == by.pk:
            raise PermissionDenied(_("Nobody records their own level."))
        top = len(competence.version.levels.all())
        if not isinstance(level, int) or not 1 <= level <= top:
            raise ValidationError(
                _("Level %(level)s is outside the scale (1 to %(top)s).")
                % {"level": level, "top": top}
            )
        checked.append((registration.user, competence, level))
    return [
        record_evidence(
            person,
            competence=competence,
            level=level,
            source=Evidence.Source.TRAINING,
            trust=Evidence.Trust.TRAINER,
            recorded_by=by,
            source_ref=training_source_ref(session),
            note=note.strip(),
        )
        for person, competence, level in checked
    ]


# A scanned sheet is a few pages: far below the site's upload limit.
MAX_SHEET_BYTES = 10 * 1024 * 1024
SHEET_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def _check_sheet(data: bytes, mime: str) -> None:
    """Refuse a file whose body does not hold what its signature announces."""
    if mime == "application/pdf":
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("This PDF is damaged or incomplete."))
        return
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("This image is damaged or incomplete.")) from error


@transaction.atomic
def upload_signed_sheet(
    session: TrainingSession, *, by: User, upload: UploadedFile
) -> SignedSheet:
    """Keep a scan of the signed attendance sheet: a PDF, PNG or JPEG of at
    most ``MAX_SHEET_BYTES``, its type read from its content (not its name or
    the browser's word). Only the session's trainers and HR of the running
    town may."""
    if not may_mark_attendance(by, session):
        raise PermissionDenied
    if upload.size is None or upload.size > MAX_SHEET_BYTES:
        raise ValidationError(
            _("The scan is larger than %(size)s MB.")
            % {"size": MAX_SHEET_BYTES // (1024 * 1024)}
        )
    data = upload.read(MAX_SHEET_BYTES + 1)
    if not data or len(data) > MAX_SHEET_BYTES:
        raise ValidationError(_("The file is empty or too large."))
    kind = filetype.guess(data)
    if kind is None or kind.mime not in SHEET_TYPES:
        raise ValidationError(_("Upload the scan as a PDF, PNG or JPEG file."))
    _check_sheet(data, kind.mime)
    stem = get_valid_filename((upload.name or "").rsplit(".", 1)[0])[:150] or "sheet"
    sheet = SignedSheet(
        session=session,
        name=f"{stem}.{kind.extension}",
        content_type=kind.mime,
        size=len(data),
        data=data,
        uploaded_by=by,
    )
    sheet.full_clean()
    sheet.save()
    return sheet


@transaction.atomic
def answer_satisfaction(
    registration: Registration,
    *,
    by: User,
    scores: Mapping[str, int],
    comment: str = "",
) -> SatisfactionAnswer:
    """The participant's one answer to the questionnaire after the session:
    a score from 1 to 5 per question and a comment. Only someone who attended
    (some of) the session answers, for themselves, once."""
    if by.pk != registration.user_id:
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not attended_part(Registration.objects.filter(pk=registration.pk)).exists():
        raise ValidationError(_("Only participants who attended can answer."))
    if SatisfactionAnswer.objects.filter(registration=registration).exists():
        raise ValidationError(_("You have already answered for this session."))
    names = [name for name, _label in SatisfactionAnswer.QUESTIONS]
    if set(scores) != set(names):
        raise ValidationError(_("Answer every question."))
    answer = SatisfactionAnswer(
        registration=registration, comment=comment.strip(), **scores
    )
    answer.full_clean()
    answer.save()
    return answer


def complete_training_for(person: User, training: Training) -> None:
    """Complete the lessons holding ``training`` that ``person`` has now done,
    enrolling them in its course first. A lesson not reached yet (earlier ones
    unfinished) or holding other unfinished work stays open: the person
    completes it from the lesson page, where the block already counts."""
    course = training.course
    enrolment = enrolment_for(person, course)
    if enrolment is None:
        try:
            enrolment = enrol(person, course)
        except (PermissionDenied, ValidationError):
            return
    for lesson in lessons_of(course):
        holds = any(
            block.value["training"] and block.value["training"].pk == training.pk
            for block in lesson.blocks_of("training")
        )
        if not holds or not lesson_is_reachable(enrolment, lesson):
            continue
        try:
            with transaction.atomic():
                complete_lesson(enrolment, lesson)
        except (PermissionDenied, ValidationError):
            continue


# A manager is reminded of a sign-up still awaiting them after this long.
APPROVAL_REMINDER_AFTER = dt.timedelta(days=2)


def send_training_reminders(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminders of confirmed participants, and reminders
    to managers of sign-ups awaiting them for two days. Each (registration,
    kind) is recorded under a unique key first: none is ever sent twice.
    Returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    tomorrow = Registration.objects.filter(
        status=Status.CONFIRMED,
        session__slots__starts_at__gt=now,
        session__slots__starts_at__lte=now + dt.timedelta(days=1),
    ).distinct()
    for registration in tomorrow:
        if _record(registration, Reminder.Kind.DAY_BEFORE):
            _notify_committed(registration, mail.REMINDER)
            sent += 1
    waiting = Registration.objects.filter(
        status=Status.PENDING,
        requested_at__lte=now - APPROVAL_REMINDER_AFTER,
        user__manager__isnull=False,
    )
    for registration in waiting:
        if _record(registration, Reminder.Kind.APPROVAL):
            send_approval_reminder.enqueue(registration.pk)
            sent += 1
    sent += _send_trainer_lists(now)
    ended = attended_part(
        Registration.objects.filter(
            session__slots__ends_at__lte=now,
            session__slots__ends_at__gt=now - dt.timedelta(days=7),
            satisfaction__isnull=True,
        ).exclude(session__slots__ends_at__gt=now)
    )
    for registration in ended:
        if _record(registration, Reminder.Kind.SATISFACTION):
            _notify_committed(registration, mail.SATISFACTION)
            sent += 1
    return sent


def _send_trainer_lists(now: dt.datetime) -> int:
    """Each trainer on the platform of a session starting within a day gets
    its participant list, once."""
    sent = 0
    soon = TrainingSession.objects.filter(
        slots__starts_at__gt=now, slots__starts_at__lte=now + dt.timedelta(days=1)
    ).distinct()
    for session in soon.prefetch_related("trainers"):
        for trainer in session.trainers.all():
            try:
                with transaction.atomic():
                    TrainerNotice.objects.create(session=session, trainer=trainer)
            except IntegrityError:
                continue
            send_trainer_list.enqueue(session.pk, trainer.pk)
            sent += 1
    return sent


def _record(registration: Registration, kind: str) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(registration=registration, kind=kind)
    except IntegrityError:
        return False
    return True


def _notify_committed(registration: Registration, kind: str) -> None:
    send_registration_email.enqueue(registration.pk, kind)


def notify_session_changed(session: TrainingSession) -> int:
    """Send confirmed participants the session's new details with an updated
    invitation (same event ids, later sequence). Returns how many."""
    confirmed = list(
        Registration.objects.filter(session=session, status=Status.CONFIRMED)
    )
    for registration in confirmed:
        _notify(registration, mail.UPDATED)
    return len(confirmed)
