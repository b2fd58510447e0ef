"""The HR back office's own views (``lms.admin_views``): the people import,
its jobs, and the people export."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lms.models import WORKER_NOTICE_SECONDS, ImportJob, User
from lms.testing import PersonasTestCase
from lms.tests.test_people_file import csv_bytes, xlsx_bytes

IMPORT_URL = reverse("lms_admin:people-import")
GOOD_ROWS = (
    "N1,Durand,Léa,lea@example.org,staff,ENG,DEV,BEN,2024-03-01,fr,yes",
    "N2,Roux,Paul,paul@example.org,staff,FIN,CPT,N1,01/09/2024,en,yes",
    "E9,Blanc,Inès,,elected,,,,,fr,yes",
)


class PeopleImportTests(PersonasTestCase):
    def upload(self, content: bytes, name: str = "people.csv", **extra: object):
        data = {
            "organisation": self.town.pk,
            "file": SimpleUploadedFile(name, content),
            **extra,
        }
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(IMPORT_URL, data)
        if response.status_code != 302:
            return response
        return self.client.get(response["Location"])

    def apply(self, job: ImportJob):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("lms_admin:import-apply", args=[job.pk])
            )
        return self.client.get(response["Location"])

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.cleo)

    def test_a_dry_run_writes_no_one_and_shows_what_would_change(self) -> None:
        before = User.objects.count()
        response = self.upload(csv_bytes(*GOOD_ROWS))
        self.assertEqual(User.objects.count(), before)
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJob.Status.VALID)
        self.assertEqual(job.report["create"], 3)
        self.assertContains(response, "3 personnes à créer")

    def test_applying_creates_people_with_their_managers(self) -> None:
        self.upload(csv_bytes(*GOOD_ROWS))
        job = ImportJob.objects.get()
        self.apply(job)
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.APPLIED)
        paul = User.objects.get(organisation=self.town, employee_number="N2")
        self.assertEqual(paul.manager.employee_number, "N1")
        self.assertEqual(paul.department, self.finance)
        self.assertEqual(paul.preferred_language, "en")
        self.assertFalse(paul.has_usable_password())
        ines = User.objects.get(organisation=self.town, employee_number="E9")
        self.assertTrue(ines.is_elected)

    def test_the_same_file_twice_changes_nothing(self) -> None:
        for _ in range(2):
            self.upload(csv_bytes(*GOOD_ROWS))
            job = ImportJob.objects.first()
            self.apply(job)
        second = ImportJob.objects.first()
        self.assertEqual(second.report["unchanged"], 3)
        self.assertEqual(second.report["create"] + second.report["update"], 0)
        self.assertEqual(User.objects.filter(employee_number="N1").count(), 1)

    def test_one_bad_row_writes_nothing_and_names_its_line(self) -> None:
        rows = (*GOOD_ROWS, "N3,Petit,Jules,,staff,NOPE,,,2024-13-45,fr,yes")
        response = self.upload(csv_bytes(*rows))
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJob.Status.INVALID)
        self.assertContains(response, "Code de service inconnu « NOPE »")
        self.assertEqual(
            {(e["line"], e["column"]) for e in job.report["errors"]},
            {(5, "department_code"), (5, "hire_date")},
        )
        self.apply(job)
        self.assertFalse(User.objects.filter(employee_number="N1").exists())

    def test_a_dry_run_with_errors_still_says_what_the_valid_rows_would_do(
        self,
    ) -> None:
        rows = (*GOOD_ROWS, "N3,Petit,Jules,,staff,NOPE,,,2024-13-45,fr,yes")
        response = self.upload(csv_bytes(*rows))
        self.assertContains(response, "3 lignes valides sur 4")
        self.assertContains(response, "3 personnes à créer")

    def test_the_page_says_what_to_run_when_no_worker_takes_the_import(self) -> None:
        job = ImportJob.objects.create(
            organisation=self.town, uploaded_by=self.cleo, filename="p.csv", content=b""
        )
        status_url = reverse("lms_admin:import-status", args=[job.pk])
        self.assertFalse(self.client.get(status_url).json()["waiting_for_worker"])
        ImportJob.objects.filter(pk=job.pk).update(
            created_at=timezone.now() - dt.timedelta(seconds=WORKER_NOTICE_SECONDS + 1)
        )
        self.assertTrue(self.client.get(status_url).json()["waiting_for_worker"])
        response = self.client.get(reverse("lms_admin:import-detail", args=[job.pk]))
        notice = response.content.decode().split('id="import-no-worker"')[1][:400]
        self.assertNotIn("hidden", notice.split(">")[0])
        self.assertIn("manage.py db_worker", notice)

    def test_applying_twice_applies_once(self) -> None:
        self.upload(csv_bytes(*GOOD_ROWS))
        job = ImportJob.objects.get()
        self.apply(job)
        response = self.apply(job)
        self.assertContains(response, "Seul un fichier vérifié")
        self.assertEqual(User.objects.filter(employee_number="N1").count(), 1)

    def test_an_xlsx_file_imports_like_a_csv(self) -> None:
        header = csv_bytes().decode().strip().split(",")
        rows = [header] + [row.split(",") for row in GOOD_ROWS]
        self.upload(xlsx_bytes(rows), name="people.xlsx")
        self.assertEqual(ImportJob.objects.get().report["create"], 3)

    def test_an_empty_upload_is_refused_by_the_form(self) -> None:
        response = self.upload(b"")
        self.assertFalse(ImportJob.objects.exists())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "error")

    def test_a_header_less_garbage_file_is_reported(self) -> None:
        self.upload(b"\x00\x01binary\xffgarbage")
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJob.Status.INVALID)
        self.assertIn("file_error", job.report)

    def test_deactivating_missing_people_is_explicit(self) -> None:
        self.upload(csv_bytes(*GOOD_ROWS), deactivate_missing="on")
        job = ImportJob.objects.get()
        self.apply(job)
        self.dev.refresh_from_db()
        self.marc.refresh_from_db()
        self.assertFalse(self.dev.is_active)
        self.assertTrue(self.marc.is_active)

    def test_the_status_endpoint_reports_progress(self) -> None:
        self.upload(csv_bytes(*GOOD_ROWS))
        job = ImportJob.objects.get()
        data = self.client.get(reverse("lms_admin:import-status", args=[job.pk])).json()
        self.assertEqual(data["percent"], 100)
        self.assertTrue(data["finished"])
        self.assertEqual(data["total_rows"], 3)


class PeopleImportPermissionTests(PersonasTestCase):
    def test_hr_of_another_town_cannot_import_into_this_town(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.post(
            IMPORT_URL,
            {
                "organisation": self.town.pk,
                "file": SimpleUploadedFile("p.csv", csv_bytes(*GOOD_ROWS)),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ImportJob.objects.exists())

    def test_hr_of_another_town_cannot_open_or_apply_a_job(self) -> None:
        self.client.force_login(self.cleo)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                IMPORT_URL,
                {
                    "organisation": self.town.pk,
                    "file": SimpleUploadedFile("p.csv", csv_bytes(*GOOD_ROWS)),
                },
            )
        job = ImportJob.objects.get()
        self.client.force_login(self.hugo)
        self.assertEqual(
            self.client.get(
                reverse("lms_admin:import-detail", args=[job.pk])
            ).status_code,
            404,
        )
        self.assertEqual(
            self.client.post(
                reverse("lms_admin:import-apply", args=[job.pk])
            ).status_code,
            404,
        )
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.VALID)

    def test_learners_managers_and_officials_cannot_reach_the_import(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            self.client.force_login(person)
            response = self.client.get(IMPORT_URL)
            self.assertNotEqual(response.status_code, 200, person)

    def test_an_author_reaches_the_admin_but_not_the_import(self) -> None:
        self.client.force_login(self.aurore)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
        response = self.client.get(IMPORT_URL)
        self.assertRedirects(response, reverse("wagtailadmin_home"))

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(IMPORT_URL)
        self.assertEqual(response.status_code, 302)

    def test_a_platform_admin_may_import_for_any_town(self) -> None:
        self.client.force_login(self.root)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                IMPORT_URL,
                {
                    "organisation": self.other_town.pk,
                    "file": SimpleUploadedFile(
                        "p.csv", csv_bytes("M1,Roux,Paul,,,,,,,,")
                    ),
                },
            )
        self.assertEqual(ImportJob.objects.get().organisation, self.other_town)


class PeopleExportTests(PersonasTestCase):
    def export(self, fmt: str, organisation=None):
        organisation = organisation or self.town
        return self.client.get(
            reverse("lms_admin:people-export", args=[organisation.pk, fmt])
        )

    def test_hr_exports_their_town_in_the_import_columns(self) -> None:
        self.client.force_login(self.cleo)
        body = self.export("csv").content.decode("utf-8-sig")
        self.assertTrue(body.startswith("employee_number,last_name,first_name"))
        self.assertIn("ADA,Test,Ada", body)
        self.assertNotIn("MARC", body)

    def test_a_formula_in_a_name_is_exported_inert(self) -> None:
        User.objects.filter(pk=self.dev.pk).update(last_name="=cmd|' /C calc'!A0")
        self.client.force_login(self.cleo)
        body = self.export("csv").content.decode("utf-8-sig")
        self.assertIn("'=cmd|", body)
        self.assertNotIn(",=cmd", body)

    def test_an_export_reimports_as_unchanged(self) -> None:
        self.client.force_login(self.cleo)
        content = self.export("xlsx").content
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                IMPORT_URL,
                {
                    "organisation": self.town.pk,
                    "file": SimpleUploadedFile("p.xlsx", content),
                },
            )
        report = ImportJob.objects.get().report
        self.assertEqual(report["error_count"], 0, report)
        self.assertEqual(report["create"] + report["update"], 0)

    def test_hr_of_another_town_cannot_export_this_town(self) -> None:
        self.client.force_login(self.hugo)
        response = self.export("csv")
        self.assertRedirects(response, reverse("wagtailadmin_home"))
