"""The dashboards in Chromium, in French and in English, and on a phone: every
chart is drawn with data, no axis label is a raw timestamp or code, and axe finds
no violation."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, Enrolment
from courses.testing import make_catalogue, make_course, make_section
from lms.models import User
from lms.testing import BrowserTestCase, make_person
from reporting.actions import rebuild_skills_summary
from skills import actions
from skills.models import Competence

RAW = [
    re.compile(r"^\d{4}-\d{2}"),  # an ISO date
    re.compile(r"^-?\d{9,}$"),  # milliseconds
    re.compile(r"^0\d{3}"),  # a department's tree path
]
# A month as a reader says it: "déc. 2026", "mai 2026"; "Dec. 2026", "May 2026".
MONTH = {"fr": r"^[a-zéû]+\.? \d{4}$", "en": r"^[A-Z][a-z]+\.? \d{4}$"}
CHART_STATE = """() => Array.from(document.querySelectorAll('[data-chart]')).map(
    (el) => ({
        name: el.dataset.chart,
        points: (el.data || []).some((t) =>
            [t.x, t.y, t.z].some((v) => Array.isArray(v) && v.flat().some(
                (n) => typeof n === 'number'))),
        ticks: Array.from(el.querySelectorAll('.xtick text, .ytick text')).map(
            (t) => t.textContent),
        xticks: Array.from(el.querySelectorAll('.xtick text')).map(
            (t) => t.textContent),
    }))"""


class ReadableDashboardTests(BrowserTestCase):
    """Eight developers of Engineering went from level 1 to level 2 (expected)
    on 4.1 in the last months, completed a mandatory course, and their town
    shares its indicators."""

    def setUp(self) -> None:
        super().setUp()
        version = actions.load_digcomp()
        c41 = Competence.objects.get(version=version, code="4.1")
        c42 = Competence.objects.get(version=version, code="4.2")
        actions.set_expectation(self.developer_role, c41, level=2)
        section = make_section(make_catalogue(), self.town)
        course = make_course(section, slug="cybersecurity-for-every-member-of-staff")
        now = timezone.now()
        assignment = Assignment.objects.create(
            organisation=self.town,
            course=course,
            due_date=timezone.localdate() + dt.timedelta(days=20),
        )
        assignment.departments.add(self.engineering)
        for index in range(8):
            person = make_person(
                f"dev{index}",
                self.town,
                department=self.engineering,
                job_role=self.developer_role,
            )
            for days, level in ((200, 1), (40, 2)):
                actions.record_evidence(
                    person,
                    competence=c41,
                    level=level,
                    source="course",
                    observed_at=now - dt.timedelta(days=days),
                )
            actions.record_evidence(
                person,
                competence=c42,
                level=1,
                source="course",
                observed_at=now - dt.timedelta(days=200),
            )
            Enrolment.objects.create(
                user=person, course=course, completed_at=now - dt.timedelta(days=3)
            )
        self.town.shares_indicators = True
        self.town.save()
        rebuild_skills_summary()

    def check_charts(self, url: str, *, expected: int, language: str = "fr") -> None:
        self.page.goto(self.url(url))
        self.page.wait_for_function(
            "() => Array.from(document.querySelectorAll('[data-chart]'))"
            ".every((el) => el.querySelector('.main-svg'))"
        )
        charts = self.page.evaluate(CHART_STATE)
        self.assertEqual(len(charts), expected, charts)
        for chart in charts:
            self.assertTrue(chart["points"], chart["name"])
            for tick in chart["ticks"]:
                for pattern in RAW:
                    self.assertIsNone(pattern.search(tick), (chart["name"], tick))
            if chart["name"] == "growth-data":
                self.assertTrue(chart["xticks"])
                for tick in chart["xticks"]:
                    self.assertRegex(tick, MONTH[language])
            if chart["name"] == "gaps-data":
                self.assertTrue(
                    all(re.search(r"[A-Za-zÀ-ÿ]", t) for t in chart["xticks"]),
                    chart["xticks"],
                )
        self.assertEqual(self.page.locator(".modebar").count(), 0)
        for region in self.page.locator(".table-wrap").all():
            self.assertEqual(region.get_attribute("tabindex"), "0")
            self.assertTrue(region.get_attribute("aria-label"))
        self.assert_accessible()

    def test_hr_council_and_network_in_french_and_english(self) -> None:
        pages = [
            ("cleo", reverse("reporting:hr-dashboard"), 5),
            ("eli", reverse("reporting:council-dashboard"), 5),
            ("cleo", reverse("reporting:network"), 2),
        ]
        for language in ("fr", "en"):
            User.objects.filter(username__in=["cleo", "eli"]).update(
                preferred_language=language
            )
            for username, url, expected in pages:
                with self.subTest(language=language, url=url):
                    self.context.clear_cookies()
                    self.sign_in(username)
                    self.check_charts(url, expected=expected, language=language)

    def test_on_a_phone_nothing_covers_the_charts(self) -> None:
        self.page.set_viewport_size({"width": 390, "height": 844})
        self.sign_in("eli")
        self.check_charts(reverse("reporting:council-dashboard"), expected=5)
        title = self.page.locator("[data-chart='growth-data'] .gtitle")
        box = title.bounding_box()
        self.assertIsNotNone(box)
        self.assertLessEqual(box["x"] + box["width"], 390)
        wide = self.page.evaluate(
            "() => document.documentElement.scrollWidth <= window.innerWidth"
        )
        self.assertTrue(wide)
