import io
import json
import zipfile

from django.urls import reverse

from lms.privacy.kinds import KINDS
from lms.privacy.models import PersonalDataExport
from lms.testing import PersonasTestCase
from lms.tests.privacy.support import make_statement

EXPECTED_FILES = {
    "README.txt",
    *(f"{kind.name}.{ext}" for kind in KINDS for ext in ("json", "csv")),
}


class AccountPageTests(PersonasTestCase):
    URL = reverse("privacy:account")

    def test_a_person_sees_their_account_and_the_download_link(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(self.URL)
        self.assertContains(response, "Mon compte")
        self.assertContains(response, reverse("privacy:my-data"))
        self.assertContains(response, reverse("privacy:policy"))
        self.assertContains(response, "ada@example.org")
        self.assertNotContains(response, reverse("security:second-factor"))

    def test_it_speaks_english_to_who_prefers_it(self) -> None:
        self.ada.preferred_language = "en"
        self.ada.save()
        self.client.force_login(self.ada)
        response = self.client.get(self.URL)
        self.assertContains(response, "Download my data (ZIP)")

    def test_hr_admins_find_their_second_factor_there(self) -> None:
        self.client.force_login(self.cleo)
        self.assertContains(
            self.client.get(self.URL), reverse("security:second-factor")
        )

    def test_every_page_links_to_it_for_signed_in_people(self) -> None:
        self.client.force_login(self.eli)
        self.assertContains(self.client.get(reverse("home")), self.URL)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self) -> None:
        for url in (self.URL, reverse("privacy:my-data")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn(reverse("login"), response["Location"])


class MyDataTests(PersonasTestCase):
    URL = reverse("privacy:my-data")

    def download(self) -> zipfile.ZipFile:
        response = self.client.get(self.URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertIn("attachment;", response["Content-Disposition"])
        self.assertIn("no-store", response["Cache-Control"])
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_the_archive_holds_a_json_and_a_csv_file_per_kind(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(set(self.download().namelist()), EXPECTED_FILES)

    def test_it_holds_the_persons_records_and_nobody_elses(self) -> None:
        make_statement(self.ada)
        make_statement(self.dev)
        self.client.force_login(self.ada)
        archive = self.download()
        profile = json.loads(archive.read("profile.json"))
        self.assertEqual(len(profile), 1)
        self.assertEqual(profile[0]["username"], "ada")
        self.assertEqual(profile[0]["manager__first_name"], "Ben")
        self.assertNotIn("password", profile[0])
        statements = json.loads(archive.read("statements.json"))
        self.assertEqual([s["actor_id"] for s in statements], [self.ada.pk])
        self.assertNotIn(
            b"dev@example.org", b"".join(map(archive.read, EXPECTED_FILES))
        )

    def test_the_readme_speaks_the_persons_language(self) -> None:
        self.client.force_login(self.ada)
        self.assertIn("Chaque type", self.download().read("README.txt").decode())

    def test_a_person_downloading_their_own_data_is_not_an_hr_export(self) -> None:
        self.client.force_login(self.ada)
        self.download()
        self.assertFalse(PersonalDataExport.objects.exists())

    def test_it_costs_one_query_per_kind(self) -> None:
        """The session's user, then one query per kind of record."""
        self.client.force_login(self.ada)
        self.client.get(self.URL)
        with self.assertNumQueries(1 + len(KINDS)):
            self.client.get(self.URL)


class PolicyPageTests(PersonasTestCase):
    URL = reverse("privacy:policy")

    def test_anyone_may_read_it_in_french(self) -> None:
        response = self.client.get(self.URL)
        self.assertContains(response, "Confidentialité et données personnelles")
        self.assertContains(response, "6 ans après leur dernière activité")

    def test_and_in_english(self) -> None:
        response = self.client.get(self.URL, headers={"accept-language": "en"})
        self.assertContains(response, "Privacy and personal data")
        self.assertContains(response, "6 years after their last activity")

    def test_the_retention_period_is_the_setting(self) -> None:
        with self.settings(LEARNING_RECORDS_RETENTION_YEARS=1):
            response = self.client.get(self.URL, headers={"accept-language": "en"})
        self.assertContains(response, "1 year after their last activity")

    def test_the_footer_links_to_it(self) -> None:
        self.assertContains(self.client.get(reverse("login")), self.URL)
        self.client.force_login(self.ada)
        self.assertContains(self.client.get(reverse("home")), self.URL)

    def test_a_signed_in_person_gets_a_link_to_their_account(self) -> None:
        self.client.force_login(self.ada)
        self.assertContains(self.client.get(self.URL), reverse("privacy:account"))
