"""Writes of sign-ups to training sessions: registering, a manager's decision,
cancelling, the waiting list, and telling people a session changed.

Each action runs in a transaction, checks who acts, and validates before it
writes: bad input raises ``ValidationError`` and changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.training import mail
from courses.training.models import (
    Registration,
    Reminder,
    TrainingSession,
)
from courses.training.queries import (
    conflicting_registration,
    has_seat_for,
    may_act_for,
    may_manage_session,
    sessions_visible_to,
)
from courses.training.tasks import send_registration_email
from lms.models import User

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
    _check_may_register(person, session, by=by)
    session = _lock(session)
    existing = Registration.objects.filter(session=session, user=person).first()
    if existing is not None and existing.status in {
        Status.PENDING,
        Status.CONFIRMED,
        Status.WAITLISTED,
    }:
        return existing
    _check_open_to(person, session)
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


def _check_may_register(person: User, session: TrainingSession, *, by: User) -> None:
    """``by`` is the person or may act for them, and the person sees the session."""
    if by.pk != person.pk and not may_act_for(by, person):
        raise PermissionDenied
    if not sessions_visible_to(person).filter(pk=session.pk).exists():
        raise PermissionDenied


def _check_open_to(person: User, session: TrainingSession) -> None:
    """The session takes sign-ups and the person is free at its times."""
    if not session.registration_is_open():
        raise ValidationError(_("Registration for this session is not open."))
    conflict = conflicting_registration(person, session)
    if conflict is not None:
        raise ValidationError(
            _("%(person)s is already registered for “%(title)s” at the same time.")
            % {"person": person, "title": conflict.session.training.title}
        )


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
