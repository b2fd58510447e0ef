"""The plan manager: HR of a town names people of the town who then write its
pilots and plan beside HR; only HR names or removes them; nothing crosses towns."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.models import User
from reporting.plan import actions
from reporting.plan.models import Action, Pilot, Plan, PlanManager
from reporting.plan.queries import is_plan_manager, may_read_plans, may_write_plans
from reporting.plan.tests.base import PlanTestCase

MANAGERS = reverse("plan:managers")


class EnglishTestCase(PlanTestCase):
    """Pages in English: everyone here prefers it (the site's default is French)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        User.objects.update(preferred_language="en")


class AppointTests(EnglishTestCase):
    def test_hr_names_a_person_of_the_town_and_removes_them(self) -> None:
        self.client.force_login(self.cleo)
        page = self.client.get(MANAGERS)
        self.assertContains(page, "No plan manager yet")
        self.assertIn(self.ada, page.context["form"].fields["person"].queryset)
        self.assertNotIn(self.marc, page.context["form"].fields["person"].queryset)
        response = self.client.post(MANAGERS, {"person": str(self.ada.pk)}, follow=True)
        self.assertRedirects(response, MANAGERS)
        manager = PlanManager.objects.get()
        self.assertEqual(
            (manager.organisation, manager.person, manager.appointed_by),
            (self.town, self.ada, self.cleo),
        )
        self.assertContains(response, "is now a plan manager")
        self.assertNotIn(self.ada, response.context["form"].fields["person"].queryset)
        self.assertContains(response, reverse("plan:manager-remove", args=[manager.pk]))
        response = self.client.post(
            reverse("plan:manager-remove", args=[manager.pk]), follow=True
        )
        self.assertContains(response, "is no longer a plan manager")
        self.assertFalse(PlanManager.objects.exists())

    def test_naming_the_same_person_twice_says_so(self) -> None:
        actions.appoint_plan_manager(self.ada, by=self.cleo)
        self.client.force_login(self.cleo)
        response = self.client.post(MANAGERS, {"person": str(self.ada.pk)})
        self.assertContains(response, "already a plan manager", status_code=400)
        self.assertEqual(PlanManager.objects.count(), 1)

    def test_a_forged_person_of_another_town_changes_nothing_and_says_why(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(MANAGERS, {"person": str(self.marc.pk)})
        self.assertContains(
            response, "not an active person of your own town", status_code=404
        )
        self.assertFalse(PlanManager.objects.exists())

    def test_hr_of_another_town_can_neither_name_nor_see_nor_remove(self) -> None:
        manager = actions.appoint_plan_manager(self.ada, by=self.cleo)
        self.client.force_login(self.hugo)
        page = self.client.get(MANAGERS)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(list(page.context["managers"]), [])
        self.assertNotContains(page, "ada")
        response = self.client.post(MANAGERS, {"person": str(self.ben.pk)})
        self.assertEqual(response.status_code, 404)
        response = self.client.post(reverse("plan:manager-remove", args=[manager.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            list(PlanManager.objects.values_list("person", "organisation")),
            [(self.ada.pk, self.town.pk)],
        )

    def test_only_hr_names_plan_managers(self) -> None:
        """A plan manager, an official, a manager, a learner: 403, nothing
        written; the action itself refuses too."""
        manager = actions.appoint_plan_manager(self.ada, by=self.cleo)
        for person in (self.ada, self.eli, self.ben, self.dev):
            self.client.force_login(person)
            self.assertEqual(self.client.get(MANAGERS).status_code, 403, person)
            response = self.client.post(MANAGERS, {"person": str(self.sam.pk)})
            self.assertEqual(response.status_code, 403, person)
            response = self.client.post(
                reverse("plan:manager-remove", args=[manager.pk])
            )
            self.assertEqual(response.status_code, 403, person)
        self.assertEqual(list(PlanManager.objects.all()), [manager])
        with self.assertRaises(ValidationError):
            actions.appoint_plan_manager(self.sam, by=self.ada)

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        manager = actions.appoint_plan_manager(self.ada, by=self.cleo)
        for url in (MANAGERS, reverse("plan:manager-remove", args=[manager.pk])):
            response = (
                self.client.get(url) if url == MANAGERS else self.client.post(url)
            )
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/login/", response["Location"])
        self.assertTrue(PlanManager.objects.exists())

    def test_the_home_links_to_the_page_for_hr_only(self) -> None:
        actions.appoint_plan_manager(self.ada, by=self.cleo)
        for person, shown in ((self.cleo, True), (self.ada, False), (self.eli, False)):
            self.client.force_login(person)
            response = self.client.get(reverse("plan:home"))
            self.assertEqual(response.status_code, 200, person)
            self.assertEqual(MANAGERS in response.content.decode(), shown, person)

    def test_an_inactive_person_is_not_named(self) -> None:
        User.objects.filter(pk=self.sam.pk).update(is_active=False)
        self.client.force_login(self.cleo)
        response = self.client.post(MANAGERS, {"person": str(self.sam.pk)})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(PlanManager.objects.exists())

    def test_the_page_query_count(self) -> None:
        actions.appoint_plan_manager(self.ada, by=self.cleo)
        actions.appoint_plan_manager(self.ben, by=self.cleo)
        self.client.force_login(self.cleo)
        self.client.get(MANAGERS)
        # The session's user, the managers with their people, departments and
        # who named them, the people HR may name with their departments.
        with self.assertNumQueries(3):
            self.assertEqual(self.client.get(MANAGERS).status_code, 200)


class PlanManagerWritesTests(EnglishTestCase):
    def setUp(self) -> None:
        super().setUp()
        actions.appoint_plan_manager(self.ada, by=self.cleo)

    def pilot_data(self) -> dict[str, str]:
        return {
            "title": "Digital signage",
            "department": str(self.engineering.pk),
            "assumption": "People read screens.",
            "experiment_type": "solution",
            "starts_on": "2026-03-01",
            "ends_on": "",
            "budget": "0",
            "indicators": "",
            "results": "",
        }

    def test_a_plan_manager_writes_pilots_plans_and_actions_of_their_town(
        self,
    ) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(reverse("plan:pilot-create"), self.pilot_data())
        pilot = Pilot.objects.get(title="Digital signage")
        self.assertRedirects(response, pilot.get_absolute_url())
        self.assertEqual(pilot.organisation, self.town)
        response = self.client.post(
            reverse("plan:pilot-edit", args=[self.pilot.pk]),
            {**self.pilot_data(), "title": "Online ticketing v2"},
        )
        self.assertEqual(
            Pilot.objects.get(pk=self.pilot.pk).title, "Online ticketing v2"
        )
        plan_data = {
            "title": "Plan 2029",
            "starts_on": "2029-01-01",
            "ends_on": "2031-12-31",
            "vision": "More.",
        }
        self.client.post(reverse("plan:plan-create"), plan_data)
        plan = Plan.objects.get(title="Plan 2029")
        self.assertEqual(plan.organisation, self.town)
        self.client.post(
            reverse("plan:plan-edit", args=[self.plan.pk]),
            {**plan_data, "title": "Plan numérique révisé"},
        )
        self.assertEqual(
            Plan.objects.get(pk=self.plan.pk).title, "Plan numérique révisé"
        )
        action_data = {
            "title": "Train the front desk",
            "department": str(self.engineering.pk),
            "starts_on": "2029-02-01",
            "ends_on": "2029-10-01",
            "cost": "100",
            "indicator": "People trained",
            "target": "10",
            "competences": [str(self.c41.pk)],
            "level": "2",
        }
        self.client.post(reverse("plan:action-create", args=[plan.pk]), action_data)
        self.assertTrue(plan.actions.filter(title="Train the front desk").exists())
        self.client.post(
            reverse("plan:action-edit", args=[self.action.pk]),
            {**action_data, "title": "Secure every workstation now"},
        )
        self.assertEqual(
            Action.objects.get(pk=self.action.pk).title, "Secure every workstation now"
        )
        self.assertTrue(self.client.get(reverse("plan:home")).context["may_write"])

    def test_a_plan_manager_of_town_a_gets_404_on_town_b(self) -> None:
        """Marc of Montval, named by Hugo, neither reads nor writes Saint-Aubin's
        pilot, plan or action."""
        actions.appoint_plan_manager(self.marc, by=self.hugo)
        self.client.force_login(self.marc)
        for name, pk in (
            ("plan:pilot-detail", self.pilot.pk),
            ("plan:pilot-edit", self.pilot.pk),
            ("plan:plan-detail", self.plan.pk),
            ("plan:plan-edit", self.plan.pk),
            ("plan:action-detail", self.action.pk),
            ("plan:action-edit", self.action.pk),
            ("plan:action-create", self.plan.pk),
        ):
            url = reverse(name, args=[pk])
            self.assertEqual(self.client.get(url).status_code, 404, url)
        response = self.client.post(
            reverse("plan:plan-edit", args=[self.plan.pk]),
            {
                "title": "Hijacked",
                "starts_on": "2026-01-01",
                "ends_on": "2027-01-01",
                "vision": "x",
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Plan.objects.get(pk=self.plan.pk).title, self.plan.title)

    def test_a_plan_manager_who_moved_town_loses_the_right(self) -> None:
        User.objects.filter(pk=self.ada.pk).update(
            organisation=self.other_town, department=self.other_hr_department
        )
        ada = User.objects.get(pk=self.ada.pk)
        self.assertFalse(may_write_plans(ada))
        self.assertFalse(may_read_plans(ada))
        self.client.force_login(ada)
        self.assertEqual(self.client.get(reverse("plan:pilot-create")).status_code, 403)
        # Montval's HR may name her afresh; the stale appointment is replaced.
        actions.appoint_plan_manager(ada, by=self.hugo)
        self.assertEqual(
            list(PlanManager.objects.values_list("person", "organisation")),
            [(ada.pk, self.other_town.pk)],
        )

    def test_learners_managers_officials_do_not_write(self) -> None:
        for person in (self.dev, self.ben, self.eli, self.sam):
            self.client.force_login(person)
            response = self.client.post(reverse("plan:pilot-create"), self.pilot_data())
            self.assertEqual(response.status_code, 403, person)
            self.assertEqual(
                self.client.get(
                    reverse("plan:plan-edit", args=[self.plan.pk])
                ).status_code,
                403,
                person,
            )
        self.assertFalse(Pilot.objects.filter(title="Digital signage").exists())

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        response = self.client.post(reverse("plan:pilot-create"), self.pilot_data())
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_the_check_is_one_query_per_user_object(self) -> None:
        ada = User.objects.get(pk=self.ada.pk)
        with self.assertNumQueries(1):
            self.assertTrue(is_plan_manager(ada))
            self.assertTrue(may_write_plans(ada))
            self.assertTrue(may_read_plans(ada))
        with self.assertNumQueries(0):
            self.assertTrue(may_write_plans(self.cleo))


class FrenchTests(PlanTestCase):
    def test_the_page_speaks_french(self) -> None:
        """Cléo keeps the site's default language, French."""
        actions.appoint_plan_manager(self.ada, by=self.cleo)
        self.client.force_login(self.cleo)
        response = self.client.get(MANAGERS)
        self.assertContains(response, "Responsables du plan actuels")
        self.assertContains(response, "Nommer un responsable du plan")
        response = self.client.post(MANAGERS, {"person": str(self.marc.pk)})
        self.assertContains(
            response, "personne active de votre commune", status_code=404
        )
