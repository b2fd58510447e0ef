"""The invitation is valid iCalendar, as a maintained parser reads it."""

from __future__ import annotations

from icalendar import Calendar

from courses.training.calendar import session_ics
from courses.training.tests.base import TrainingTestCase


class CalendarTests(TrainingTestCase):
    def test_the_invitation_holds_one_event_per_slot(self) -> None:
        calendar = Calendar.from_ical(session_ics(self.session, self.ada))
        events = calendar.walk("VEVENT")
        slot = self.session.slots.get()
        self.assertEqual(str(calendar["METHOD"]), "REQUEST")
        self.assertEqual(len(events), 1)
        event = events[0]
        self.assertEqual(event.decoded("DTSTART"), slot.starts_at)
        self.assertEqual(event.decoded("DTEND"), slot.ends_at)
        self.assertEqual(str(event["SUMMARY"]), "Atelier cybersécurité")
        self.assertIn("Salle du conseil", str(event["LOCATION"]))
        self.assertEqual(str(event["ATTENDEE"]), "mailto:ada@example.org")

    def test_the_cancellation_keeps_the_uid_and_cancels(self) -> None:
        invitation = Calendar.from_ical(session_ics(self.session, self.ada))
        cancellation = Calendar.from_ical(
            session_ics(self.session, self.ada, cancelled=True)
        )
        self.assertEqual(str(cancellation["METHOD"]), "CANCEL")
        sent, withdrawn = invitation.walk("VEVENT")[0], cancellation.walk("VEVENT")[0]
        self.assertEqual(str(sent["UID"]), str(withdrawn["UID"]))
        self.assertEqual(str(withdrawn["STATUS"]), "CANCELLED")
        self.assertGreaterEqual(int(withdrawn["SEQUENCE"]), int(sent["SEQUENCE"]))
