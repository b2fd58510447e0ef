"""An action's skills gap becomes a recommended path for its department: the
action, the page's button, who may press it, and the learners who see it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from courses.actions import withdraw_learning_path
from courses.models import Assignment, LearningPath
from lms.models import User
from reporting.plan import actions
from reporting.plan.models import Action, PlanManager
from reporting.plan.tests.base import PlanTestCase
from reporting.queries import Scope, compliance_rows


class RecommendPathActionTests(PlanTestCase):
    def test_the_path_is_titled_after_the_action_for_its_department(self) -> None:
        path = actions.recommend_path(
            self.action, by=self.cleo, courses=[self.course, self.private_course]
        )
        self.assertEqual(path.title, "Secure every workstation")
        self.assertEqual(path.reason, LearningPath.Reason.DIGITAL_PLAN)
        self.assertEqual(path.organisation, self.town)
        self.assertEqual(list(path.departments.all()), [self.engineering])
        self.assertEqual(
            [s.course for s in path.steps.all()], [self.course, self.private_course]
        )
        self.action.refresh_from_db()
        self.assertEqual(self.action.learning_path, path)

    def test_twice_for_the_same_action_makes_one_path(self) -> None:
        first = actions.recommend_path(self.action, by=self.cleo, courses=[self.course])
        again = Action.objects.get(pk=self.action.pk)
        second = actions.recommend_path(again, by=self.cleo, courses=[self.course])
        self.assertEqual(first, second)
        self.assertEqual(LearningPath.objects.count(), 1)

    def test_once_withdrawn_the_action_may_recommend_again(self) -> None:
        path = actions.recommend_path(self.action, by=self.cleo, courses=[self.course])
        withdraw_learning_path(path)
        self.action.refresh_from_db()
        self.assertIsNone(self.action.learning_path)
        actions.recommend_path(self.action, by=self.cleo, courses=[self.course])
        self.assertEqual(LearningPath.objects.count(), 1)

    def test_it_is_not_mandatory_training(self) -> None:
        """Never an assignment, so never late and never in compliance figures."""
        actions.recommend_path(self.action, by=self.cleo, courses=[self.course])
        self.assertFalse(Assignment.objects.exists())
        scope = Scope(self.town, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        self.assertEqual(compliance_rows(scope), [])


class RecommendPathViewTests(PlanTestCase):
    def post(self, action: Action | None = None) -> int:
        url = reverse("plan:action-path", args=[(action or self.action).pk])
        return self.client.post(url).status_code

    def test_hr_recommends_the_courses_that_close_the_gap(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.post(), 302)
        path = LearningPath.objects.get()
        # The course closing 4.1 at level 2; not the one certifying level 1.
        self.assertEqual([s.course for s in path.steps.all()], [self.course])
        response = self.client.get(self.action.get_absolute_url())
        self.assertContains(response, 'id="action-path"')

    def test_a_second_click_changes_nothing(self) -> None:
        self.client.force_login(self.cleo)
        self.post()
        self.post()
        self.assertEqual(LearningPath.objects.count(), 1)

    def test_a_plan_manager_of_the_town_may(self) -> None:
        PlanManager.objects.create(
            organisation=self.town, person=self.dev, appointed_by=self.cleo
        )
        self.client.force_login(self.dev)
        self.assertEqual(self.post(), 302)
        self.assertEqual(LearningPath.objects.count(), 1)

    def test_learner_manager_and_official_get_403_and_nothing_is_made(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            self.client.force_login(person)
            self.assertEqual(self.post(), 403, person)
        self.assertFalse(LearningPath.objects.exists())

    def test_hr_of_another_town_gets_404_and_nothing_is_made(self) -> None:
        self.client.force_login(self.hugo)
        self.assertEqual(self.post(), 404)
        self.assertFalse(LearningPath.objects.exists())

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        self.assertEqual(self.post(), 302)
        self.assertFalse(LearningPath.objects.exists())

    def test_without_a_course_closing_the_gap_nothing_is_made(self) -> None:
        self.action.needs.all().delete()
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("plan:action-path", args=[self.action.pk]), follow=True
        )
        self.assertContains(
            response, "Un parcours recommandé comprend au moins une formation."
        )
        self.assertFalse(LearningPath.objects.exists())

    def test_the_learners_of_the_department_see_it_on_my_learning(self) -> None:
        self.client.force_login(self.cleo)
        self.post()
        User.objects.filter(pk=self.sam.pk).update(preferred_language="en")
        self.client.force_login(self.sam)  # Support, under Engineering
        response = self.client.get(reverse("courses:my-learning"))
        self.assertContains(
            response, "Why: for the digital plan action “Secure every workstation”."
        )
        self.client.force_login(self.dev)  # Finance
        response = self.client.get(reverse("courses:my-learning"))
        self.assertEqual(response.context["paths"], [])

    def test_the_action_page_query_count_stays_pinned_with_a_path(self) -> None:
        """The path is read with the action (9, as without one)."""
        actions.recommend_path(self.action, by=self.cleo, courses=[self.course])
        self.client.force_login(self.cleo)
        url = self.action.get_absolute_url()
        self.client.get(url)
        with self.assertNumQueries(9):
            response = self.client.get(url)
        self.assertContains(response, reverse("courses:learning-paths"))
