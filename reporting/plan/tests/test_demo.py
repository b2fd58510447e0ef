from __future__ import annotations

import datetime as dt

from courses.community.models import Community
from courses.models import CourseCompetence, LearningPath
from courses.testing import make_catalogue, make_course, make_section
from lms.models import User
from reporting.plan.demo import load_demo_plan
from reporting.plan.models import (
    Action,
    Milestone,
    Pilot,
    Plan,
    PlanManager,
    PlanTransition,
)
from reporting.plan.queries import may_write_plans, plan_progress
from skills.models import Competence
from skills.testing import SkillsTestCase


class DemoTests(SkillsTestCase):
    def test_three_pilots_and_an_adopted_plan_in_progress_once(self) -> None:
        """Saint-Aubin gets three pilots (one stopped, one scaled and shared)
        and an adopted plan whose actions have progress; a second run adds
        nothing."""
        today = dt.date(2026, 12, 7)
        plan = load_demo_plan(today=today)
        self.assertIsNotNone(plan)
        assert plan is not None
        self.assertEqual(
            sorted(Pilot.objects.values_list("decision", flat=True)),
            ["continue", "scale", "stop"],
        )
        scaled = Pilot.objects.get(decision="scale")
        self.assertTrue(hasattr(scaled, "practice"))
        self.assertEqual(plan.status, Plan.Status.ADOPTED)
        self.assertEqual(PlanTransition.objects.count(), 2)
        self.assertTrue(plan.actions.filter(pilot=scaled).exists())
        progress = plan_progress(plan, today=today)
        self.assertGreater(progress.percent, 0)
        counts = (
            Pilot.objects.count(),
            Action.objects.count(),
            Milestone.objects.count(),
        )
        self.assertIsNone(load_demo_plan(today=today))
        self.assertEqual(
            counts,
            (Pilot.objects.count(), Action.objects.count(), Milestone.objects.count()),
        )

    def test_the_shared_practice_names_the_community_on_its_competences(self) -> None:
        """With the communities' demo loaded first (as load_demo does), the
        practice is discussed in the community sharing its competences."""
        cyber = Community.objects.create(organisation=self.town, name="Cyber")
        cyber.competences.set(
            Competence.objects.filter(version=self.version, code="4.2")
        )
        Community.objects.create(organisation=self.town, name="Other")
        load_demo_plan(today=dt.date(2026, 12, 7))
        scaled = Pilot.objects.get(decision="scale")
        self.assertEqual(scaled.practice.community, cyber)

    def test_ada_the_digital_lead_is_named_plan_manager(self) -> None:
        load_demo_plan(today=dt.date(2026, 12, 7))
        manager = PlanManager.objects.get()
        self.assertEqual(
            (manager.person, manager.organisation, manager.appointed_by.is_hr_admin),
            (self.ada, self.town, True),
        )
        self.assertTrue(may_write_plans(User.objects.get(pk=self.ada.pk)))

    def test_the_cybersecurity_actions_gap_became_a_recommended_path(self) -> None:
        """The courses closing the action's gap, for its department, once."""
        section = make_section(make_catalogue(), self.town)
        course = make_course(section, slug="cyber", lessons=1)
        CourseCompetence.objects.create(
            course=course, competence=self.c41, level=2, sort_order=0
        )
        load_demo_plan(today=dt.date(2026, 12, 7))
        path = LearningPath.objects.get()
        action = Action.objects.get(learning_path=path)
        self.assertEqual(path.title, action.title)
        self.assertEqual(list(path.departments.all()), [action.department])
        self.assertEqual([s.course for s in path.steps.all()], [course])
        load_demo_plan(today=dt.date(2026, 12, 7))
        self.assertEqual(LearningPath.objects.count(), 1)
