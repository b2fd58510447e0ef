"""New people get the username "<town slug>-<employee number>". A username that
another account already has (of any town, whatever its case), or that two rows of
the file would share, is an error row of the dry run, and apply never stops on the
database's uniqueness check with the job left "applying"."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from lms import actions
from lms.models import ImportJob, Organisation, User
from lms.testing import PersonasTestCase, make_person
from lms.tests.test_people_file import csv_bytes

LEA = "N1,Durand,Léa,lea@example.org,staff,ENG,,,,fr,yes"
PAUL = "N2,Roux,Paul,paul@example.org,staff,FIN,,,,fr,yes"


class ImportUsernameTests(PersonasTestCase):
    def check(self, *rows: str) -> ImportJob:
        job = ImportJob.objects.create(
            organisation=self.town,
            uploaded_by=self.cleo,
            filename="people.csv",
            content=csv_bytes(*rows),
        )
        return actions.check_people_import_job(job)

    def errors(self, job: ImportJob) -> list[tuple[int, str]]:
        return [(e["line"], e["column"]) for e in job.report["errors"]]

    def test_new_people_get_their_towns_username(self) -> None:
        job = self.check(LEA, PAUL)
        self.assertEqual(job.status, ImportJob.Status.VALID)
        actions.apply_people_import_job(job)
        self.assertEqual(
            User.objects.get(employee_number="N1", organisation=self.town).username,
            "saint-aubin-n1",
        )

    def test_another_towns_account_with_that_username_is_an_error_row(self) -> None:
        """Town "saint" imported number "aubin-n1": its account is saint-aubin-n1,
        the username Saint-Aubin's N1 would get."""
        saint = Organisation.objects.create(name="Saint", slug="saint")
        make_person("saint-aubin-n1", saint, employee_number="aubin-n1")
        before = User.objects.count()
        job = self.check(LEA, PAUL)
        self.assertEqual(job.status, ImportJob.Status.INVALID)
        self.assertEqual(self.errors(job), [(2, "employee_number")])
        self.assertIn("saint-aubin-n1", job.report["errors"][0]["message"])
        self.assertEqual(User.objects.count(), before)

    def test_a_username_differing_only_in_case_is_an_error_row(self) -> None:
        make_person("Saint-Aubin-N2", self.other_town)
        job = self.check(LEA, PAUL)
        self.assertEqual(self.errors(job), [(3, "employee_number")])

    def test_two_rows_of_the_file_cannot_share_a_username(self) -> None:
        """Employee numbers are case-sensitive, usernames are not."""
        job = self.check(LEA, "n1,Petit,Jules,,staff,,,,,fr,yes")
        self.assertEqual(self.errors(job), [(3, "employee_number")])
        self.assertIn("2", job.report["errors"][0]["message"])

    def test_the_dry_run_page_names_the_row_and_the_reason(self) -> None:
        make_person("saint-aubin-n2", self.other_town)
        self.client.force_login(self.cleo)
        with self.captureOnCommitCallbacks(execute=True):
            posted = self.client.post(
                reverse("lms_admin:people-import"),
                {"organisation": self.town.pk, "file": _upload(LEA, PAUL)},
            )
        response = self.client.get(posted["Location"])
        self.assertContains(response, "saint-aubin-n2")
        self.assertContains(response, "<td>3</td>", html=False)
        self.assertEqual(ImportJob.objects.get().status, ImportJob.Status.INVALID)

    def test_a_username_taken_after_the_dry_run_stops_the_apply_cleanly(self) -> None:
        """The apply checks the file again: the taken username is an error row,
        nobody is created and the job does not stay "applying"."""
        job = self.check(LEA, PAUL)
        self.assertEqual(job.status, ImportJob.Status.VALID)
        make_person("SAINT-AUBIN-N1", self.other_town)
        self.assertTrue(actions.request_people_import_apply(job))
        job = actions.apply_people_import_job(ImportJob.objects.get(pk=job.pk))
        self.assertEqual(job.status, ImportJob.Status.INVALID)
        self.assertEqual(self.errors(job), [(2, "employee_number")])
        self.assertFalse(
            User.objects.filter(organisation=self.town, employee_number="N2").exists()
        )

    def test_a_username_taken_during_the_apply_fails_the_job_cleanly(self) -> None:
        """Between the last check and the write another account takes the name
        (here the database refuses it as it would then): the job is failed with
        the reason, and nothing was written."""
        job = self.check(LEA, PAUL)
        self.assertTrue(actions.request_people_import_apply(job))
        with UsernameRefused("saint-aubin-n2"):
            job = actions.apply_people_import_job(ImportJob.objects.get(pk=job.pk))
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        self.assertIn("file_error", job.report)
        self.assertFalse(
            User.objects.filter(organisation=self.town, employee_number="N1").exists()
        )


def _upload(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.csv", csv_bytes(*rows))


class UsernameRefused:
    """A database trigger that refuses one username as a unique index would."""

    def __init__(self, username: str) -> None:
        self.username = username

    def __enter__(self) -> None:
        table = User._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"CREATE TEMP TRIGGER refuse_username BEFORE INSERT ON {table} "
                    f"WHEN NEW.username = '{self.username}' "
                    "BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed'); END"
                )
            else:
                cursor.execute(
                    "CREATE FUNCTION refuse_username() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.username = '{self.username}' THEN RAISE EXCEPTION "
                    "'duplicate username' USING ERRCODE = 'unique_violation'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
                cursor.execute(
                    f"CREATE TRIGGER refuse_username BEFORE INSERT ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_username()"
                )

    def __exit__(self, *exc: object) -> None:
        table = User._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("DROP TRIGGER refuse_username")
            else:
                cursor.execute(f"DROP TRIGGER refuse_username ON {table}")
                cursor.execute("DROP FUNCTION refuse_username()")
