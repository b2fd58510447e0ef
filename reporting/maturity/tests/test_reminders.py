"""HR reminds the respondents who have not answered: one click, an e-mail in
each person's language through the task queue, at most once a day each."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reporting.maturity import actions
from reporting.maturity.models import Group, Reminder
from reporting.maturity.tests.base import MaturityTestCase


class ReminderTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assessment = self.open()
        self.url = reverse("maturity:remind", args=[self.assessment.pk])
        # Answered: Ben (management). Waiting: Ada (IT, in French, with part
        # of her answers saved) and Eli (elected, in English).
        self.answer(self.assessment, self.ben, Group.MANAGEMENT, {"strategy": 3})
        self.ada.preferred_language = "fr"
        self.ada.save()
        self.eli.preferred_language = "en"
        self.eli.save()
        self.ada_invitation = actions.invite(
            self.assessment, person=self.ada, group=Group.IT
        )
        question = actions.questions_for(self.ada_invitation)[0]
        actions.save_answers(self.ada_invitation, levels={question.pk: 2}, submit=False)
        actions.invite(self.assessment, person=self.eli, group=Group.ELECTED)
        # Montval's own open assessment, with a respondent who has not answered.
        other = self.open(hr=self.hugo)
        actions.invite(other, person=self.marc, group=Group.DEPARTMENTS)
        mail.outbox.clear()

    def remind(self) -> int:
        self.client.force_login(self.cleo)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url)
        self.assertEqual(response.status_code, 302)
        return len(mail.outbox)

    def test_only_those_who_have_not_answered_are_reminded(self) -> None:
        self.assertEqual(self.remind(), 2)
        by_address = {message.to[0]: message for message in mail.outbox}
        self.assertEqual(set(by_address), {self.ada.email, self.eli.email})
        # Each in their own language, with the link to their form.
        self.assertIn("vos réponses sont attendues", by_address[self.ada.email].subject)
        self.assertIn("your answers are awaited", by_address[self.eli.email].subject)
        self.assertIn(
            reverse("maturity:respond", args=[self.ada_invitation.pk]),
            by_address[self.ada.email].body,
        )
        # Neither Ben (answered) nor Marc (another town) is reminded.
        self.assertNotIn(self.ben.email, by_address)
        self.assertNotIn(self.marc.email, by_address)
        self.assertEqual(
            Reminder.objects.filter(invitation__person=self.marc).count(), 0
        )

    def test_a_replayed_post_sends_nothing_twice(self) -> None:
        self.assertEqual(self.remind(), 2)
        self.assertEqual(self.remind(), 2)  # the same day: nothing more
        self.assertEqual(Reminder.objects.count(), 2)
        # The next day, those still waiting are reminded again.
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            count = actions.remind_respondents(
                self.assessment,
                by=self.cleo,
                today=timezone.localdate() + dt.timedelta(days=1),
            )
        self.assertEqual(count, 2)
        self.assertEqual(len(mail.outbox), 2)

    def test_the_page_shows_who_was_reminded(self) -> None:
        self.remind()
        response = self.client.get(
            reverse("maturity:assessment", args=[self.assessment.pk])
        )
        self.assertContains(response, "relancé le", count=2)  # French by default

    def test_only_hr_of_the_town_reminds(self) -> None:
        for person, status in ((self.hugo, 404), (self.eli, 403), (self.ada, 403)):
            self.client.force_login(person)
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(self.url)
            self.assertEqual(response.status_code, status, person)
        self.client.logout()
        response = self.client.post(self.url)
        self.assertIn("/accounts/login/", response["Location"])
        self.assertEqual(len(mail.outbox), 0)
        self.assertFalse(Reminder.objects.exists())

    def test_a_closed_assessment_reminds_nobody(self) -> None:
        actions.close_assessment(self.assessment)
        self.assertEqual(self.remind(), 0)
        self.assertFalse(Reminder.objects.exists())
