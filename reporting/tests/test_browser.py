import datetime as dt

from django.urls import reverse
from django.utils import timezone

from lms.testing import BrowserTestCase, make_person
from reporting.actions import rebuild_skills_summary
from skills import actions
from skills.models import Competence

# Each chart's figure and table arrive from a URL of their own (parts.py).
EVERY_PART_DONE = """() => Array.from(document.querySelectorAll('[data-part]'))
    .every((section) => section.dataset.partState)"""


class DashboardJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        version = actions.load_digcomp()
        competence = Competence.objects.get(version=version, code="4.1")
        actions.set_expectation(self.developer_role, competence, level=2)
        when = timezone.now() - dt.timedelta(days=40)
        for index in range(6):
            person = make_person(
                f"eng{index}",
                self.town,
                department=self.engineering,
                job_role=self.developer_role,
            )
            actions.record_evidence(
                person,
                competence=competence,
                level=1 + index % 3,
                source="course",
                observed_at=when,
            )
        rebuild_skills_summary()

    def test_hr_reads_the_dashboard_and_its_text_alternatives(self) -> None:
        self.sign_in("cleo")
        self.page.goto(self.url(reverse("reporting:hr-dashboard")))
        self.page.wait_for_selector("[data-chart='growth-data'] .main-svg")
        self.page.wait_for_function(EVERY_PART_DONE)
        self.assertEqual(
            self.page.eval_on_selector_all(
                "[data-part]", "(parts) => parts.map((p) => p.dataset.partState)"
            ),
            ["shown"] * 6,
        )
        self.assert_accessible()
        self.page.click("#growth-heading ~ details summary")
        table = self.page.inner_text("#growth-heading ~ details table")
        self.assertIn("Resources", table)
        with self.page.expect_download() as download:
            self.page.locator("#growth-heading ~ p a", has_text="CSV").click()
        self.assertRegex(
            download.value.suggested_filename,
            r"^saint-aubin_progression_\d{4}-\d{2}\.csv$",
        )

    def test_an_official_reads_the_council_summary(self) -> None:
        self.sign_in("eli")
        self.page.goto(self.url(reverse("reporting:council-dashboard")))
        self.page.wait_for_selector("[data-chart='growth-data'] .main-svg")
        self.assert_accessible()

    def test_without_script_each_table_has_a_page_of_its_own(self) -> None:
        """The link in a chart's <details> (replaced by the table once the
        script has fetched it) opens the table as an accessible page."""
        self.sign_in("cleo")
        self.page.goto(self.url(reverse("reporting:hr-part-page", args=["growth"])))
        self.assertIn("Resources", self.page.inner_text("main table"))
        self.assert_accessible()
