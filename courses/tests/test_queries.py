import datetime as dt

import time_machine

from courses.models import Assignment, CoursePage, Enrolment
from courses.queries import (
    assignees_of,
    assignment_status,
    assignments_for,
    courses_visible_to,
    due_date_for,
)
from courses.testing import CatalogueTestCase
from lms.testing import make_person


class CoursesVisibleToTests(CatalogueTestCase):
    def test_a_learner_sees_own_town_and_network_shared_staff_courses(self) -> None:
        visible = set(courses_visible_to(self.ada))
        self.assertEqual(
            visible, {self.course, self.private_course, self.montval_course}
        )

    def test_another_towns_private_course_is_hidden(self) -> None:
        self.assertNotIn(self.montval_private, courses_visible_to(self.ada))
        self.assertNotIn(self.private_course, courses_visible_to(self.marc))

    def test_an_elected_official_sees_the_elected_track(self) -> None:
        self.assertEqual(list(courses_visible_to(self.eli)), [self.elected_course])

    def test_draft_courses_are_hidden(self) -> None:
        CoursePage.objects.filter(pk=self.course.pk).update(live=False)
        self.assertNotIn(self.course, courses_visible_to(self.ada))

    def test_a_town_outside_any_network_sees_only_its_own(self) -> None:
        self.other_town.network = None
        self.other_town.save()
        self.assertNotIn(self.course, courses_visible_to(self.marc))
        self.assertIn(self.montval_course, courses_visible_to(self.marc))


class AssignmentQueriesTests(CatalogueTestCase):
    def assign(self, **fields) -> Assignment:
        fields.setdefault("due_kind", Assignment.DueKind.FIXED)
        fields.setdefault("due_date", dt.date(2027, 1, 31))
        departments = fields.pop("departments", [])
        roles = fields.pop("job_roles", [])
        people = fields.pop("people", [])
        assignment = Assignment.objects.create(
            organisation=self.town, course=self.course, **fields
        )
        assignment.departments.set(departments)
        assignment.job_roles.set(roles)
        assignment.people.set(people)
        return assignment

    def test_a_department_brings_its_sub_departments(self) -> None:
        assignment = self.assign(departments=[self.engineering])
        self.assertEqual(set(assignees_of(assignment)), {self.ada, self.ben, self.sam})

    def test_job_roles_named_people_and_officials_are_targets(self) -> None:
        assignment = self.assign(
            job_roles=[self.accountant_role], people=[self.cleo], include_elected=True
        )
        self.assertEqual(set(assignees_of(assignment)), {self.dev, self.cleo, self.eli})

    def test_someone_who_joins_later_is_assigned_automatically(self) -> None:
        assignment = self.assign(departments=[self.resources])
        newcomer = make_person("newcomer", self.town, department=self.support)
        self.assertIn(newcomer, assignees_of(assignment))
        self.assertIn(assignment, assignments_for(newcomer))

    def test_other_towns_people_are_never_assignees(self) -> None:
        assignment = self.assign(include_elected=True, people=[self.marc])
        self.assertNotIn(self.marc, assignees_of(assignment))

    def test_assignments_for_finds_ancestor_departments(self) -> None:
        assignment = self.assign(departments=[self.resources])
        self.assertEqual(list(assignments_for(self.sam)), [assignment])
        self.assertEqual(list(assignments_for(self.eli)), [])

    def test_a_relative_due_date_follows_the_hire_date(self) -> None:
        assignment = self.assign(
            due_kind=Assignment.DueKind.AFTER_HIRE, due_date=None, due_days=60
        )
        assignment.created_at = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)  # before Ada
        self.assertEqual(due_date_for(assignment, self.ada), dt.date(2020, 3, 6))
        self.assertIsNone(due_date_for(assignment, self.eli))

    @time_machine.travel(dt.datetime(2027, 2, 15, 12, tzinfo=dt.UTC))
    def test_status_says_done_on_time_late_or_not_started(self) -> None:
        due = dt.date(2027, 1, 31)
        on_time = Enrolment(completed_at=dt.datetime(2027, 1, 30, tzinfo=dt.UTC))
        late = Enrolment(completed_at=dt.datetime(2027, 2, 2, tzinfo=dt.UTC))
        self.assertEqual(assignment_status(due, on_time), "done")
        self.assertEqual(assignment_status(due, late), "done_late")
        self.assertEqual(assignment_status(due, Enrolment()), "late")
        self.assertEqual(assignment_status(dt.date(2027, 3, 1), None), "not_started")
        self.assertEqual(
            assignment_status(dt.date(2027, 3, 1), Enrolment()), "in_progress"
        )
