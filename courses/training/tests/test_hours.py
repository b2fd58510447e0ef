"""Partly present with minutes; hours counting what was attended, on the
person's page and in HR's report by department and type, with its exports."""

from __future__ import annotations

import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import Enrolment
from courses.training import actions
from courses.training.models import Attendance, Training
from courses.training.queries import hours_by_year_of, hours_report_rows, hours_rows
from courses.training.tests.base import TrainingTestCase, make_session


class PartlyPresentTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.registration = actions.register(self.ada, self.session)
        self.slot = self.session.slots.get()
        self.key = (self.registration.pk, self.slot.pk)

    def test_partly_present_counts_its_minutes_and_completes_nothing(self) -> None:
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={self.key: "partly"},
            minutes={self.key: 75},
        )
        self.assertEqual(Attendance.objects.get().minutes, 75)
        [row] = hours_rows(self.town, self.start.year)
        self.assertEqual((row["minutes"], row["sessions"]), (75, 1))
        self.assertFalse(
            Enrolment.objects.filter(user=self.ada, completed_at__isnull=False).exists()
        )

    def test_partly_present_needs_minutes_within_the_slot(self) -> None:
        for minutes in ({}, {self.key: 0}, {self.key: 180}, {self.key: 500}):
            with self.assertRaises(ValidationError):
                actions.mark_attendance(
                    self.session,
                    by=self.cleo,
                    marks={self.key: "partly"},
                    minutes=minutes,
                )
        self.assertFalse(Attendance.objects.exists())

    def test_minutes_are_dropped_when_present(self) -> None:
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={self.key: "present"},
            minutes={self.key: 20},
        )
        self.assertIsNone(Attendance.objects.get().minutes)
        self.assertEqual(hours_rows(self.town, self.start.year)[0]["minutes"], 180)

    def test_the_page_records_partly_present_and_refuses_it_without_minutes(
        self,
    ) -> None:
        url = reverse("training:attendance", args=[self.session.pk])
        self.client.force_login(self.cleo)
        mark = f"mark-{self.key[0]}-{self.key[1]}"
        minutes = f"minutes-{self.key[0]}-{self.key[1]}"
        response = self.client.post(url, {mark: "partly"}, follow=True)
        self.assertContains(response, "indiquez les minutes de présence")
        self.assertFalse(Attendance.objects.exists())
        self.client.post(url, {mark: "partly", minutes: "90"})
        self.assertEqual(Attendance.objects.get().minutes, 90)


class HoursTests(TrainingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.outside = Training.objects.create(
            organisation=cls.town,
            course=cls.workshop,
            title="Marchés publics",
            provider=Training.Provider.OUTSIDE,
        )

    def setUp(self) -> None:
        super().setUp()
        later = self.start + dt.timedelta(days=2)
        self.other = make_session(self.outside, start=later, capacity=5)
        for session, people in (
            (self.session, [self.ada, self.ben, self.eli]),
            (self.other, [self.ada]),
        ):
            marks = {}
            minutes = {}
            slot = session.slots.get()
            for person in people:
                registration = actions.register(person, session)
                status = "partly" if person == self.ben else "present"
                marks[(registration.pk, slot.pk)] = status
                minutes[(registration.pk, slot.pk)] = 60
            actions.mark_attendance(session, by=self.cleo, marks=marks, minutes=minutes)

    def test_the_report_groups_by_department_and_type_officials_apart(self) -> None:
        rows = hours_report_rows(self.town, self.start.year)
        self.assertEqual(
            [
                (r["department"], r["kind"], r["provider"], r["people"], r["minutes"])
                for r in rows
            ],
            [
                ("Engineering", "staff", "in_house", 2, 240),
                ("Engineering", "staff", "outside", 1, 180),
                (None, "elected", "in_house", 1, 180),
            ],
        )
        self.assertEqual(hours_report_rows(self.other_town, self.start.year), [])

    def test_the_persons_hours_per_year(self) -> None:
        self.assertEqual(
            hours_by_year_of(self.ada),
            [{"year": self.start.year, "sessions": 2, "people": 1, "minutes": 360}],
        )

    def test_the_person_page_shows_their_hours(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("lms:person-detail", args=[self.ada.pk]))
        self.assertContains(response, 'id="training-hours"')
        self.assertContains(response, "<td>6,0</td>", html=False)

    def test_hr_sees_the_report_and_downloads_it(self) -> None:
        url = reverse("training:hours-report")
        self.client.force_login(self.cleo)
        # Person, site and its root page (cached for a minute, cold here), town,
        # HR check, then the three grouped sums.
        with self.assertNumQueries(8):
            response = self.client.get(url, {"year": self.start.year})
        self.assertContains(response, "Organisme de formation extérieur")
        self.assertContains(response, "Élus")
        export = reverse("training:hours-report-export", args=["xlsx"])
        book = load_workbook(
            io.BytesIO(self.client.get(export, {"year": self.start.year}).content)
        )
        sheet = book.active
        self.assertEqual(sheet["A2"].value, "Engineering")
        self.assertEqual(sheet["E2"].value, 4)
        csv = self.client.get(
            reverse("training:hours-report-export", args=["csv"]),
            {"year": self.start.year},
        )
        self.assertIn(
            "Engineering;Organisme de formation extérieur;1;1;3",
            csv.content.decode("utf-8-sig"),
        )

    def test_a_bad_year_is_refused(self) -> None:
        self.client.force_login(self.cleo)
        for year in ("1999", "abc"):
            self.assertEqual(
                self.client.get(
                    reverse("training:hours-report"), {"year": year}
                ).status_code,
                400,
            )
            self.assertEqual(
                self.client.get(
                    reverse("training:hours-report-export", args=["csv"]),
                    {"year": year},
                ).status_code,
                400,
            )

    def test_learners_managers_and_officials_may_not_see_the_report(self) -> None:
        for outsider in (self.ada, self.ben, self.eli):
            self.client.force_login(outsider)
            self.assertEqual(
                self.client.get(reverse("training:hours-report")).status_code, 403
            )
            self.assertEqual(
                self.client.get(
                    reverse("training:hours-report-export", args=["csv"])
                ).status_code,
                403,
            )

    def test_another_towns_hr_sees_only_its_own_people(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(
            reverse("training:hours-report"), {"year": self.start.year}
        )
        self.assertContains(response, "Aucune heure de formation")
        self.assertNotContains(response, "Engineering")


class TrainerListTests(TrainingTestCase):
    def test_the_trainer_gets_the_list_once_in_their_language(self) -> None:
        import time_machine
        from django.core import mail

        self.dev.preferred_language = "en"
        self.dev.save()
        self.session.trainers.add(self.dev)
        self.session.save()
        actions.register(self.ada, self.session)
        mail.outbox.clear()
        with time_machine.travel(self.start - dt.timedelta(hours=20)):
            self.assertEqual(actions.send_training_reminders(), 2)
            self.assertEqual(actions.send_training_reminders(), 0)
        [to_trainer] = [m for m in mail.outbox if m.to == ["dev@example.org"]]
        self.assertIn("Participants: Atelier cybersécurité", to_trainer.subject)
        self.assertIn("Ada Test", to_trainer.body)
        self.assertIn("/attendance/", to_trainer.body)
