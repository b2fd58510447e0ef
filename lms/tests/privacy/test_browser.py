import json
import zipfile

from django.urls import reverse

from lms.privacy.kinds import KINDS
from lms.testing import BrowserTestCase


class MyDataJourneyTests(BrowserTestCase):
    def test_a_learner_downloads_their_archive_from_my_account(self) -> None:
        self.sign_in("ada")
        self.page.click("nav >> text=Mon compte")
        self.page.wait_for_url(self.url(reverse("privacy:account")))
        self.assertEqual(self.page.locator("h1").inner_text(), "Mon compte")
        self.assert_accessible()
        with self.page.expect_download() as download:
            self.page.click("text=Télécharger mes données (ZIP)")
        self.assertRegex(
            download.value.suggested_filename,
            r"^civicskills-personal-data-\d{4}-\d{2}-\d{2}\.zip$",
        )
        with zipfile.ZipFile(download.value.path()) as archive:
            names = set(archive.namelist())
            profile = json.loads(archive.read("profile.json"))
        self.assertEqual(
            names,
            {"README.txt"} | {f"{k.name}.{x}" for k in KINDS for x in ("json", "csv")},
        )
        self.assertEqual(profile[0]["username"], "ada")

    def test_the_privacy_page_is_in_the_footer_in_french_and_english(self) -> None:
        self.page.goto(self.url(reverse("login")))
        self.page.click("footer >> text=Confidentialité et données personnelles")
        self.page.wait_for_url(self.url(reverse("privacy:policy")))
        self.assertIn("6 ans", self.page.locator("#how-long + p").inner_text())
        self.assert_accessible()
        self.page.click(".language-form >> text=English")
        self.page.wait_for_load_state()
        self.assertEqual(
            self.page.locator("h1").inner_text(), "Privacy and personal data"
        )
        self.assert_accessible()
