"""Marking attendance: who may, bad marks change nothing, and attending
completes the activity, the course and yields platform-trust evidence."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from courses.models import CourseCompetence, Enrolment
from courses.training import actions
from courses.training.models import Attendance, SessionSlot
from courses.training.queries import hours_rows
from courses.training.tests.base import TrainingTestCase
from skills.actions import load_digcomp
from skills.models import Evidence


class AttendanceTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.registration = actions.register(self.ada, self.session)
        self.slot = self.session.slots.get()

    def test_hr_marks_present_and_the_course_is_completed_with_server_evidence(
        self,
    ) -> None:
        competence = load_digcomp().competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.workshop, competence=competence, level=3
        )
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={(self.registration.pk, self.slot.pk): "present"},
        )
        enrolment = Enrolment.objects.get(user=self.ada, course=self.workshop)
        self.assertIsNotNone(enrolment.completed_at)
        evidence = Evidence.objects.get(person=self.ada, competence=competence)
        self.assertEqual((evidence.trust, evidence.level), ("server", 3))
        self.assertEqual(enrolment.certificate.established, "server")

    def test_an_absence_completes_nothing(self) -> None:
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={(self.registration.pk, self.slot.pk): "absent"},
        )
        self.assertFalse(
            Enrolment.objects.filter(
                user=self.ada, course=self.workshop, completed_at__isnull=False
            ).exists()
        )

    def test_every_slot_must_be_attended(self) -> None:
        """A two-slot session is done only once both are marked present."""
        second = SessionSlot.objects.create(
            session=self.session,
            starts_at=self.start + dt.timedelta(days=1),
            ends_at=self.start + dt.timedelta(days=1, hours=2),
        )
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={(self.registration.pk, self.slot.pk): "present"},
        )
        self.assertFalse(Enrolment.objects.filter(completed_at__isnull=False).exists())
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={(self.registration.pk, second.pk): "present"},
        )
        self.assertTrue(Enrolment.objects.filter(completed_at__isnull=False).exists())

    def test_a_trainer_may_mark_but_not_their_own_line(self) -> None:
        self.session.trainers.add(self.dev)
        self.session.save()
        actions.mark_attendance(
            self.session,
            by=self.dev,
            marks={(self.registration.pk, self.slot.pk): "excused"},
        )
        self.assertEqual(Attendance.objects.get().status, "excused")
        self.session.trainers.add(self.ada)
        self.session.save()
        with self.assertRaises(PermissionDenied):
            actions.mark_attendance(
                self.session,
                by=self.ada,
                marks={(self.registration.pk, self.slot.pk): "present"},
            )
        self.assertEqual(Attendance.objects.get().status, "excused")

    def test_a_learner_another_towns_hr_or_a_manager_may_not_mark(self) -> None:
        for outsider in (self.ada, self.hugo, self.ben, self.eli):
            with self.assertRaises(PermissionDenied):
                actions.mark_attendance(
                    self.session,
                    by=outsider,
                    marks={(self.registration.pk, self.slot.pk): "present"},
                )
        self.assertFalse(Attendance.objects.exists())

    def test_unknown_people_slots_or_statuses_change_nothing(self) -> None:
        other = actions.register(self.ben, self.session)
        actions.cancel(other, by=self.ben)
        for marks in (
            {(self.registration.pk, self.slot.pk): "late"},
            {(self.registration.pk, 999_999): "present"},
            {
                (self.registration.pk, self.slot.pk): "present",
                (other.pk, self.slot.pk): "present",
            },
        ):
            with self.assertRaises(ValidationError):
                actions.mark_attendance(self.session, by=self.cleo, marks=marks)
        self.assertFalse(Attendance.objects.exists())

    def test_hours_count_present_slots_per_person(self) -> None:
        ben = actions.register(self.ben, self.session)
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={
                (self.registration.pk, self.slot.pk): "present",
                (ben.pk, self.slot.pk): "absent",
            },
        )
        rows = hours_rows(self.town, self.start.year)
        self.assertEqual(
            [(row["first_name"], row["minutes"], row["sessions"]) for row in rows],
            [("Ada", 180, 1)],
        )
        self.assertEqual(hours_rows(self.other_town, self.start.year), [])
