"""The questionnaire after a session: one answer per participant who attended,
results to HR and trainers only from five answers, a mail once the session is
over."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.training import actions
from courses.training.models import Registration, SatisfactionAnswer
from courses.training.queries import satisfaction_results
from courses.training.tests.base import TrainingTestCase
from lms.testing import make_person

SCORES = {"content": 4, "trainer": 5, "practice": 3, "organisation": 4, "overall": 5}


class SatisfactionTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.session.trainers.add(self.dev)
        self.session.save()
        self.registration = actions.register(self.ada, self.session)
        self.slot = self.session.slots.get()
        self.mark(self.registration, "present")

    def mark(self, registration: Registration, status: str) -> None:
        key = (registration.pk, self.slot.pk)
        actions.mark_attendance(
            self.session, by=self.cleo, marks={key: status}, minutes={key: 30}
        )

    def test_a_participant_who_attended_answers_once(self) -> None:
        actions.answer_satisfaction(
            self.registration, by=self.ada, scores=SCORES, comment=" Très utile "
        )
        self.assertEqual(SatisfactionAnswer.objects.get().comment, "Très utile")
        with self.assertRaises(ValidationError):
            actions.answer_satisfaction(self.registration, by=self.ada, scores=SCORES)
        self.assertEqual(SatisfactionAnswer.objects.count(), 1)

    def test_someone_absent_or_another_person_may_not_answer(self) -> None:
        absent = actions.register(self.ben, self.session)
        self.mark(absent, "absent")
        with self.assertRaises(ValidationError):
            actions.answer_satisfaction(absent, by=self.ben, scores=SCORES)
        with self.assertRaises(PermissionDenied):
            actions.answer_satisfaction(self.registration, by=self.cleo, scores=SCORES)
        self.assertFalse(SatisfactionAnswer.objects.exists())

    def test_scores_outside_one_to_five_or_missing_change_nothing(self) -> None:
        for scores in (
            {**SCORES, "overall": 6},
            {**SCORES, "trainer": 0},
            {"overall": 3},
        ):
            with self.assertRaises(ValidationError):
                actions.answer_satisfaction(
                    self.registration, by=self.ada, scores=scores
                )
        self.assertFalse(SatisfactionAnswer.objects.exists())

    def test_the_page_takes_the_answer_and_refuses_a_forged_score(self) -> None:
        url = reverse("training:satisfaction", args=[self.session.pk])
        self.client.force_login(self.ada)
        self.assertContains(self.client.get(self.session.get_absolute_url()), url)
        response = self.client.post(url, {**SCORES, "overall": "9"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(SatisfactionAnswer.objects.exists())
        response = self.client.post(url, {**SCORES, "comment": "Bien"})
        self.assertRedirects(response, self.session.get_absolute_url())
        self.assertEqual(SatisfactionAnswer.objects.get().overall, 5)
        self.assertNotContains(self.client.get(self.session.get_absolute_url()), url)

    def test_results_are_blank_under_five_answers(self) -> None:
        actions.answer_satisfaction(self.registration, by=self.ada, scores=SCORES)
        self.session.capacity = 6
        self.session.save()
        people = [make_person(f"p{n}", self.town) for n in range(4)]
        for number, person in enumerate(people):
            registration = actions.register(person, self.session)
            self.mark(registration, "partly" if number == 0 else "present")
        # Four answers: nothing shown.
        for person in people[:3]:
            actions.answer_satisfaction(
                Registration.objects.get(user=person),
                by=person,
                scores={**SCORES, "overall": 1},
                comment="Trop long",
            )
        results = satisfaction_results(self.session)
        self.assertEqual(
            (results.answers, results.shown, results.comments), (4, False, [])
        )
        url = reverse("training:satisfaction-results", args=[self.session.pk])
        self.client.force_login(self.dev)
        self.assertNotContains(self.client.get(url), "Trop long")
        actions.answer_satisfaction(
            Registration.objects.get(user=people[3]), by=people[3], scores=SCORES
        )
        results = satisfaction_results(self.session)
        self.assertTrue(results.shown)
        self.assertEqual([mean for _label, mean in results.averages], [4, 5, 3, 4, 2.6])
        # Person, session, trainer check, count, averages, comments.
        with self.assertNumQueries(6):
            response = self.client.get(url)
        self.assertContains(response, "Trop long")

    def test_results_are_hidden_from_learners_and_another_town(self) -> None:
        url = reverse("training:satisfaction-results", args=[self.session.pk])
        for outsider in (self.ada, self.ben, self.hugo, self.eli):
            self.client.force_login(outsider)
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_questionnaire_is_mailed_once_after_the_session(self) -> None:
        mail.outbox.clear()
        self.assertEqual(actions.send_training_reminders(), 0)
        with time_machine.travel(self.slot.ends_at + dt.timedelta(hours=2)):
            self.assertEqual(actions.send_training_reminders(), 1)
            self.assertEqual(actions.send_training_reminders(), 0)
        self.assertEqual(mail.outbox[0].to, ["ada@example.org"])
        self.assertIn(self.session.get_absolute_url(), mail.outbox[0].body)
