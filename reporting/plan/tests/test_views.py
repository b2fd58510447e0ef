from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from courses.models import Assignment
from reporting.plan import actions
from reporting.plan.models import Action, Comment, Pilot, Plan
from reporting.plan.tests.base import PlanTestCase


class PermissionTests(PlanTestCase):
    def pages(self) -> list[str]:
        return [
            reverse("plan:home"),
            reverse("plan:pilot-detail", args=[self.pilot.pk]),
            reverse("plan:plan-detail", args=[self.plan.pk]),
            reverse("plan:action-detail", args=[self.action.pk]),
        ]

    def writes(self) -> list[str]:
        return [
            reverse("plan:pilot-create"),
            reverse("plan:pilot-edit", args=[self.pilot.pk]),
            reverse("plan:plan-create"),
            reverse("plan:action-create", args=[self.plan.pk]),
            reverse("plan:action-edit", args=[self.action.pk]),
        ]

    def test_hr_reads_and_writes(self) -> None:
        self.client.force_login(self.cleo)
        for url in self.pages() + self.writes():
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_an_official_reads_but_does_not_write(self) -> None:
        self.client.force_login(self.eli)
        for url in self.pages():
            self.assertEqual(self.client.get(url).status_code, 200, url)
        for url in self.writes():
            self.assertEqual(self.client.get(url).status_code, 403, url)
        response = self.client.post(
            reverse("plan:plan-move", args=[self.plan.pk]), {"to": "submitted"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Plan.objects.get(pk=self.plan.pk).status, Plan.Status.DRAFT)

    def test_learner_manager_and_author_are_refused(self) -> None:
        for person in (self.dev, self.ben, self.aurore):
            self.client.force_login(person)
            for url in self.pages():
                self.assertEqual(self.client.get(url).status_code, 403, url)

    def test_hr_of_another_town_sees_nothing(self) -> None:
        """Hugo (Montval's HR) gets 404 for Saint-Aubin's objects and cannot
        change them."""
        self.client.force_login(self.hugo)
        for url in self.pages()[1:]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        response = self.client.post(
            reverse("plan:pilot-decide", args=[self.pilot.pk]),
            {"decision": "stop", "results": "x"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Pilot.objects.get(pk=self.pilot.pk).decision, "")

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        for url in self.pages():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/login/", response["Location"])

    def test_an_official_comments_on_the_draft(self) -> None:
        self.client.force_login(self.eli)
        self.client.post(
            reverse("plan:plan-comment", args=[self.plan.pk]), {"body": "Good."}
        )
        self.assertEqual(
            list(Comment.objects.values_list("author", "body")),
            [(self.eli.pk, "Good.")],
        )


class InputTests(PlanTestCase):
    def action_data(self, **changes: str) -> dict[str, str]:
        data = {
            "title": "New action",
            "department": str(self.engineering.pk),
            "starts_on": "2026-02-01",
            "ends_on": "2026-10-01",
            "cost": "100",
            "funding_source": "",
            "indicator": "Things",
            "target": "10",
            "risk": "",
            "competences": [str(self.c41.pk)],
            "level": "2",
        }
        data.update(changes)
        return data

    def test_a_valid_action_is_created(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("plan:action-create", args=[self.plan.pk]), self.action_data()
        )
        action = Action.objects.get(title="New action")
        self.assertRedirects(response, action.get_absolute_url())
        self.assertEqual(action.plan, self.plan)

    def test_bad_input_gets_a_clear_error_and_changes_nothing(self) -> None:
        """Dates reversed, a negative cost, a forged department of another town:
        each is a 400 naming the field, and no action is created."""
        self.client.force_login(self.cleo)
        url = reverse("plan:action-create", args=[self.plan.pk])
        for field, changes in (
            ("ends_on", {"ends_on": "2026-01-01"}),
            ("cost", {"cost": "-5"}),
            ("department", {"department": str(self.other_hr_department.pk)}),
        ):
            response = self.client.post(url, self.action_data(**changes))
            self.assertEqual(response.status_code, 400, field)
            self.assertIn(field, response.context["form"].errors)
            self.assertContains(response, 'role="alert"', status_code=400)
        self.assertFalse(Action.objects.filter(title="New action").exists())

    def test_a_forged_pilot_of_another_town_is_not_found(self) -> None:
        montval = Pilot.objects.create(
            organisation=self.other_town,
            department=self.other_hr_department,
            title="Montval pilot",
            assumption="-",
            experiment_type=Pilot.ExperimentType.SOLUTION,
            starts_on=dt.date(2026, 1, 1),
            decision=Pilot.Decision.SCALE,
        )
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("plan:pilot-scale", args=[montval.pk]),
            {**self.action_data(), "plan": str(self.plan.pk)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.plan.actions.count(), 1)

    def test_a_forged_plan_of_another_town_is_refused_when_scaling(self) -> None:
        montval_plan = Plan.objects.create(
            organisation=self.other_town,
            title="Montval plan",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 1, 1),
            vision="-",
        )
        actions.decide_pilot(self.pilot, by=self.cleo, decision="scale", results="ok")
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("plan:pilot-scale", args=[self.pilot.pk]),
            {**self.action_data(), "plan": str(montval_plan.pk)},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("plan", response.context["form"].errors)
        self.assertFalse(montval_plan.actions.exists())

    def test_assigning_a_course_not_proposed_is_refused(self) -> None:
        """Only the courses that close the gap may be assigned from here."""
        self.client.force_login(self.cleo)
        url = reverse("plan:action-assign", args=[self.action.pk])
        self.client.post(
            url, {"course": str(self.montval_private.pk), "due_date": "2030-01-01"}
        )
        self.assertFalse(Assignment.objects.exists())
        self.client.post(url, {"course": str(self.course.pk), "due_date": "2030-01-01"})
        assignment = Assignment.objects.get()
        self.assertEqual(list(assignment.departments.all()), [self.engineering])
        self.assertEqual(list(self.action.assignments.all()), [assignment])


class PagesTests(PlanTestCase):
    def test_the_plan_page_query_count(self) -> None:
        self.client.force_login(self.eli)
        url = reverse("plan:plan-detail", args=[self.plan.pk])
        self.client.get(url)
        # The user, the plan, its actions, their milestones, values and needs,
        # whether the official was named plan manager (may they write? an
        # official has no HR flag to decide it; was 8 before plan managers),
        # the transitions, the comments.
        with self.assertNumQueries(9):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_action_page_query_count(self) -> None:
        self.client.force_login(self.cleo)
        url = reverse("plan:action-detail", args=[self.action.pk])
        self.client.get(url)
        # The user, the action, its needs, the department's people and their
        # snapshots, the courses closing the gap, milestones, values, and the
        # mandatory training it started.
        with self.assertNumQueries(9):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_pdf_is_for_an_adopted_plan(self) -> None:
        self.client.force_login(self.eli)
        url = reverse("plan:plan-pdf", args=[self.plan.pk])
        self.assertEqual(self.client.get(url).status_code, 302)
        actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.SUBMITTED)
        actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.ADOPTED)
        actions.record_value(
            self.action,
            by=self.cleo,
            measured_on=dt.date(2026, 5, 1),
            value=Decimal(40),
        )
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_the_council_page_shows_the_plan_in_plain_words(self) -> None:
        self.client.force_login(self.eli)
        response = self.client.get(reverse("reporting:council-dashboard"))
        self.assertContains(response, 'id="council-plan-words"')
        self.assertContains(response, self.plan.title)
