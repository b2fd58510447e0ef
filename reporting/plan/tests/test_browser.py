"""HR evaluates a pilot and scales it into an action of the plan; the action's
skills gap proposes a course, which becomes mandatory training for the owner
department; an elected official reads the plan from the council page. Every
page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from courses.models import Assignment, CourseCompetence
from courses.testing import make_catalogue, make_course, make_section
from lms.testing import BrowserTestCase, make_person
from reporting.plan.models import Action, Pilot, Plan
from skills.actions import load_digcomp
from skills.models import Competence


class PlanJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        version = load_digcomp()
        self.c41 = Competence.objects.get(version=version, code="4.1")
        section = make_section(make_catalogue(), self.town)
        self.course = make_course(
            section, slug="cyber", lessons=1, title="Cybersécurité essentielle"
        )
        CourseCompetence.objects.create(
            course=self.course, competence=self.c41, level=2, sort_order=0
        )
        team = [
            self.ben,
            self.ada,
            self.sam,
            make_person("eve", self.town, department=self.engineering),
            make_person("fay", self.town, department=self.engineering),
        ]
        self.pilot = Pilot.objects.create(
            organisation=self.town,
            department=self.engineering,
            title="Guichet de tickets en ligne",
            assumption="Les agents déclareront leurs pannes en ligne.",
            experiment_type=Pilot.ExperimentType.PEOPLE,
            starts_on=dt.date(2026, 1, 5),
            ends_on=dt.date(2026, 6, 30),
            budget=Decimal("1500"),
        )
        self.pilot.team.set(team)
        self.pilot.competences.set([self.c41])
        self.plan = Plan.objects.create(
            organisation=self.town,
            title="Plan numérique local 2026-2028",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2028, 12, 31),
            vision="Des services simples pour tous.",
        )

    def test_pilot_to_plan_action_to_mandatory_training_to_council(self) -> None:
        self.sign_in("cleo")
        self.page.goto(self.url(self.pilot.get_absolute_url()))
        self.assert_accessible()
        self.page.select_option("#id_decision", "scale")
        self.page.fill("#id_results", "70 % des pannes déclarées en ligne.")
        with self.page.expect_navigation():
            self.page.click("form[action$='/decide/'] button[type=submit]")
        self.assertEqual(
            Pilot.objects.get(pk=self.pilot.pk).decision, Pilot.Decision.SCALE
        )
        with self.page.expect_navigation():
            self.page.click(f"a[href$='/pilots/{self.pilot.pk}/scale/']")
        self.assert_accessible()
        self.page.select_option("#id_plan", str(self.plan.pk))
        self.page.fill("#id_starts_on", "2026-09-01")
        self.page.fill("#id_ends_on", "2027-06-30")
        self.page.fill("#id_indicator", "Pannes déclarées en ligne (%)")
        self.page.fill("#id_target", "80")
        self.page.fill("#id_level", "2")
        with self.page.expect_navigation():
            self.page.click("main form button[type=submit]")
        action = Action.objects.get(plan=self.plan)
        self.assertEqual(action.pilot, self.pilot)
        self.assertIn(f"/plan/actions/{action.pk}/", self.page.url)
        self.page.wait_for_selector("#gap-heading")
        self.assertIn(self.course.title, self.page.inner_text(".proposals"))
        self.assert_accessible()
        with self.page.expect_navigation():
            self.page.click(".proposals button[type=submit]")
        assignment = Assignment.objects.get()
        self.assertEqual(list(assignment.departments.all()), [self.engineering])
        self.assertEqual(assignment.course.specific, self.course)
        self.assertEqual(list(action.assignments.all()), [assignment])
        self.page.wait_for_selector("#training-heading")
        self.assert_accessible()

        self.context.clear_cookies()
        self.sign_in("eli")
        self.page.goto(self.url("/reports/council/"))
        words = self.page.inner_text("#council-plan-words")
        self.assertIn("1", words)
        self.assert_accessible()
        with self.page.expect_navigation():
            self.page.click(f".plan-summary a[href$='/plans/{self.plan.pk}/']")
        self.page.wait_for_selector("#plan-in-words")
        self.assertIn(action.title, self.page.inner_text("main"))
        self.assert_accessible()
