"""Calendar invitations (RFC 5545) for a session, built with ``icalendar``.

One event per slot, each with a stable UID, so that a client updates the event
it already holds when the session changes, and removes it on cancellation.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from courses.training.models import TrainingSession
from lms.models import User


def slot_uid(slot_id: int) -> str:
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "civicskills"
    return f"training-slot-{slot_id}@{host}"


def session_ics(
    session: TrainingSession, person: User, *, cancelled: bool = False
) -> bytes:
    """The invitation to ``session`` for ``person``, or its cancellation."""
    calendar = Calendar()
    calendar.add("prodid", "-//CivicSkills//Training sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    where = session.place.strip() or session.video_url
    stamp = timezone.now()
    for slot in session.slots.all():
        event = Event()
        event.add("uid", slot_uid(slot.pk))
        event.add("dtstamp", stamp)
        event.add("dtstart", slot.starts_at)
        event.add("dtend", slot.ends_at)
        event.add("summary", session.training.title)
        event.add("location", where)
        # Each change gets a later sequence: clients replace their copy.
        event.add("sequence", int(stamp.timestamp()))
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if session.video_url:
            event.add("url", session.video_url)
        if person.email:
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["cn"] = str(person)
            event.add("attendee", attendee)
        calendar.add_component(event)
    return calendar.to_ical()
