"""The main menu's "Digital plan" entry: HR, officials and plan managers of the
town see it; a plain learner does not; no query on most pages."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import User
from reporting.plan import actions
from reporting.plan.tests.base import PlanTestCase

HOME = reverse("home")
ENTRY = f'<li><a href="{reverse("plan:home")}">'


class MenuTests(PlanTestCase):
    def menu_of(self, person: User) -> str:
        self.client.force_login(person)
        response = self.client.get(HOME)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_plan_manager_who_is_not_hr_sees_the_entry(self) -> None:
        actions.appoint_plan_manager(self.ada, by=self.cleo)
        self.assertIn(ENTRY, self.menu_of(self.ada))

    def test_a_plain_learner_and_a_manager_do_not(self) -> None:
        for person in (self.ada, self.ben):
            self.assertNotIn(ENTRY, self.menu_of(person), person)

    def test_hr_and_officials_see_it_as_before(self) -> None:
        for person in (self.cleo, self.eli):
            self.assertIn(ENTRY, self.menu_of(person), person)

    def test_the_entry_follows_appointment_and_removal_at_once(self) -> None:
        self.assertNotIn(ENTRY, self.menu_of(self.ada))  # cached: not a manager
        with self.captureOnCommitCallbacks(execute=True):
            manager = actions.appoint_plan_manager(self.ada, by=self.cleo)
        self.assertIn(ENTRY, self.menu_of(self.ada))
        with self.captureOnCommitCallbacks(execute=True):
            actions.remove_plan_manager(manager)
        self.assertNotIn(ENTRY, self.menu_of(self.ada))

    def test_a_plan_manager_who_moved_town_no_longer_sees_it(self) -> None:
        actions.appoint_plan_manager(self.ada, by=self.cleo)
        self.assertIn(ENTRY, self.menu_of(self.ada))
        User.objects.filter(pk=self.ada.pk).update(
            organisation=self.other_town, department=self.other_hr_department
        )
        self.assertNotIn(ENTRY, self.menu_of(self.ada))

    def test_once_cached_a_learners_pages_do_not_ask(self) -> None:
        """One query the first time (the cache is cold), none after."""
        self.menu_of(self.ada)
        with CaptureQueriesContext(connection) as queries:
            self.menu_of(self.ada)
        asked = [q for q in queries if "plan_planmanager" in q["sql"]]
        self.assertEqual(asked, [])
