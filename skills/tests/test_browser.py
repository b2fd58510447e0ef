from django.urls import reverse

from lms.testing import BrowserTestCase
from skills import actions
from skills.models import Competence, Evidence


class SkillsJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.version = actions.load_digcomp()
        self.c41 = Competence.objects.get(version=self.version, code="4.1")
        actions.set_expectation(self.developer_role, self.c41, level=3)

    def test_a_learner_assesses_themselves_and_sees_it_on_my_skills(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(reverse("skills:self-assessment")))
        self.page.wait_for_selector("text=Domaine 1 sur 5")
        self.page.click("text=Sécurité, bien-être et usage responsable")
        self.page.wait_for_selector("text=Domaine 4 sur 5")
        self.assert_accessible()
        self.page.check(f"#id_c{self.c41.pk}-2")
        self.page.click("text=Enregistrer et continuer")
        self.page.wait_for_selector("text=Domaine 5 sur 5")
        self.assertEqual(Evidence.objects.get().level, 2)
        self.page.click("text=Enregistrer et revenir")
        self.page.wait_for_selector("text=Domaine 4 sur 5")
        # The level just given is where the step starts from.
        self.assertTrue(self.page.is_checked(f"#id_c{self.c41.pk}-2"))
        self.page.goto(self.url(reverse("reporting:my-skills")))
        # The radar and the history come from URLs of their own (charts.js).
        self.page.wait_for_function(
            "() => Array.from(document.querySelectorAll('[data-part]'))"
            ".every((section) => section.dataset.partState === 'shown')"
        )
        self.page.wait_for_selector("[data-chart='radar-data'] .main-svg")
        self.page.wait_for_selector("[data-chart='history-data'] .main-svg")
        why = self.page.locator("[aria-labelledby='table-heading']")
        self.assertIn("2", why.locator("tr", has_text="4.1").inner_text())
        history = self.page.locator("[aria-labelledby='history-heading']")
        history.locator("summary").click()
        self.assertIn("2", history.locator("tr", has_text="4.1").inner_text())
        self.assert_accessible()

    def test_without_script_my_history_has_a_page_of_its_own(self) -> None:
        """The link in the history's <details> (replaced by the table once the
        script has fetched it) opens the table as an accessible page."""
        actions.record_evidence(
            self.ada, competence=self.c41, level=2, source="self", recorded_by=self.ada
        )
        self.sign_in("ada")
        self.page.goto(
            self.url(reverse("reporting:my-skills-part-page", args=["history"]))
        )
        self.assertIn("4.1", self.page.inner_text("main table"))
        self.assert_accessible()

    def test_a_manager_validates_a_report(self) -> None:
        self.sign_in("ben")
        self.page.goto(self.url(reverse("skills:validate", args=[self.ada.pk])))
        self.assert_accessible()
        self.page.select_option(f"#level-{self.c41.pk}", "3")
        self.page.locator("tr", has_text="4.1").get_by_role("button").click()
        self.page.wait_for_selector(".message--success")
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.source, evidence.level, evidence.recorded_by),
            ("manager", 3, self.ben),
        )
