"""Signing up, nominating, approving, the waiting list, cancelling, conflicts."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.training import actions
from courses.training.models import Registration
from courses.training.tests.base import TrainingTestCase, make_session
from lms.testing import make_person

Status = Registration.Status


class RegisterTests(TrainingTestCase):
    def test_a_learner_signs_up_and_gets_a_confirmation_with_an_invitation(
        self,
    ) -> None:
        """A free seat confirms the sign-up and e-mails an .ics invitation."""
        with self.captureOnCommitCallbacks(execute=True):
            registration = actions.register(self.ada, self.session)
        self.assertEqual(registration.status, Status.CONFIRMED)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["ada@example.org"])
        self.assertEqual(mail.outbox[0].attachments[0][0], "invitation.ics")

    def test_signing_up_twice_returns_the_same_registration(self) -> None:
        """A replayed sign-up changes nothing and sends no second e-mail."""
        with self.captureOnCommitCallbacks(execute=True):
            first = actions.register(self.ada, self.session)
        with self.captureOnCommitCallbacks(execute=True):
            second = actions.register(self.ada, self.session)
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(Registration.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_the_fourth_person_is_waitlisted_then_promoted_when_a_seat_frees(
        self,
    ) -> None:
        """First come first served: a cancellation promotes the first waiting."""
        for person in (self.ada, self.ben, self.dev):
            actions.register(person, self.session)
        waiting = actions.register(self.sam, self.session)
        later = actions.register(self.cleo, self.session)
        self.assertEqual((waiting.status, later.status), (Status.WAITLISTED,) * 2)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.cancel(Registration.objects.get(user=self.ben), by=self.ben)
        waiting.refresh_from_db()
        later.refresh_from_db()
        self.assertEqual(
            (waiting.status, later.status), (Status.CONFIRMED, Status.WAITLISTED)
        )
        subjects = {message.to[0]: message.subject for message in mail.outbox}
        self.assertIn("sam@example.org", subjects)
        self.assertIn("ben@example.org", subjects)
        self.assertNotIn("cleo@example.org", subjects)

    def test_registration_outside_its_window_is_refused(self) -> None:
        """Before the opening or after the deadline: a clear error, no row."""
        with time_machine.travel(
            self.session.registration_closes + dt.timedelta(minutes=1)
        ):
            with self.assertRaisesMessage(ValidationError, "not open"):
                actions.register(self.ada, self.session)
        self.assertFalse(Registration.objects.exists())

    def test_a_session_at_the_same_time_is_refused(self) -> None:
        """Two sessions overlapping in time cannot both be taken."""
        other = make_session(self.training, start=self.start + dt.timedelta(hours=1))
        actions.register(self.ada, self.session)
        with self.assertRaisesMessage(ValidationError, "same time"):
            actions.register(self.ada, other)
        self.assertFalse(Registration.objects.filter(session=other).exists())

    def test_a_session_the_next_day_is_not_a_conflict(self) -> None:
        other = make_session(self.training, start=self.start + dt.timedelta(days=1))
        actions.register(self.ada, self.session)
        self.assertEqual(actions.register(self.ada, other).status, Status.CONFIRMED)

    def test_another_towns_people_need_seats_opened_to_their_town(self) -> None:
        """Marc (Montval) may not sign up until seats are opened to Montval, and
        then only as many as opened."""
        with self.assertRaises(PermissionDenied):
            actions.register(self.marc, self.session)
        self.open_seats(self.session, self.other_town, 1)
        self.assertEqual(
            actions.register(self.marc, self.session).status, Status.CONFIRMED
        )
        second = make_person("lea", self.other_town)
        self.assertEqual(
            actions.register(second, self.session).status, Status.WAITLISTED
        )
        # The town's own people still get the seats left.
        self.assertEqual(
            actions.register(self.ada, self.session).status, Status.CONFIRMED
        )


class NominationAndApprovalTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.training.requires_approval = True
        self.training.save()

    def test_a_sign_up_waits_for_approval(self) -> None:
        registration = actions.register(self.ada, self.session)
        self.assertEqual(registration.status, Status.PENDING)

    def test_the_manager_approves(self) -> None:
        registration = actions.register(self.ada, self.session)
        actions.decide(registration, by=self.ben, approve=True)
        registration.refresh_from_db()
        self.assertEqual(
            (registration.status, registration.decided_by), (Status.CONFIRMED, self.ben)
        )

    def test_a_refusal_needs_a_reason_and_is_e_mailed(self) -> None:
        registration = actions.register(self.ada, self.session)
        with self.assertRaisesMessage(ValidationError, "reason"):
            actions.decide(registration, by=self.ben, approve=False, reason="  ")
        registration.refresh_from_db()
        self.assertEqual(registration.status, Status.PENDING)
        with self.captureOnCommitCallbacks(execute=True):
            actions.decide(registration, by=self.ben, approve=False, reason="Budget")
        registration.refresh_from_db()
        self.assertEqual(
            (registration.status, registration.reason), (Status.REFUSED, "Budget")
        )
        self.assertIn("Budget", mail.outbox[-1].body)

    def test_a_decision_cannot_be_taken_twice(self) -> None:
        registration = actions.register(self.ada, self.session)
        actions.decide(registration, by=self.ben, approve=True)
        with self.assertRaisesMessage(ValidationError, "already"):
            actions.decide(registration, by=self.cleo, approve=False, reason="No")

    def test_who_may_decide(self) -> None:
        """The manager and the town's HR may; a colleague, the learner, an
        official and another town's HR may not."""
        registration = actions.register(self.ada, self.session)
        for outsider in (self.dev, self.ada, self.eli, self.hugo, self.sam):
            with self.assertRaises(PermissionDenied, msg=outsider.username):
                actions.decide(registration, by=outsider, approve=True)
        actions.decide(registration, by=self.cleo, approve=True)

    def test_a_nomination_by_the_manager_needs_no_approval(self) -> None:
        registration = actions.register(self.ada, self.session, by=self.ben)
        self.assertEqual(
            (registration.status, registration.nominated_by),
            (Status.CONFIRMED, self.ben),
        )

    def test_who_may_nominate(self) -> None:
        """HR of the town may nominate anyone of it; a manager their reports;
        nobody else, and never another town's HR."""
        actions.register(self.dev, self.session, by=self.cleo)
        for nominator, person in (
            (self.ben, self.dev),
            (self.ada, self.ben),
            (self.hugo, self.ada),
            (self.eli, self.ada),
        ):
            with self.assertRaises(PermissionDenied):
                actions.register(person, self.session, by=nominator)


