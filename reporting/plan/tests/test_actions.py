from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

from courses.models import Assignment
from courses.queries import assignees_of
from reporting.plan import actions
from reporting.plan.models import (
    Action,
    Comment,
    Pilot,
    Plan,
    PlanTransition,
    Practice,
)
from reporting.plan.tests.base import PlanTestCase


class PlanActionTests(PlanTestCase):
    def test_reversed_dates_are_refused_and_nothing_is_saved(self) -> None:
        """A pilot ending before it starts is refused, with the end date named."""
        pilot = Pilot(
            organisation=self.town,
            department=self.engineering,
            title="Backwards",
            assumption="-",
            experiment_type=Pilot.ExperimentType.SOLUTION,
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2026, 4, 1),
        )
        with self.assertRaises(ValidationError) as caught:
            actions.save_pilot(pilot, by=self.cleo)
        self.assertIn("ends_on", caught.exception.error_dict)
        self.assertFalse(Pilot.objects.filter(title="Backwards").exists())

    def test_a_department_of_another_town_is_refused(self) -> None:
        """Saint-Aubin's pilot cannot sit in Montval's department."""
        pilot = Pilot(
            organisation=self.town,
            department=self.other_hr_department,
            title="Forged",
            assumption="-",
            experiment_type=Pilot.ExperimentType.SOLUTION,
            starts_on=dt.date(2026, 5, 1),
        )
        with self.assertRaises(ValidationError):
            actions.save_pilot(pilot, by=self.cleo)
        self.assertFalse(Pilot.objects.filter(title="Forged").exists())

    def test_a_team_member_of_another_town_is_refused(self) -> None:
        """The team is made of the town's own people; nothing is saved."""
        pilot = Pilot(
            organisation=self.town,
            department=self.engineering,
            title="Mixed team",
            assumption="-",
            experiment_type=Pilot.ExperimentType.SOLUTION,
            starts_on=dt.date(2026, 5, 1),
        )
        with self.assertRaises(ValidationError):
            actions.save_pilot(pilot, by=self.cleo, team=[self.ada, self.marc])
        self.assertFalse(Pilot.objects.filter(title="Mixed team").exists())

    def test_the_decision_is_recorded_with_who_and_when(self) -> None:
        """Deciding records the decision, the results, the person and the time."""
        actions.decide_pilot(
            self.pilot, by=self.cleo, decision="scale", results="It worked."
        )
        self.pilot.refresh_from_db()
        self.assertEqual(self.pilot.decision, Pilot.Decision.SCALE)
        self.assertEqual(self.pilot.decided_by, self.cleo)
        self.assertIsNotNone(self.pilot.decided_at)

    def test_only_a_scaled_pilot_becomes_an_action(self) -> None:
        """An undecided pilot is not scaled; a scaled one becomes an action of
        the plan that keeps a link to it, with the pilot's competences."""
        action = Action(
            title="Ticketing for all",
            department=self.engineering,
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2027, 9, 1),
            indicator="Requests logged online (%)",
            target=Decimal("80"),
        )
        with self.assertRaises(ValidationError):
            actions.scale_pilot(
                self.pilot, plan=self.plan, action=action, competences=[], level=2
            )
        self.assertEqual(self.plan.actions.count(), 1)
        actions.decide_pilot(self.pilot, by=self.cleo, decision="scale", results="ok")
        scaled = actions.scale_pilot(
            self.pilot, plan=self.plan, action=action, competences=[self.c41], level=3
        )
        self.assertEqual(scaled.pilot, self.pilot)
        self.assertEqual(
            [(n.competence, n.level) for n in scaled.needs.all()], [(self.c41, 3)]
        )

    def test_a_pilot_is_not_scaled_into_another_towns_plan(self) -> None:
        """The plan must belong to the pilot's town; nothing is created."""
        actions.decide_pilot(self.pilot, by=self.cleo, decision="scale", results="ok")
        montval_plan = Plan.objects.create(
            organisation=self.other_town,
            title="Montval",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 1, 1),
            vision="-",
        )
        action = Action(
            title="Cross-town",
            department=self.engineering,
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2027, 9, 1),
            indicator="-",
            target=Decimal("1"),
        )
        with self.assertRaises(ValidationError):
            actions.scale_pilot(
                self.pilot, plan=montval_plan, action=action, competences=[], level=2
            )
        self.assertFalse(Action.objects.filter(title="Cross-town").exists())

    def test_status_moves_draft_submitted_adopted_with_history(self) -> None:
        """Each transition records who and when; a jump is refused."""
        with self.assertRaises(ValidationError):
            actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.ADOPTED)
        actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.SUBMITTED)
        plan = actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.ADOPTED)
        self.assertEqual(plan.status, Plan.Status.ADOPTED)
        self.assertEqual(
            list(
                PlanTransition.objects.filter(plan=plan).values_list(
                    "from_status", "to_status", "by"
                )
            ),
            [
                ("draft", "submitted", self.cleo.pk),
                ("submitted", "adopted", self.cleo.pk),
            ],
        )

    def test_comments_close_at_adoption(self) -> None:
        """An official comments on the draft; after adoption it is refused."""
        actions.comment_on(self.plan, by=self.eli, body="Think of the elderly.")
        actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.SUBMITTED)
        actions.move_plan(self.plan, by=self.cleo, to=Plan.Status.ADOPTED)
        with self.assertRaises(ValidationError):
            actions.comment_on(self.plan, by=self.eli, body="Too late.")
        self.assertEqual(Comment.objects.filter(plan=self.plan).count(), 1)

    def test_a_negative_cost_is_refused_and_nothing_changes(self) -> None:
        """A cost below zero is an error on the cost field; the action stays."""
        self.action.cost = Decimal("-10")
        with self.assertRaises(ValidationError) as caught:
            actions.save_action(self.action, competences=[self.c41], level=2)
        self.assertIn("cost", caught.exception.error_dict)
        self.assertEqual(Action.objects.get(pk=self.action.pk).cost, Decimal("5000"))

    def test_a_level_above_the_scale_is_refused_and_nothing_changes(self) -> None:
        """DigComp has four levels: a need at 7 is refused, the old need stays."""
        with self.assertRaises(ValidationError):
            actions.save_action(self.action, competences=[self.c42], level=7)
        self.assertEqual(
            [(n.competence, n.level) for n in self.action.needs.all()],
            [(self.c41, 2)],
        )

    def test_the_gap_becomes_mandatory_training_for_the_department(self) -> None:
        """One step: an assignment of the course course to the owner department
        (sub-departments included), linked to the action."""
        assignment = actions.assign_training(
            self.action, by=self.cleo, course=self.course, due_date=dt.date(2027, 3, 1)
        )
        self.assertEqual(list(assignment.departments.all()), [self.engineering])
        self.assertEqual(assignment.due_kind, Assignment.DueKind.FIXED)
        self.assertEqual(list(self.action.assignments.all()), [assignment])
        self.assertEqual(
            set(assignees_of(assignment)),
            {self.ben, self.ada, self.sam, self.eve, self.fay},
        )

    def test_only_a_scaled_pilot_is_shared_and_only_once(self) -> None:
        with self.assertRaises(ValidationError):
            actions.publish_practice(self.pilot, by=self.cleo, summary="Try it.")
        actions.decide_pilot(self.pilot, by=self.cleo, decision="scale", results="ok")
        actions.publish_practice(self.pilot, by=self.cleo, summary="Try it.")
        with self.assertRaises(ValidationError):
            actions.publish_practice(self.pilot, by=self.cleo, summary="Again.")
        self.assertEqual(Practice.objects.count(), 1)

    def test_another_town_adopts_it_crediting_the_original(self) -> None:
        """Montval adopts Saint-Aubin's practice into its own plan; the action
        names the practice, hence Saint-Aubin."""
        actions.decide_pilot(self.pilot, by=self.cleo, decision="scale", results="ok")
        practice = actions.publish_practice(self.pilot, by=self.cleo, summary="Try it.")
        montval_plan = Plan.objects.create(
            organisation=self.other_town,
            title="Montval",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 1, 1),
            vision="-",
        )
        action = actions.adopt_practice(
            practice,
            plan=montval_plan,
            department=self.other_hr_department,
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 12, 1),
            target=Decimal("50"),
            level=2,
        )
        self.assertEqual(action.practice.organisation, self.town)
        self.assertEqual(action.plan, montval_plan)
        self.assertEqual([n.competence for n in action.needs.all()], [self.c41])

    def test_adopting_into_a_plan_with_a_foreign_department_is_refused(self) -> None:
        actions.decide_pilot(self.pilot, by=self.cleo, decision="scale", results="ok")
        practice = actions.publish_practice(self.pilot, by=self.cleo, summary="Try it.")
        with self.assertRaises(ValidationError):
            actions.adopt_practice(
                practice,
                plan=self.plan,
                department=self.other_hr_department,
                starts_on=dt.date(2026, 3, 1),
                ends_on=dt.date(2026, 12, 1),
                target=Decimal("50"),
                level=2,
            )
        self.assertEqual(self.plan.actions.count(), 1)
