"""After a session: satisfaction answers, and the reminders sent to managers,
trainers and learners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.training import mail
from courses.training.actions.registrations import Status, _notify_committed, _record
from courses.training.models import (
    Registration,
    Reminder,
    SatisfactionAnswer,
    TrainerNotice,
    TrainingSession,
)
from courses.training.queries import attended_part
from courses.training.tasks import (
    send_approval_reminder,
    send_trainer_list,
)
from lms.models import User


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


# A manager is reminded of a sign-up still awaiting them after this long.
APPROVAL_REMINDER_AFTER = dt.timedelta(days=2)


def send_training_reminders(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminders of confirmed participants, and reminders
    to managers of sign-ups awaiting them for two days. Each (registration,
    kind) is recorded under a unique key first: none is ever sent twice.
    Returns how many were queued."""
    now = now or timezone.now()
    return (
        _send_day_before(now)
        + _send_approval_reminders(now)
        + _send_trainer_lists(now)
        + _send_satisfaction_requests(now)
    )


def _send_day_before(now: dt.datetime) -> int:
    """Confirmed participants of a session starting within a day."""
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
    return sent


def _send_approval_reminders(now: dt.datetime) -> int:
    """Managers of sign-ups awaiting them for ``APPROVAL_REMINDER_AFTER``."""
    sent = 0
    waiting = Registration.objects.filter(
        status=Status.PENDING,
        requested_at__lte=now - APPROVAL_REMINDER_AFTER,
        user__manager__isnull=False,
    )
    for registration in waiting:
        if _record(registration, Reminder.Kind.APPROVAL):
            send_approval_reminder.enqueue(registration.pk)
            sent += 1
    return sent


def _send_satisfaction_requests(now: dt.datetime) -> int:
    """Participants of a session that ended within the week, not yet asked."""
    sent = 0
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
