"""The platform core's writes (``lms.actions``): a person's language, and the
people import's two steps, each queued once the transaction commits."""

from django.core.exceptions import ValidationError

from lms import actions
from lms.models import ImportJob, User
from lms.testing import PersonasTestCase
from lms.tests.test_people_file import csv_bytes

ROWS = ("N1,Durand,Léa,lea@example.org,staff,ENG,DEV,BEN,2024-03-01,fr,yes",)


class PreferredLanguageTests(PersonasTestCase):
    def test_a_known_language_is_kept(self) -> None:
        actions.set_preferred_language(self.ada, language="en")
        self.assertEqual(User.objects.get(pk=self.ada.pk).preferred_language, "en")

    def test_an_unknown_language_is_refused_and_nothing_changes(self) -> None:
        before = User.objects.get(pk=self.ada.pk).preferred_language
        with self.assertRaises(ValidationError):
            actions.set_preferred_language(self.ada, language="xx")
        self.assertEqual(User.objects.get(pk=self.ada.pk).preferred_language, before)


class PeopleImportActionTests(PersonasTestCase):
    def start(self) -> ImportJob:
        with self.captureOnCommitCallbacks(execute=True):
            return actions.start_people_import(
                self.town,
                uploaded_by=self.cleo,
                filename="people.csv",
                content=csv_bytes(*ROWS),
            )

    def test_starting_an_import_checks_the_file_and_writes_no_one(self) -> None:
        job = self.start()
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.VALID)
        self.assertFalse(User.objects.filter(employee_number="N1").exists())

    def test_a_checked_file_is_applied_once(self) -> None:
        job = self.start()
        with self.captureOnCommitCallbacks(execute=True):
            self.assertTrue(actions.request_people_import_apply(job))
        self.assertTrue(
            User.objects.filter(employee_number="N1", organisation=self.town).exists()
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.assertFalse(actions.request_people_import_apply(job))
        self.assertEqual(User.objects.filter(employee_number="N1").count(), 1)

    def test_a_file_with_errors_is_never_applied(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            job = actions.start_people_import(
                self.town,
                uploaded_by=self.cleo,
                filename="people.csv",
                content=csv_bytes("N1,,,not-an-email,staff,,,,,fr,yes"),
            )
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.INVALID)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertFalse(actions.request_people_import_apply(job))
        self.assertFalse(User.objects.filter(employee_number="N1").exists())
