"""The back office: HR and authors manage their own town's trainings and
sessions; another town's HR neither sees nor edits them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from courses.training.models import Training, TrainingSession
from courses.training.tests.base import TrainingTestCase

SESSIONS = "/admin/snippets/training/trainingsession/"
TRAININGS = "/admin/snippets/training/training/"


class SessionAdminTests(TrainingTestCase):
    def test_the_towns_hr_lists_and_opens_its_sessions(self) -> None:
        self.client.force_login(self.cleo)
        self.assertContains(self.client.get(SESSIONS), "Atelier cybersécurité")
        response = self.client.get(f"{SESSIONS}edit/{self.session.pk}/")
        self.assertEqual(response.status_code, 200)

    def test_another_towns_hr_neither_sees_nor_edits(self) -> None:
        self.client.force_login(self.hugo)
        self.assertNotContains(self.client.get(SESSIONS), "Atelier cybersécurité")
        self.assertEqual(
            self.client.get(f"{SESSIONS}edit/{self.session.pk}/").status_code, 404
        )
        self.assertEqual(
            self.client.get(f"{TRAININGS}edit/{self.training.pk}/").status_code, 404
        )
        response = self.client.post(f"{SESSIONS}delete/{self.session.pk}/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(TrainingSession.objects.filter(pk=self.session.pk).exists())

    def test_learners_and_officials_have_no_access(self) -> None:
        for person in (self.ada, self.eli):
            self.client.force_login(person)
            self.assertNotEqual(self.client.get(SESSIONS).status_code, 200)

    def _session_form(self, training: Training) -> dict[str, object]:
        start = timezone.localtime(timezone.now() + dt.timedelta(days=20))
        fmt = "%Y-%m-%d %H:%M"
        return {
            "training": training.pk,
            "language": "fr",
            "place": "Médiathèque",
            "video_url": "",
            "outside_trainers": "Claire Martin",
            "capacity": "12",
            "registration_opens": (start - dt.timedelta(days=15)).strftime(fmt),
            "registration_closes": (start - dt.timedelta(days=2)).strftime(fmt),
            "cancellation_deadline": (start - dt.timedelta(days=2)).strftime(fmt),
            "slots-TOTAL_FORMS": "1",
            "slots-INITIAL_FORMS": "0",
            "slots-MIN_NUM_FORMS": "1",
            "slots-MAX_NUM_FORMS": "1000",
            "slots-0-starts_at": start.strftime(fmt),
            "slots-0-ends_at": (start + dt.timedelta(hours=2)).strftime(fmt),
            "slots-0-ORDER": "1",
            "slots-0-id": "",
            "slots-0-DELETE": "",
            "open_seats-TOTAL_FORMS": "1",
            "open_seats-INITIAL_FORMS": "0",
            "open_seats-MIN_NUM_FORMS": "0",
            "open_seats-MAX_NUM_FORMS": "1000",
            "open_seats-0-organisation": self.other_town.pk,
            "open_seats-0-seats": "3",
            "open_seats-0-ORDER": "1",
            "open_seats-0-id": "",
            "open_seats-0-DELETE": "",
        }

    def test_an_author_creates_a_session_with_seats_for_another_town(self) -> None:
        self.client.force_login(self.aurore)
        response = self.client.post(
            f"{SESSIONS}add/", self._session_form(self.training)
        )
        self.assertEqual(response.status_code, 302)
        session = TrainingSession.objects.exclude(pk=self.session.pk).get()
        self.assertEqual(session.slots.count(), 1)
        self.assertEqual(session.open_seats.get().seats, 3)

    def test_another_towns_hr_cannot_attach_a_session_to_our_training(self) -> None:
        """A forged add form naming Saint-Aubin's training is refused."""
        self.client.force_login(self.hugo)
        response = self.client.post(
            f"{SESSIONS}add/", self._session_form(self.training)
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(TrainingSession.objects.count(), 1)

    def test_a_session_without_place_or_link_is_refused(self) -> None:
        self.client.force_login(self.cleo)
        form = self._session_form(self.training)
        form["place"] = " "
        response = self.client.post(f"{SESSIONS}add/", form)
        self.assertContains(response, "Indiquez un lieu ou un lien de visioconférence")
        self.assertEqual(TrainingSession.objects.count(), 1)


class TrainingAdminTests(TrainingTestCase):
    def test_hr_cannot_choose_another_towns_course(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            f"{TRAININGS}add/",
            {
                "organisation": self.town.pk,
                "course": self.montval_course.pk,
                "title": "Forged",
                "description": "",
                "provider": "in_house",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Training.objects.filter(title="Forged").exists())

    def test_hr_creates_a_training_for_their_course(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            f"{TRAININGS}add/",
            {
                "organisation": self.town.pk,
                "course": self.course.pk,
                "title": "Atelier tableur",
                "description": "",
                "provider": "network",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Training.objects.filter(title="Atelier tableur").exists())
