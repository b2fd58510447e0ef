"""The fresh demo in Chromium: each persona's dashboards, in French and English,
draw every chart with data, show no raw timestamp or code on an axis, and pass
axe. This is what a visitor sees first after ``make run``."""

import io

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from lms.demo import DEMO_PASSWORD
from lms.models import User
from lms.testing import BrowserTestCase
from reporting.tests.test_browser_readable import RAW

CHARTS = """() => Array.from(document.querySelectorAll('[data-chart]')).map(
    (el) => ({
        name: el.dataset.chart,
        points: (el.data || []).some((t) =>
            [t.x, t.y, t.z, t.r].some((v) => Array.isArray(v) && v.flat().some(
                (n) => typeof n === 'number'))),
        ticks: Array.from(el.querySelectorAll('.xtick text, .ytick text')).map(
            (t) => t.textContent),
    }))"""

PAGES = [
    ("cleo", "reporting:hr-dashboard"),
    ("eli", "reporting:council-dashboard"),
    ("ben", "reporting:team-dashboard"),
    ("cleo", "reporting:network"),
    ("ada", "reporting:my-skills"),
]


class FreshDemoDashboardTests(BrowserTestCase):
    personas = False

    def setUp(self) -> None:
        super().setUp()
        with override_settings(DEBUG=True):
            call_command("load_demo", stdout=io.StringIO())

    def test_every_persona_dashboard_has_figures_in_both_languages(self) -> None:
        for language in ("fr", "en"):
            User.objects.filter(username__in=["cleo", "eli", "ben", "ada"]).update(
                preferred_language=language
            )
            for username, name in PAGES:
                with self.subTest(language=language, page=name):
                    self.context.clear_cookies()
                    self.sign_in(username, DEMO_PASSWORD)
                    self.page.goto(self.url(reverse(name)))
                    self.assertEqual(self.page.get_attribute("html", "lang"), language)
                    self.page.wait_for_function(
                        "() => Array.from(document.querySelectorAll('[data-chart]'))"
                        ".every((el) => el.querySelector('.main-svg'))"
                    )
                    charts = self.page.evaluate(CHARTS)
                    self.assertTrue(charts)
                    for chart in charts:
                        self.assertTrue(chart["points"], chart["name"])
                        for tick in chart["ticks"]:
                            for pattern in RAW:
                                self.assertIsNone(
                                    pattern.search(tick), (chart["name"], tick)
                                )
                    self.assertNotIn("True", self.page.locator("main").inner_text())
                    self.assert_accessible()
