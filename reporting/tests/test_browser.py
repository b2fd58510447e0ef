import datetime as dt

from django.urls import reverse
from django.utils import timezone

from lms.testing import BrowserTestCase, make_person
from reporting.actions import rebuild_skills_summary
from skills import actions
from skills.models import Competence


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
