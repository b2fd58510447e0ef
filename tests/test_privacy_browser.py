"""HR anonymises a person who left, in the browser, and the dashboard's figures
stay the same (a whole-platform journey: it needs skills and reporting data)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from lms.models import User
from lms.testing import BrowserTestCase, make_person
from reporting.actions import rebuild_skills_summary
from skills import actions
from skills.models import Competence


class AnonymiseJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        version = actions.load_digcomp()
        competence = Competence.objects.get(version=version, code="4.1")
        actions.set_expectation(self.developer_role, competence, level=2)
        when = timezone.now() - dt.timedelta(days=40)
        for index, name in enumerate(["lea", "eng1", "eng2", "eng3", "eng4", "eng5"]):
            person = make_person(
                name,
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
        User.objects.filter(username="lea").update(is_active=False)  # she left
        rebuild_skills_summary()

    def growth_table(self) -> str:
        self.page.goto(self.url(reverse("reporting:hr-dashboard")))
        self.page.wait_for_selector("[data-chart='growth-data'] .main-svg")
        self.page.click("#growth-heading ~ details summary")
        return self.page.inner_text("#growth-heading ~ details table")

    def test_hr_anonymises_a_leaver_and_the_dashboard_does_not_change(self) -> None:
        self.sign_in("cleo")
        before = self.growth_table()
        self.assertIn("Resources", before)

        self.page.goto(self.url(reverse("privacy_admin:leavers")))
        self.assertIn("Lea Test", self.page.inner_text("#leavers"))
        self.assert_accessible()
        self.page.click("text=Anonymiser Lea Test…")
        self.page.wait_for_selector("#id_confirm")
        self.assert_accessible()
        self.page.check("#id_confirm")
        self.page.click("button:has-text('Anonymiser')")
        self.page.wait_for_url(self.url(reverse("privacy_admin:leavers")))
        self.assertIn("ne la nomment plus", self.page.inner_text(".messages"))
        self.assertTrue(self.page.locator("#no-leavers").is_visible())
        self.assertFalse(User.objects.filter(username="lea").exists())

        rebuild_skills_summary()  # the nightly job
        self.assertEqual(self.growth_table(), before)
