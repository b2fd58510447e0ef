"""Personal data rights across the apps: a person's archive holds every kind of
record the platform keeps, and anonymising a person who left removes what names
them from each, while every figure they count in stays the same.

These tests build courses, H5P and SCORM results and skills evidence, so they
live with the whole-platform tests: ``lms.privacy`` itself names those apps'
models through the app registry and never imports them (docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tempfile
import zipfile
from typing import Any

from axes.models import AccessLog
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses.actions import complete_lesson, enrol
from courses.h5p.models import H5PUserData
from courses.models import (
    Assignment,
    Certificate,
    Enrolment,
    LessonCompletion,
    ReminderSent,
)
from courses.records.models import Statement
from courses.scorm.models import ScormScoState
from courses.testing import CatalogueTestCase
from courses.training.models import (
    Attendance,
    Registration,
    SatisfactionAnswer,
    SessionSlot,
    Training,
    TrainingSession,
)
from courses.training.tests.base import TrainingTestCase
from lms.models import User
from lms.privacy import actions
from lms.privacy.kinds import KINDS
from lms.privacy.models import PersonalDataExport
from lms.privacy.queries import records_of
from lms.testing import PersonasTestCase, make_person
from reporting.actions import rebuild_skills_summary
from reporting.tests.dashboard_parts import dashboard_seen
from skills import actions as skills_actions
from skills.models import Competence, Evidence, MonthlySnapshot
from tests.town_a import ID, MARKER, SEARCH_WORD, build_town_a

# Kinds whose rows say what happened, and whose number anonymising keeps.
COUNTED = [
    "enrolments",
    "lesson_completions",
    "quiz_attempts",
    "h5p_results",
    "h5p_answers",
    "scorm_attempts",
    "scorm_states",
    "statements",
    "evidence",
    "snapshots",
    "certificates",
    "reminders",
    "training_registrations",
    "training_attendance",
]


class EveryRecordTests(PersonasTestCase):
    """Town A's person (``tests.town_a``) has a record of every kind: the
    matrix's fixture, plus a lesson completion, a snapshot, a reminder and a
    sign-in. Names and the marker sit in the fields that name the person."""

    person: User

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.mkdtemp(prefix="privacy-media-")
        cls.addClassCleanup(shutil.rmtree, media, True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        town_a = build_town_a(cls, hugo=cls.hugo, organisation=cls.other_town)
        cls.person = town_a.person
        enrolment = Enrolment.objects.get(pk=ID)
        LessonCompletion.objects.create(enrolment=enrolment, lesson_id=ID + 1)
        MonthlySnapshot.objects.create(
            person=cls.person,
            competence=Competence.objects.get(pk=ID),
            month=timezone.localdate().replace(day=1),
            level=1,
            organisation=cls.other_town,
        )
        ReminderSent.objects.create(
            assignment=Assignment.objects.get(pk=ID),
            user=cls.person,
            kind=ReminderSent.Kind.BEFORE,
        )
        AccessLog.objects.create(username="quintessa", ip_address="10.0.0.9")
        now = timezone.now()
        session = TrainingSession.objects.create(
            training=Training.objects.create(
                organisation=cls.other_town, course_id=ID, title="Workshop"
            ),
            capacity=5,
            registration_opens=now - dt.timedelta(days=9),
            registration_closes=now - dt.timedelta(days=2),
            cancellation_deadline=now - dt.timedelta(days=2),
        )
        slot = SessionSlot.objects.create(
            session=session,
            starts_at=now - dt.timedelta(days=1),
            ends_at=now - dt.timedelta(days=1, hours=-3),
        )
        registration = Registration.objects.create(
            session=session,
            user=cls.person,
            status=Registration.Status.CONFIRMED,
            reason=f"{MARKER} asked to come back after leave",
        )
        Attendance.objects.create(
            registration=registration, slot=slot, status=Attendance.Status.PRESENT
        )
        SatisfactionAnswer.objects.create(
            registration=registration,
            content=4,
            trainer=5,
            practice=3,
            organisation=4,
            overall=4,
            comment="Useful",
        )
        ScormScoState.objects.filter(pk=ID).update(
            cmi={
                "core": {"student_name": f"{MARKER}, {SEARCH_WORD}", "student_id": "x"},
                "cmi.suspend_data": MARKER,
                "interactions": {"0": {"id": "q1", "result": "correct"}},
            }
        )

    def counts(self) -> dict[str, int]:
        return {
            name: len(table.rows) for name, table in records_of(self.person).items()
        }

    def leave_and_anonymise(self) -> None:
        User.objects.filter(pk=self.person.pk).update(is_active=False)
        actions.anonymise_person(self.person, by=self.hugo)
        self.person.refresh_from_db()

    def test_the_archive_holds_every_kind_of_record(self) -> None:
        """Hugo, HR of the person's town, downloads it: a JSON and a CSV file
        per kind, none empty, the same rows in both; and the download is logged."""
        self.client.force_login(self.hugo)
        response = self.client.get(
            reverse("privacy_admin:person-archive", args=[self.person.pk])
        )
        self.assertEqual(response.status_code, 200)
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        for kind in KINDS:
            rows = json.loads(archive.read(f"{kind.name}.json"))
            lines = archive.read(f"{kind.name}.csv").decode("utf-8-sig").splitlines()
            self.assertTrue(rows, kind.name)
            self.assertGreaterEqual(len(lines), 1 + len(rows), kind.name)
        profile = json.loads(archive.read("profile.json"))[0]
        self.assertEqual(profile["last_name"], MARKER)
        entry = PersonalDataExport.objects.get()
        self.assertEqual(
            (entry.exported_by, entry.organisation_id, entry.kind),
            (self.hugo, ID, PersonalDataExport.Kind.PERSON_ARCHIVE),
        )

    def test_anonymising_keeps_every_record_that_counts(self) -> None:
        before = self.counts()
        self.leave_and_anonymise()
        after = self.counts()
        self.assertEqual(
            {name: after[name] for name in COUNTED},
            {name: before[name] for name in COUNTED},
        )
        self.assertTrue(all(before[name] for name in COUNTED))

    def test_anonymising_removes_what_names_the_person(self) -> None:
        self.leave_and_anonymise()
        profile = records_of(self.person)["profile"].rows[0]
        for field in ("username", "first_name", "last_name", "email"):
            self.assertNotIn(MARKER.lower(), profile[field].lower(), field)
            self.assertNotIn(SEARCH_WORD.lower(), profile[field].lower(), field)
        self.assertIsNone(profile["employee_number"])
        for statement in Statement.objects.filter(actor=self.person):
            self.assertNotIn("name", statement.data["actor"])
        self.assertEqual(Certificate.objects.get(pk=ID).holder_name, "")
        self.assertEqual(Evidence.objects.get(pk=ID).note, "")
        self.assertFalse(H5PUserData.objects.filter(enrolment_id=ID).exists())
        self.assertEqual(Registration.objects.get(user=self.person).reason, "")
        cmi = ScormScoState.objects.get(pk=ID).cmi
        self.assertEqual(
            cmi, {"core": {}, "interactions": {"0": {"id": "q1", "result": "correct"}}}
        )
        self.assertFalse(AccessLog.objects.filter(username="quintessa").exists())

    def test_the_attestation_is_still_genuine_and_names_nobody(self) -> None:
        certificate = Certificate.objects.get(pk=ID)
        url = reverse("courses:certificate-verify", args=[certificate.code])
        holder = f"<dd>{SEARCH_WORD} {MARKER}</dd>"
        self.assertContains(self.client.get(url), holder)
        self.leave_and_anonymise()
        response = self.client.get(url)
        self.assertContains(response, "Cette attestation est authentique.")
        self.assertNotContains(response, holder)


class FiguresTests(CatalogueTestCase):
    """Six engineers and Lea, who left, assessed and enrolled in ``course``: the
    dashboards of HR, of Ben (the manager) and of the council read the same
    figures before and after Lea is anonymised (and the nightly summary rebuilt)."""

    lea: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        version = skills_actions.load_digcomp()
        competence = Competence.objects.get(version=version, code="4.1")
        skills_actions.set_expectation(cls.developer_role, competence, level=2)
        cls.lea = make_person(
            "lea",
            cls.town,
            department=cls.engineering,
            job_role=cls.developer_role,
            manager=cls.ben,
        )
        extra = [
            make_person(
                f"eng{i}",
                cls.town,
                department=cls.engineering,
                job_role=cls.developer_role,
                manager=cls.ben,
            )
            for i in range(4)
        ]
        when = timezone.now() - dt.timedelta(days=65)
        for index, person in enumerate([cls.ada, cls.sam, cls.lea, *extra]):
            skills_actions.record_evidence(
                person,
                competence=competence,
                level=1 + index % 3,
                source="self",
                recorded_by=person,
                observed_at=when,
            )
            enrolment = enrol(person, cls.course)
            if index % 2:
                complete_lesson(enrolment, cls.lessons[0])
        User.objects.filter(pk=cls.lea.pk).update(is_active=False)
        rebuild_skills_summary()

    def figures(self) -> dict[str, Any]:
        """Every table of the three dashboards. The manager's team view shows
        one row per report, labelled with their name: there Lea's row keeps its
        figures under her new, anonymous name, so the labels are left out."""
        seen = {}
        for person, name in (
            (self.cleo, "reporting:hr-dashboard"),
            (self.eli, "reporting:council-dashboard"),
            (self.ben, "reporting:team-dashboard"),
        ):
            self.client.force_login(person)
            seen[name] = dashboard_seen(self.client, reverse(name))["tables"]
        for table in seen["reporting:team-dashboard"].values():
            if "group" in table["columns"]:
                column = table["columns"].index("group")
                table["rows"] = sorted(
                    (row[:column] + row[column + 1 :] for row in table["rows"]),
                    key=repr,
                )
        return seen

    def test_the_dashboards_do_not_change(self) -> None:
        before = self.figures()
        actions.anonymise_person(self.lea, by=self.cleo)
        rebuild_skills_summary()
        self.assertEqual(self.figures(), before)
        funnel = before["reporting:hr-dashboard"]["funnel"]["rows"]
        self.assertTrue(funnel, "the figures compared are not empty")


class TrainingExportsTests(TrainingTestCase):
    def test_hr_downloading_hours_or_an_attendance_sheet_is_logged(self) -> None:
        self.client.force_login(self.cleo)
        hours = self.client.get(f"/learning/training/hours.csv?year={self.start.year}")
        sheet = self.client.get(
            f"/learning/training/sessions/{self.session.pk}/sheet.pdf"
        )
        self.assertEqual((hours.status_code, sheet.status_code), (200, 200))
        entries = PersonalDataExport.objects.order_by("pk")
        self.assertEqual(
            [(e.kind, e.detail, e.organisation_id) for e in entries],
            [
                ("training", f"hours {self.start.year}", self.town.pk),
                ("training", f"session {self.session.pk}", self.town.pk),
            ],
        )

    def test_a_refused_download_logs_nothing(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(
            self.client.get("/learning/training/hours.csv").status_code, 403
        )
        self.assertFalse(PersonalDataExport.objects.exists())
