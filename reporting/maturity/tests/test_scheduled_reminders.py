"""Scheduled reminders: an open assessment with a closing date reminds those
who have not answered 7 days and 1 day before it closes, from the daily
``send_reminders`` job; HR sets the closing date."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reporting.maturity import actions
from reporting.maturity.models import Assessment, Group, Reminder
from reporting.maturity.tests.base import MaturityTestCase

CLOSES_ON = dt.date(2026, 12, 20)


def at(day: dt.date) -> time_machine.travel:
    moment = dt.datetime.combine(
        day, dt.time(6, 0), tzinfo=timezone.get_current_timezone()
    )
    return time_machine.travel(moment, tick=False)


class ScheduledReminderTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        with at(dt.date(2026, 12, 1)):
            self.assessment = self.open()
            actions.set_closing_date(self.assessment, closes_on=CLOSES_ON)
        # Answered: Ben. Waiting: Ada (in French) and Eli.
        self.answer(self.assessment, self.ben, Group.MANAGEMENT, {"strategy": 3})
        self.ada.preferred_language = "fr"
        self.ada.save()
        actions.invite(self.assessment, person=self.ada, group=Group.IT)
        actions.invite(self.assessment, person=self.eli, group=Group.ELECTED)
        mail.outbox.clear()

    def run_on(self, day: dt.date) -> int:
        with at(day), self.captureOnCommitCallbacks(execute=True):
            return actions.send_scheduled_reminders()

    def test_7_days_and_1_day_before_it_closes_once_each(self) -> None:
        self.assertEqual(self.run_on(dt.date(2026, 12, 12)), 0)  # 8 days before
        self.assertEqual(self.run_on(dt.date(2026, 12, 13)), 2)  # 7 days before
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            sorted([self.ada.email, self.eli.email]),
        )
        self.assertEqual(self.run_on(dt.date(2026, 12, 13)), 0)  # the same day again
        self.assertEqual(self.run_on(dt.date(2026, 12, 14)), 0)
        self.assertEqual(self.run_on(dt.date(2026, 12, 19)), 2)  # 1 day before
        self.assertEqual(self.run_on(dt.date(2026, 12, 20)), 0)  # closing day
        self.assertEqual(self.run_on(dt.date(2026, 12, 21)), 0)  # after it
        self.assertEqual(len(mail.outbox), 4)
        self.assertEqual(
            sorted(set(Reminder.objects.values_list("day", flat=True))),
            [dt.date(2026, 12, 13), dt.date(2026, 12, 19)],
        )
        # Sent by the schedule, not by a person.
        self.assertFalse(Reminder.objects.filter(sent_by__isnull=False).exists())

    def test_the_mail_gives_the_closing_date_in_the_persons_language(self) -> None:
        self.run_on(dt.date(2026, 12, 13))
        to_ada = next(m for m in mail.outbox if m.to == [self.ada.email])
        self.assertIn("Le questionnaire ferme le 20/12/2026.", to_ada.body)

    def test_a_day_the_job_missed_is_caught_up_and_hrs_click_counts(self) -> None:
        self.assertEqual(self.run_on(dt.date(2026, 12, 15)), 2)  # missed the 13th
        self.assertEqual(self.run_on(dt.date(2026, 12, 16)), 0)
        with at(dt.date(2026, 12, 19)), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(
                actions.remind_respondents(self.assessment, by=self.cleo), 2
            )
        # HR reminded them on the 19th already: one reminder a day at most.
        self.assertEqual(self.run_on(dt.date(2026, 12, 19)), 0)
        self.assertEqual(self.run_on(dt.date(2026, 12, 20)), 0)

    def test_who_answered_meanwhile_is_not_reminded(self) -> None:
        self.run_on(dt.date(2026, 12, 13))
        invitation = self.assessment.invitations.get(person=self.eli)
        invitation.submitted_at = timezone.now()
        invitation.save()
        self.assertEqual(self.run_on(dt.date(2026, 12, 19)), 1)

    def test_no_closing_date_or_a_closed_assessment_reminds_nobody(self) -> None:
        Assessment.objects.filter(pk=self.assessment.pk).update(closes_on=None)
        self.assertEqual(self.run_on(dt.date(2026, 12, 13)), 0)
        Assessment.objects.filter(pk=self.assessment.pk).update(
            closes_on=CLOSES_ON, status=Assessment.Status.CLOSED
        )
        self.assertEqual(self.run_on(dt.date(2026, 12, 13)), 0)
        self.assertEqual(mail.outbox, [])

    def test_the_daily_send_reminders_job_runs_them(self) -> None:
        out = io.StringIO()
        with at(dt.date(2026, 12, 13)), self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", stdout=out)
        self.assertIn("maturity: 2 reminder(s) sent.", out.getvalue())
        self.assertEqual(len(mail.outbox), 2)


class ClosingDateTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assessment = self.open()
        self.url = reverse("maturity:closing-date", args=[self.assessment.pk])

    def post(self, day: str) -> int:
        return self.client.post(self.url, {"c-closes_on": day}).status_code

    def test_hr_of_the_town_sets_it(self) -> None:
        self.client.force_login(self.cleo)
        with at(dt.date(2026, 12, 1)):
            self.assertEqual(self.post("2026-12-20"), 302)
        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.closes_on, CLOSES_ON)

    def test_a_past_date_is_refused_and_nothing_changes(self) -> None:
        with at(dt.date(2026, 12, 1)):
            with self.assertRaises(ValidationError):
                actions.set_closing_date(
                    self.assessment, closes_on=dt.date(2026, 11, 30)
                )
            self.client.force_login(self.cleo)
            self.post("2026-11-30")
        self.assessment.refresh_from_db()
        self.assertIsNone(self.assessment.closes_on)

    def test_others_may_not(self) -> None:
        """A learner, a manager and an official: 403; HR of another town: 404."""
        for person, status in (
            (self.ada, 403),
            (self.ben, 403),
            (self.eli, 403),
            (self.hugo, 404),
        ):
            self.client.force_login(person)
            self.assertEqual(self.post("2030-01-01"), status, person)
        self.client.logout()
        self.assertEqual(self.post("2030-01-01"), 302)
        self.assessment.refresh_from_db()
        self.assertIsNone(self.assessment.closes_on)
