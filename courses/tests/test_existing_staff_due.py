"""Mandatory training due N days after arrival, with an explicit date for the staff
already there when HR created it."""

import datetime as dt

import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.actions import create_assignment
from courses.models import Assignment
from courses.queries import assignment_report, due_date_for
from courses.testing import CatalogueTestCase
from lms.testing import make_person

CREATED = dt.datetime(2027, 1, 10, 9, tzinfo=dt.UTC)


@time_machine.travel(CREATED, tick=False)
class ExistingStaffDueDateTests(CatalogueTestCase):
    def assign(self, **fields) -> Assignment:
        return create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.AFTER_HIRE,
            due_days=30,
            departments=[self.engineering],
            **fields,
        )

    def test_staff_already_there_get_the_explicit_date(self) -> None:
        """Ada was hired years before the assignment: the date HR gave, not 30
        days from the creation."""
        assignment = self.assign(existing_staff_due_date=dt.date(2027, 3, 31))
        self.assertLess(self.ada.hire_date, CREATED.date())
        self.assertEqual(due_date_for(assignment, self.ada), dt.date(2027, 3, 31))

    def test_newcomers_still_count_days_from_their_arrival(self) -> None:
        assignment = self.assign(existing_staff_due_date=dt.date(2027, 3, 31))
        newcomer = make_person(
            "newcomer",
            self.town,
            department=self.engineering,
            hire_date=dt.date(2027, 2, 1),
        )
        self.assertEqual(due_date_for(assignment, newcomer), dt.date(2027, 3, 3))
        report = {row["person"]: row["due"] for row in assignment_report(assignment)}
        self.assertEqual(report[newcomer], dt.date(2027, 3, 3))
        self.assertEqual(report[self.ada], dt.date(2027, 3, 31))

    def test_someone_hired_the_day_it_is_created_counts_as_a_newcomer(self) -> None:
        assignment = self.assign(existing_staff_due_date=dt.date(2027, 3, 31))
        newcomer = make_person(
            "sameday", self.town, department=self.engineering, hire_date=CREATED.date()
        )
        self.assertEqual(due_date_for(assignment, newcomer), dt.date(2027, 2, 9))

    def test_people_with_no_known_arrival_get_the_explicit_date(self) -> None:
        assignment = self.assign(existing_staff_due_date=dt.date(2027, 3, 31))
        unknown = make_person("unknown", self.town, department=self.engineering)
        self.assertIsNone(unknown.hire_date)
        self.assertEqual(due_date_for(assignment, unknown), dt.date(2027, 3, 31))

    def test_without_a_date_the_days_count_from_the_creation(self) -> None:
        """The default rule stays: max(hire, creation) + N days."""
        assignment = self.assign()
        self.assertEqual(due_date_for(assignment, self.ada), dt.date(2027, 2, 9))

    def test_a_date_before_the_creation_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self.assign(existing_staff_due_date=dt.date(2027, 1, 9))
        self.assertIn("existing_staff_due_date", raised.exception.message_dict)
        self.assertFalse(Assignment.objects.exists())

    def test_a_date_for_existing_staff_needs_a_due_date_after_arrival(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            create_assignment(
                self.town,
                course=self.course,
                created_by=self.cleo,
                due_kind=Assignment.DueKind.FIXED,
                due_date=dt.date(2027, 6, 30),
                existing_staff_due_date=dt.date(2027, 3, 31),
            )
        self.assertIn("existing_staff_due_date", raised.exception.message_dict)
        self.assertFalse(Assignment.objects.exists())


@time_machine.travel(CREATED, tick=False)
class ExistingStaffAdminFormTests(CatalogueTestCase):
    def post(self, **overrides):
        data = {
            "organisation": self.town.pk,
            "course": self.course.pk,
            "departments": [self.engineering.pk],
            "due_kind": "after_hire",
            "due_days": "30",
            **overrides,
        }
        return self.client.post(reverse("assignments:add"), data)

    def test_hr_sets_a_date_for_existing_staff(self) -> None:
        self.client.force_login(self.cleo)
        self.post(existing_staff_due_date="2027-03-31")
        assignment = Assignment.objects.get()
        self.assertEqual(assignment.existing_staff_due_date, dt.date(2027, 3, 31))
        response = self.client.get(assignment.get_report_url())
        self.assertContains(response, "2027")

    def test_a_past_date_is_refused_with_a_message_and_nothing_saved(self) -> None:
        self.client.force_login(self.cleo)
        response = self.post(existing_staff_due_date="2026-12-31")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "10/01/2027")
        self.assertFalse(Assignment.objects.exists())

    def test_a_date_for_existing_staff_with_a_fixed_due_date_is_refused(self) -> None:
        self.client.force_login(self.cleo)
        self.post(
            due_kind="fixed",
            due_date="2027-06-30",
            existing_staff_due_date="2027-03-31",
        )
        self.assertFalse(Assignment.objects.exists())
