"""Writes of what happened at a session: attendance, observed levels (as
evidence), signed attendance sheets, and the training completed.

Each action runs in a transaction, checks who acts, and validates before it
writes: bad input raises ``ValidationError`` and changes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from courses.actions import complete_lesson, enrol
from courses.queries import enrolment_for, lesson_is_reachable, lessons_of
from courses.training.actions.registrations import Status, _lock
from courses.training.models import (
    Attendance,
    Registration,
    SessionSlot,
    SignedSheet,
    Training,
    TrainingSession,
)
from courses.training.queries import (
    attended,
    attended_part,
    may_mark_attendance,
    targeted_competences,
    training_source_ref,
)
from lms.models import User
from skills.actions import record_evidence
from skills.models import Competence, Evidence


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
    registrations, slots, existing = _sheet_of(session)
    rows = [
        _attendance_row(
            key,
            status,
            minutes=minutes.get(key),
            registrations=registrations,
            slots=slots,
            existing=existing,
            by=by,
        )
        for key, status in marks.items()
    ]
    for row in rows:
        row.save()
    done = attended(Registration.objects.filter(pk__in=registrations))
    for registration in done.select_related("user"):
        complete_training_for(registration.user, session.training)
    return len(rows)


def _sheet_of(
    session: TrainingSession,
) -> tuple[
    dict[int, Registration], dict[int, SessionSlot], dict[tuple[int, int], Attendance]
]:
    """The session's confirmed registrations and slots by id, and its marks by
    (registration id, slot id)."""
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
    return registrations, slots, existing


def _attendance_row(
    key: tuple[int, int],
    status: str,
    *,
    minutes: int | None,
    registrations: dict[int, Registration],
    slots: dict[int, SessionSlot],
    existing: dict[tuple[int, int], Attendance],
    by: User,
) -> Attendance:
    """One mark, checked and cleaned but not saved: ``ValidationError`` for an
    unknown id or status, ``PermissionDenied`` for one's own attendance."""
    registration_id, slot_id = key
    if registration_id not in registrations or slot_id not in slots:
        raise ValidationError(_("This sheet lists someone or a slot it should not."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Choose present, partly present, absent or excused."))
    if registrations[registration_id].user_id == by.pk:
        raise PermissionDenied(_("Nobody marks their own attendance."))
    row = existing.get(key) or Attendance(
        registration=registrations[registration_id], slot=slots[slot_id]
    )
    row.status = status
    row.minutes = minutes if status == Attendance.Status.PARTLY else None
    row.marked_by = by
    row.marked_at = timezone.now()
    try:
        row.full_clean()
    except ValidationError as error:
        raise ValidationError(
            f"{registrations[registration_id].user}: {' '.join(error.messages)}"
        ) from error
    return row


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
    checked = [
        _observed(
            participants.get(registration_id),
            competences.get(competence_id),
            level,
            by=by,
        )
        for (registration_id, competence_id), level in levels.items()
    ]
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


def _observed(
    registration: Registration | None,
    competence: Competence | None,
    level: int,
    *,
    by: User,
) -> tuple[User, Competence, int]:
    """One observed level, checked: a participant who attended, a competence
    the training targets, a level of its scale, someone other than ``by``."""
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
    return registration.user, competence, level


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
