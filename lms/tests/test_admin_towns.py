"""Back office: HR admins manage their own town's people and chart, and nothing of
the platform (Wagtail's own users and groups admin is for platform admins)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from lms.models import Department, User
from lms.people_file import plan_import
from lms.testing import PersonasTestCase, make_person


class WagtailUsersAdminTests(PersonasTestCase):
    def test_hr_admins_cannot_open_wagtails_users_or_groups_admin(self) -> None:
        self.client.force_login(self.hugo)
        for url in (
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_users:add"),
            reverse("wagtailusers_users:edit", args=[self.root.pk]),
            reverse("wagtailusers_users:edit", args=[self.hugo.pk]),
            reverse("wagtailusers_groups:index"),
            reverse("wagtailusers_groups:add"),
        ):
            with self.subTest(url=url):
                self.assertIn(self.client.get(url).status_code, (302, 403))

    def test_an_hr_admin_cannot_create_a_superuser(self) -> None:
        """The takeover of the issue: hugo posting Wagtail's new-user form."""
        self.client.force_login(self.hugo)
        self.client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "takeover",
                "email": "takeover@example.org",
                "first_name": "Take",
                "last_name": "Over",
                "password1": "a-Long-passw0rd!",
                "password2": "a-Long-passw0rd!",
                "is_superuser": "on",
            },
        )
        self.assertFalse(User.objects.filter(username="takeover").exists())

    def test_the_platform_admin_still_manages_every_account(self) -> None:
        self.client.force_login(self.root)
        response = self.client.get(reverse("wagtailusers_users:index"))
        self.assertContains(response, "Hugo")
        self.assertContains(response, "Cleo")


class PeopleAdminTests(PersonasTestCase):
    def test_hr_opens_their_own_people_and_not_another_towns(self) -> None:
        self.client.force_login(self.hugo)
        for name in ("edit", "history", "usage", "delete"):
            with self.subTest(view=name):
                own = reverse(f"people:{name}", args=[self.marc.pk])
                other = reverse(f"people:{name}", args=[self.ada.pk])
                self.assertEqual(self.client.get(own).status_code, 200)
                self.assertEqual(self.client.get(other).status_code, 404)

    def test_an_edit_posted_for_another_towns_person_changes_nothing(self) -> None:
        self.client.force_login(self.hugo)
        url = reverse("people:edit", args=[self.ada.pk])
        response = self.client.post(url, {"username": "ada", "first_name": "Owned"})
        self.assertEqual(response.status_code, 404)
        self.ada.refresh_from_db()
        self.assertEqual(self.ada.first_name, "Ada")

    def test_learners_managers_authors_and_officials_have_no_people_admin(self) -> None:
        for person in (self.ada, self.ben, self.aurore, self.eli):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                response = self.client.get(reverse("people:index"))
                self.assertIn(response.status_code, (302, 403))

    def test_the_department_list_names_only_the_towns_own_departments(self) -> None:
        self.client.force_login(self.hugo)
        with translation.override("en"):
            response = self.client.get(reverse("departments:index"))
        self.assertContains(response, "Ressources humaines")
        self.assertNotContains(response, "Engineering")
        edit = reverse("departments:edit", args=[self.engineering.pk])
        self.assertEqual(self.client.get(edit).status_code, 404)
        self.assertTrue(Department.objects.filter(name="Engineering").exists())

    def test_hr_has_no_django_model_permission(self) -> None:
        """So that Wagtail's site history and generic views stay closed to them."""
        self.assertEqual(
            {
                perm
                for perm in self.cleo.get_all_permissions()
                if perm.startswith("lms.")
            },
            set(),
        )
        self.assertTrue(self.cleo.has_perm("wagtailadmin.access_admin"))
        self.assertTrue(self.root.has_perm("lms.add_user"))

    def test_bulk_actions_on_people_are_refused_across_towns(self) -> None:
        url = reverse("wagtail_bulk_action", args=["lms", "user", "delete"])
        self.client.force_login(self.hugo)
        response = self.client.get(f"{url}?id={self.ada.pk}")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(User.objects.filter(pk=self.ada.pk).exists())


class DepartmentFilterTests(PersonasTestCase):
    def test_the_organisation_filter_offers_only_the_hr_admins_town(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(reverse("departments:index"))
        choices = response.context["filters"].form.fields["organisation"].queryset
        self.assertEqual(list(choices), [self.other_town])
        self.client.force_login(self.root)
        response = self.client.get(reverse("departments:index"))
        choices = response.context["filters"].form.fields["organisation"].queryset
        self.assertEqual(set(choices), {self.town, self.other_town})


class PlatformAdminAccountTests(PersonasTestCase):
    """A platform admin may belong to a town; its HR still cannot reach the account."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.town_admin = make_person(
            "alex", cls.town, is_superuser=True, employee_number="DEMO-ADMIN"
        )

    def test_hr_cannot_open_or_change_a_platform_admin_of_their_town(self) -> None:
        self.client.force_login(self.cleo)
        self.assertNotContains(self.client.get(reverse("people:index")), "Alex")
        for name in ("edit", "delete", "history"):
            with self.subTest(view=name):
                url = reverse(f"people:{name}", args=[self.town_admin.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        url = reverse("people:edit", args=[self.town_admin.pk])
        self.client.post(url, {"username": "alex", "email": "cleo@example.org"})
        self.town_admin.refresh_from_db()
        self.assertEqual(self.town_admin.email, "alex@example.org")

    def test_the_people_import_leaves_a_platform_admin_alone(self) -> None:
        header = ["employee_number", "last_name", "first_name", "email"]
        rows = [["DEMO-ADMIN", "Admin", "Alex", "cleo@example.org"]]
        plan = plan_import(self.town, header, rows, deactivate_missing=True)
        self.assertEqual([error.column for error in plan.errors], ["employee_number"])
        empty = plan_import(self.town, header, [], deactivate_missing=True)
        self.assertNotIn("DEMO-ADMIN", empty.to_deactivate)
        self.assertIn("BEN", empty.to_deactivate)


class PeopleListDisplayTests(PersonasTestCase):
    def test_the_people_list_says_oui_not_true(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("people:index"))
        listing = response.content.decode().split('id="listing-results"')[-1]
        self.assertIn("Oui", listing)
        self.assertNotIn("True", listing)
