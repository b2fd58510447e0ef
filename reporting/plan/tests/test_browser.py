"""The chain of issue #19 in one browser journey: HR opens an assessment and
reminds the respondents, three respondents answer, the skills dimension fills
from the snapshots, the radar and the change since last year show; a pilot is
evaluated and scaled into a plan action; the action's skills gap proposes a
course, which becomes mandatory training for the owner department, and then a
recommended path its learners see on their learning page; the pilot
is shared as a practice discussed in a community of practice; an elected
official reads the plan and the maturity results on the council page. Every
page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core import mail

from courses.community.models import Community
from courses.models import Assignment, CourseCompetence, LearningPath
from courses.testing import make_catalogue, make_course, make_section
from lms.testing import BrowserTestCase, make_person
from reporting.maturity.models import Reminder
from reporting.maturity.tests.journey import MaturityJourney
from reporting.plan.models import Action, Pilot, Plan, Practice
from skills.actions import load_digcomp
from skills.models import Competence


class PlanJourney:
    """Steps of the plan's side, mixed into a ``BrowserTestCase``."""

    page: Any
    context: Any
    pilot: Pilot
    plan: Plan

    def set_up_plan(self: Any) -> None:
        """A course closing a 4.1 gap at level 2, a pilot of Engineering with a
        team of five that required 4.1, and a draft plan."""
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

    def evaluate_and_scale(self: Any) -> Action:
        """Cleo records the decision to scale, then scales the pilot into an
        action of the plan."""
        self.context.clear_cookies()
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
        return action

    def assign_from_the_gap(self: Any, action: Action) -> None:
        """The gap proposes the course; one click makes it mandatory for the
        action's department."""
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

    def recommend_as_a_path(self: Any, action: Action) -> None:
        """Beside "make mandatory", one click recommends the courses closing
        the gap as a path for the department; HR finds it among the town's
        paths; Ada, of the department, sees it on her learning page with why
        and where she stands."""
        self.press(
            f"Recommander ces formations en parcours pour {self.engineering.name}",
            then=f"**{action.get_absolute_url()}",
        )
        path = LearningPath.objects.get()
        self.assertEqual(path.title, action.title)
        self.assertEqual(list(path.departments.all()), [self.engineering])
        self.assertEqual([s.course.specific for s in path.steps.all()], [self.course])
        self.assertIn(action.title, self.page.inner_text("#action-path"))
        self.assert_accessible()
        with self.page.expect_navigation():
            self.page.click("#action-path a")
        self.assertIn(action.title, self.page.inner_text("main"))
        self.assert_accessible()
        self.context.clear_cookies()
        self.sign_in("ada")
        self.page.goto(self.url("/learning/"))
        section = self.page.inner_text("#recommended-paths")
        self.assertIn(
            f"Pourquoi : pour l’action du plan numérique « {action.title} ».", section
        )
        self.assertIn(self.course.title, section)
        self.assertIn("0 formation terminée sur 1", section)
        self.assert_accessible()
        self.context.clear_cookies()
        self.sign_in("cleo")

    def share_with_the_community(self: Any) -> None:
        """Back on the pilot, Cleo shares it with the network: the community
        sharing its competence is proposed, and its page then lists the
        practice with Saint-Aubin credited."""
        community = Community.objects.create(
            organisation=self.other_town, name="Cercle cybersécurité"
        )
        community.competences.set([self.c41])
        self.page.goto(self.url(self.pilot.get_absolute_url()))
        self.assertEqual(
            self.page.input_value("form[action$='/publish/'] #id_community"),
            str(community.pk),
        )
        self.page.fill("#id_summary", "Commencer par un seul guichet.")
        self.press(
            "La partager avec le réseau comme pratique",
            then=f"**{self.pilot.get_absolute_url()}",
        )
        self.assertEqual(Practice.objects.get(pilot=self.pilot).community, community)
        self.assert_accessible()
        with self.page.expect_navigation():
            self.page.click(f"main a[href='{community.get_absolute_url()}']")
        listed = self.page.inner_text("#practices-heading + ul")
        self.assertIn(self.pilot.title, listed)
        self.assertIn("Saint-Aubin", listed)
        self.assert_accessible()

    def council_reads_the_plan(self: Any, action: Action) -> None:
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


class WholeChainJourneyTests(MaturityJourney, PlanJourney, BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.set_up_maturity()
        self.set_up_plan()

    def test_diagnosis_pilot_plan_training_and_council(self) -> None:
        assessment = self.open_and_invite()
        # Nobody has answered yet: one click reminds the three, once a day.
        mail.outbox.clear()
        self.press(
            "Relancer ceux qui n’ont pas répondu", then="**/maturity/assessments/*/"
        )
        self.assertIn("3 répondants relancés", self.page.inner_text(".messages"))
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox),
            sorted(p.email for p in (self.ada, self.ben, self.eli)),
        )
        self.assertEqual(Reminder.objects.count(), 3)
        self.assert_accessible()

        for username in ("eli", "ben", "ada"):
            self.answer_as(username)
        self.read_results(assessment)

        action = self.evaluate_and_scale()
        self.assign_from_the_gap(action)
        self.recommend_as_a_path(action)
        self.share_with_the_community()
        self.council_reads_the_plan(action)
        # The council page also carries the diagnosis in plain words.
        self.page.goto(self.url("/reports/council/"))
        self.assertIn("Maturité numérique", self.page.inner_text("#maturity-summary"))
