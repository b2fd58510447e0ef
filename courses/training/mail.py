"""The e-mails of a sign-up, written in the person's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from courses.training.calendar import session_ics
from courses.training.models import Registration, TrainingSession
from lms.models import User

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
PROMOTED = "promoted"
CANCELLED = "cancelled"
REFUSED = "refused"
PENDING = "pending"
REMINDER = "reminder"
UPDATED = "updated"
SATISFACTION = "satisfaction"
KINDS = frozenset(
    {
        CONFIRMED,
        WAITLISTED,
        PROMOTED,
        CANCELLED,
        REFUSED,
        PENDING,
        REMINDER,
        UPDATED,
        SATISFACTION,
    }
)


def _slots_text(registration: Registration) -> str:
    return _slots_text_of(registration.session)


def _slots_text_of(session: TrainingSession) -> str:
    lines = []
    for slot in session.slots.all():
        start = timezone.localtime(slot.starts_at)
        end = timezone.localtime(slot.ends_at)
        lines.append(
            "- "
            + formats.date_format(start, "DATETIME_FORMAT")
            + " – "
            + formats.time_format(end, "TIME_FORMAT")
        )
    return "\n".join(lines)


def build_message(registration: Registration, kind: str) -> EmailMessage:
    """The message for ``kind``; confirmations and promotions carry the
    invitation (.ics), cancellations its withdrawal."""
    person = registration.user
    session = registration.session
    with translation.override(person.preferred_language):
        title = session.training.title
        subjects = {
            CONFIRMED: _("Registration confirmed: %(title)s"),
            WAITLISTED: _("Waiting list: %(title)s"),
            PROMOTED: _("A seat is yours: %(title)s"),
            CANCELLED: _("Registration cancelled: %(title)s"),
            REFUSED: _("Registration refused: %(title)s"),
            PENDING: _("Registration awaiting approval: %(title)s"),
            REMINDER: _("Tomorrow: %(title)s"),
            UPDATED: _("Session changed: %(title)s"),
            SATISFACTION: _("Your opinion on: %(title)s"),
        }
        intros = {
            CONFIRMED: _("Your seat at this training session is confirmed."),
            WAITLISTED: _(
                "The session is full: you are on the waiting list. You will get "
                "an e-mail if a seat frees up."
            ),
            PROMOTED: _(
                "A seat freed up: you move from the waiting list to the session."
            ),
            CANCELLED: _("Your registration for this session is cancelled."),
            REFUSED: _("Your registration for this session was refused."),
            PENDING: _("Your registration awaits your manager's approval."),
            REMINDER: _("A reminder: your training session starts soon."),
            UPDATED: _(
                "The session you are registered for has changed: here are its "
                "details and an updated invitation."
            ),
            SATISFACTION: _(
                "Thank you for attending. Five short questions on the session "
                "await you on its page (your answers are shown to the trainer "
                "only once five people have answered)."
            ),
        }
        body = [intros[kind], "", title, _slots_text(registration)]
        if session.place.strip():
            body += ["", _("Place: %(place)s") % {"place": session.place.strip()}]
        if session.video_url:
            body += ["", _("Link: %(url)s") % {"url": session.video_url}]
        if kind == REFUSED and registration.reason:
            body += ["", _("Reason: %(reason)s") % {"reason": registration.reason}]
        body += ["", settings.SITE_URL + session.get_absolute_url()]
        message = EmailMessage(
            subjects[kind] % {"title": title}, "\n".join(body), None, [person.email]
        )
    if kind in {CONFIRMED, PROMOTED, UPDATED}:
        message.attach(
            "invitation.ics",
            session_ics(session, person),
            "text/calendar; method=REQUEST; charset=utf-8",
        )
    elif kind == CANCELLED:
        message.attach(
            "cancellation.ics",
            session_ics(session, person, cancelled=True),
            "text/calendar; method=CANCEL; charset=utf-8",
        )
    return message


def build_approval_reminder(registration: Registration, manager: User) -> EmailMessage:
    """To a manager: a sign-up of one of their people awaits their decision."""
    with translation.override(manager.preferred_language):
        title = registration.session.training.title
        subject = _("To approve: %(person)s, %(title)s") % {
            "person": registration.user,
            "title": title,
        }
        body = "\n".join(
            [
                _(
                    "%(person)s asked to attend “%(title)s”; the sign-up awaits your decision."
                )
                % {"person": registration.user, "title": title},
                "",
                _slots_text(registration),
                "",
                settings.SITE_URL + reverse("training:approvals"),
            ]
        )
    return EmailMessage(subject, body, None, [manager.email])


def build_trainer_list(
    session: TrainingSession, trainer: User, registrations: list[Registration]
) -> EmailMessage:
    """To a trainer, before the session: who is coming (confirmed) and how many
    wait, with the links to mark attendance and print the sheet."""
    with translation.override(trainer.preferred_language):
        title = session.training.title
        confirmed = [
            r for r in registrations if r.status == Registration.Status.CONFIRMED
        ]
        waiting = sum(
            1 for r in registrations if r.status == Registration.Status.WAITLISTED
        )
        lines = [
            _("The participants of your session “%(title)s”:") % {"title": title},
            "",
            _slots_text_of(session),
            "",
        ]
        for registration in confirmed:
            person = registration.user
            where = person.department.name if person.department else ""
            if person.organisation_id != session.training.organisation_id:
                where = str(person.organisation)
            lines.append(f"- {person}" + (f" ({where})" if where else ""))
        if not confirmed:
            lines.append(_("Nobody is confirmed yet."))
        lines += [
            "",
            _(
                "Confirmed: %(count)s of %(capacity)s seats; on the waiting list: %(waiting)s."
            )
            % {
                "count": len(confirmed),
                "capacity": session.capacity,
                "waiting": waiting,
            },
            "",
            _("Attendance: %(url)s")
            % {
                "url": settings.SITE_URL
                + reverse("training:attendance", args=[session.pk])
            },
        ]
        subject = _("Participants: %(title)s") % {"title": title}
    return EmailMessage(subject, "\n".join(lines), None, [trainer.email])
