"""Reminders the day before and to managers, once each; updated invitations
when HR edits a session."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail
from icalendar import Calendar

from courses.training import actions
from courses.training.tests.base import TrainingTestCase


class ReminderTests(TrainingTestCase):
    def test_the_day_before_each_confirmed_participant_is_reminded_once(self) -> None:
        actions.register(self.ada, self.session)
        waiting_room = actions.register(self.ben, self.session)
        actions.cancel(waiting_room, by=self.ben)
        mail.outbox.clear()
        with time_machine.travel(self.start - dt.timedelta(hours=20)):
            self.assertEqual(actions.send_training_reminders(), 1)
            self.assertEqual(actions.send_training_reminders(), 0)
        self.assertEqual([m.to for m in mail.outbox], [["ada@example.org"]])
        self.assertIn("Demain", mail.outbox[0].subject)

    def test_no_reminder_a_week_before(self) -> None:
        actions.register(self.ada, self.session)
        with time_machine.travel(self.start - dt.timedelta(days=7)):
            self.assertEqual(actions.send_training_reminders(), 0)

    def test_the_manager_is_reminded_of_a_sign_up_awaiting_them(self) -> None:
        self.training.requires_approval = True
        self.training.save()
        actions.register(self.ada, self.session)
        mail.outbox.clear()
        self.assertEqual(actions.send_training_reminders(), 0)
        with time_machine.travel(dt.timedelta(days=3)):
            self.assertEqual(actions.send_training_reminders(), 1)
            self.assertEqual(actions.send_training_reminders(), 0)
        self.assertEqual(mail.outbox[0].to, ["ben@example.org"])
        self.assertIn("/learning/training/approvals/", mail.outbox[0].body)


class SessionChangeTests(TrainingTestCase):
    def test_editing_a_session_sends_updated_invitations(self) -> None:
        registration = actions.register(self.ada, self.session)
        actions.register(self.ben, self.session)
        actions.cancel(actions.register(self.dev, self.session), by=self.dev)
        mail.outbox.clear()
        self.client.force_login(self.cleo)
        slot = self.session.slots.get()
        moved = slot.starts_at + dt.timedelta(hours=1)
        fmt = "%Y-%m-%d %H:%M"
        from django.utils import timezone

        def local(value: dt.datetime) -> str:
            return timezone.localtime(value).strftime(fmt)

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/admin/snippets/training/trainingsession/edit/{self.session.pk}/",
                {
                    "training": self.training.pk,
                    "language": "fr",
                    "place": "Salle B",
                    "video_url": "",
                    "outside_trainers": "",
                    "capacity": "3",
                    "registration_opens": local(self.session.registration_opens),
                    "registration_closes": local(self.session.registration_closes),
                    "cancellation_deadline": local(self.session.cancellation_deadline),
                    "slots-TOTAL_FORMS": "1",
                    "slots-INITIAL_FORMS": "1",
                    "slots-MIN_NUM_FORMS": "1",
                    "slots-MAX_NUM_FORMS": "1000",
                    "slots-0-id": slot.pk,
                    "slots-0-starts_at": local(moved),
                    "slots-0-ends_at": local(moved + dt.timedelta(hours=3)),
                    "slots-0-ORDER": "1",
                    "slots-0-DELETE": "",
                    "open_seats-TOTAL_FORMS": "0",
                    "open_seats-INITIAL_FORMS": "0",
                    "open_seats-MIN_NUM_FORMS": "0",
                    "open_seats-MAX_NUM_FORMS": "1000",
                },
            )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["ada@example.org", "ben@example.org"]
        )
        invitation = Calendar.from_ical(mail.outbox[0].attachments[0][1])
        event = invitation.walk("VEVENT")[0]
        self.assertEqual(event.decoded("DTSTART"), moved)
        self.assertEqual(str(event["LOCATION"]), "Salle B")
        self.assertEqual(registration.session.slots.get().starts_at, moved)
