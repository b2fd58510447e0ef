from django.urls import reverse

from lms.privacy.models import PersonalDataExport
from lms.tests.privacy.support import LeaversTestCase

EXPORT_LOG = reverse("privacy_admin:export-log")


class ExportLoggingTests(LeaversTestCase):
    def people_file(self, organisation_id: int, fmt: str = "csv") -> str:
        return reverse("lms_admin:people-export", args=[organisation_id, fmt])

    def test_hr_exporting_the_people_file_is_logged(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(self.people_file(self.town.pk, "xlsx"))
        self.assertEqual(response.status_code, 200)
        entry = PersonalDataExport.objects.get()
        self.assertEqual(entry.exported_by, self.cleo)
        self.assertEqual(entry.organisation, self.town)
        self.assertEqual(entry.kind, PersonalDataExport.Kind.PEOPLE_FILE)
        self.assertEqual(entry.detail, "xlsx")
        self.assertEqual(entry.path, self.people_file(self.town.pk, "xlsx"))

    def test_a_refused_export_logs_nothing(self) -> None:
        for person in (self.hugo, self.ada):
            self.client.force_login(person)
            response = self.client.get(self.people_file(self.town.pk))
            self.assertIn(response.status_code, (302, 403), person)
        self.assertFalse(PersonalDataExport.objects.exists())

    def test_a_persons_archive_downloaded_by_hr_is_logged(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(reverse("privacy_admin:person-archive", args=[self.lea.pk]))
        entry = PersonalDataExport.objects.get()
        self.assertEqual(entry.kind, PersonalDataExport.Kind.PERSON_ARCHIVE)
        self.assertEqual(entry.detail, f"person {self.lea.pk}")
        self.assertEqual(entry.organisation, self.town)

    def test_pages_that_are_not_downloads_log_nothing(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(reverse("lms_admin:people-import"))
        self.client.get(reverse("privacy_admin:leavers"))
        self.assertFalse(PersonalDataExport.objects.exists())


class ExportLogPageTests(LeaversTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        PersonalDataExport.objects.create(
            exported_by=cls.cleo,
            organisation=cls.town,
            kind=PersonalDataExport.Kind.PEOPLE_FILE,
            detail="csv",
            path="/admin/people-import/organisations/1/export.csv",
        )

    def test_a_platform_admin_reads_the_log(self) -> None:
        self.client.force_login(self.root)
        response = self.client.get(EXPORT_LOG)
        self.assertContains(response, "Cleo Test")
        self.assertContains(response, "Saint-Aubin")
        self.assertContains(response, "Fichier du personnel")

    def test_it_is_read_only(self) -> None:
        """No form, and a POST is refused."""
        self.client.force_login(self.root)
        self.assertNotContains(self.client.get(EXPORT_LOG), '<form method="post"')
        self.assertEqual(self.client.post(EXPORT_LOG).status_code, 405)
        self.assertEqual(PersonalDataExport.objects.count(), 1)

    def test_hr_and_everyone_else_cannot_read_it(self) -> None:
        """Refused (Wagtail sends back-office roles to the dashboard with a
        message, and the others to the sign-in page): the log never shows."""
        for person in (self.cleo, self.hugo, self.aurore, self.ada, self.ben, self.eli):
            self.client.force_login(person)
            response = self.client.get(EXPORT_LOG)
            self.assertIn(response.status_code, (302, 403), person)
            self.assertNotIn(b"Fichier du personnel", response.content)
        self.client.logout()
        self.assertEqual(self.client.get(EXPORT_LOG).status_code, 302)

    def test_the_settings_menu_offers_it_to_platform_admins_only(self) -> None:
        self.client.force_login(self.root)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), EXPORT_LOG)
        self.client.force_login(self.cleo)
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(home, EXPORT_LOG)
