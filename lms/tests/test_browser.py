from django.urls import reverse

from lms.models import ImportJob, User
from lms.testing import BrowserTestCase
from lms.tests.test_people_file import HEADER


class SignInJourneyTests(BrowserTestCase):
    def test_the_sign_in_page_is_accessible(self) -> None:
        self.page.goto(self.url(reverse("login")))
        self.assertEqual(self.page.locator("h1").inner_text(), "Se connecter")
        self.assert_accessible()

    def test_a_learner_signs_in_lands_home_and_signs_out(self) -> None:
        self.sign_in("ada")
        self.assertEqual(self.page.url, self.url("/learning/"))
        self.assert_accessible()
        self.page.goto(self.url("/"))
        self.assertIn("Bienvenue, Ada", self.page.locator("h1").inner_text())
        self.assert_accessible()
        self.page.click("text=Se déconnecter")
        self.page.wait_for_url("**/accounts/login/")

    def test_a_wrong_password_says_so(self) -> None:
        self.sign_in("ada", "wrong")
        self.assertTrue(self.page.locator("[role=alert]").is_visible())
        self.assert_accessible()

    def test_the_home_page_fits_a_phone_screen(self) -> None:
        self.page.set_viewport_size({"width": 375, "height": 740})
        self.sign_in("cleo")
        self.page.goto(self.url("/"))
        width = self.page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, 375)
        self.assert_accessible()


class LanguageJourneyTests(BrowserTestCase):
    def test_switching_to_english_is_remembered_for_the_next_visit(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url("/"))
        self.page.click(".language-form >> text=English")
        self.page.wait_for_load_state()
        self.assertIn("Welcome, Ada", self.page.locator("h1").inner_text())
        self.assertEqual(self.page.get_attribute("html", "lang"), "en")
        self.assertEqual(User.objects.get(username="ada").preferred_language, "en")
        self.assert_accessible()
        # One press back: no separate "Change" step.
        self.page.click(".language-form >> text=Français")
        self.page.wait_for_load_state()
        self.assertEqual(self.page.get_attribute("html", "lang"), "fr")


class PeopleImportJourneyTests(BrowserTestCase):
    def test_hr_checks_then_applies_a_csv_file(self) -> None:
        self.sign_in("cleo")
        self.page.goto(self.url(reverse("lms_admin:people-import")))
        content = (
            HEADER
            + "N1,Lefèvre,Hélène,helene@example.org,staff,ENG,DEV,BEN,2024-03-01,fr,oui\n"
        )
        self.page.set_input_files(
            "input[type=file]",
            files=[
                {
                    "name": "agents.csv",
                    "mimeType": "text/csv",
                    "buffer": content.encode("cp1252"),
                }
            ],
        )
        self.page.click("text=Vérifier le fichier")
        self.page.wait_for_selector("#import-summary")
        self.assertIn("1 personne à créer", self.page.inner_text("#import-summary"))
        self.assertFalse(User.objects.filter(employee_number="N1").exists())
        self.page.click("text=Appliquer ces changements")
        self.page.wait_for_function(
            "document.querySelector('#import-status')?.textContent.trim() === 'Appliqué'"
        )
        person = User.objects.get(organisation=self.town, employee_number="N1")
        self.assertEqual(person.last_name, "Lefèvre")
        self.assertEqual(person.manager, self.ben)
        self.assertEqual(ImportJob.objects.get().status, ImportJob.Status.APPLIED)

    def test_hr_sees_each_bad_row_and_nothing_is_written(self) -> None:
        self.sign_in("cleo")
        self.page.goto(self.url(reverse("lms_admin:people-import")))
        content = (
            HEADER
            + "N1,Roux,Paul,,staff,ENG,,,,fr,yes\nN1,Roux,Paula,,staff,ZZZ,,,,fr,yes\n"
        )
        self.page.set_input_files(
            "input[type=file]",
            files=[
                {
                    "name": "agents.csv",
                    "mimeType": "text/csv",
                    "buffer": content.encode(),
                }
            ],
        )
        self.page.click("text=Vérifier le fichier")
        self.page.wait_for_selector("#import-errors")
        errors = self.page.inner_text("#import-errors")
        self.assertIn("Code de service inconnu « ZZZ »", errors)
        self.assertIn("figure déjà ligne 2", errors)
        self.assertEqual(self.page.locator("text=Appliquer ces changements").count(), 0)
        self.assertFalse(User.objects.filter(employee_number="N1").exists())


class PhoneHeaderTests(BrowserTestCase):
    def test_the_header_fits_a_phone_screen(self) -> None:
        """On a 390 px screen the header neither overflows nor fills the screen:
        the page's own heading is visible without scrolling."""
        self.page.set_viewport_size({"width": 390, "height": 844})
        self.sign_in("cleo")
        self.page.goto(self.url(reverse("courses:my-learning")))
        self.assertLessEqual(
            self.page.evaluate("document.documentElement.scrollWidth"), 390
        )
        header = self.page.locator(".site-header").bounding_box()
        self.assertLess(header["height"], 844 / 3)
        self.assertTrue(self.page.locator("main h1").is_visible())
        self.assert_accessible()