class CancellationTests(TrainingTestCase):
    def test_the_learner_cancels_before_the_deadline(self) -> None:
        registration = actions.register(self.ada, self.session)
        with self.captureOnCommitCallbacks(execute=True):
            actions.cancel(registration, by=self.ada)
        registration.refresh_from_db()
        self.assertEqual(registration.status, Status.CANCELLED)
        self.assertEqual(mail.outbox[-1].attachments[0][0], "cancellation.ics")

    def test_the_learner_cannot_cancel_after_the_deadline_but_hr_can(self) -> None:
        registration = actions.register(self.ada, self.session)
        with time_machine.travel(
            self.session.cancellation_deadline + dt.timedelta(hours=1)
        ):
            with self.assertRaisesMessage(ValidationError, "deadline"):
                actions.cancel(registration, by=self.ada)
            registration.refresh_from_db()
            self.assertEqual(registration.status, Status.CONFIRMED)
            actions.cancel(registration, by=self.cleo)
        registration.refresh_from_db()
        self.assertEqual(registration.status, Status.CANCELLED)

    def test_a_colleague_or_another_towns_hr_cannot_cancel(self) -> None:
        registration = actions.register(self.ada, self.session)
        for outsider in (self.dev, self.hugo, self.eli):
            with self.assertRaises(PermissionDenied):
                actions.cancel(registration, by=outsider)
        registration.refresh_from_db()
        self.assertEqual(registration.status, Status.CONFIRMED)

    def test_cancelling_twice_is_refused_without_change(self) -> None:
        registration = actions.register(self.ada, self.session)
        actions.cancel(registration, by=self.ada)
        with self.assertRaisesMessage(ValidationError, "not active"):
            actions.cancel(registration, by=self.ada)

    def test_signing_up_again_after_cancelling_goes_to_the_end_of_the_queue(
        self,
    ) -> None:
        registration = actions.register(self.ada, self.session)
        actions.cancel(registration, by=self.ada)
        again = actions.register(self.ada, self.session)
        self.assertEqual((again.pk, again.status), (registration.pk, Status.CONFIRMED))
        self.assertGreater(again.requested_at, registration.requested_at)
        self.assertLessEqual(again.requested_at, timezone.now())
