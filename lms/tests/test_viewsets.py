"""The organisation chart and people back office (``lms.viewsets``): HR sees
and edits only its own town."""

from django.urls import reverse
from django.utils import translation

from lms.models import Department
from lms.testing import PersonasTestCase


class OrganisationChartAdminTests(PersonasTestCase):
    def test_hr_lists_only_their_own_departments(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("departments:index"))
        self.assertContains(response, "Engineering")
        self.assertNotContains(response, "Ressources humaines")

    def test_hr_cannot_edit_another_towns_department_by_url(self) -> None:
        self.client.force_login(self.hugo)
        url = reverse("departments:edit", args=[self.engineering.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.post(
            url, {"name": "Hacked", "code": "ENG", "kind": "service"}
        )
        self.assertEqual(response.status_code, 404)
        self.engineering.refresh_from_db()
        self.assertEqual(self.engineering.name, "Engineering")

    def test_hr_adds_a_unit_below_a_service(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(
            reverse("departments:add"),
            {
                "organisation": self.town.pk,
                "parent": self.finance.pk,
                "code": "FIN-PAY",
                "name": "Payroll",
                "kind": "unit",
            },
        )
        unit = Department.objects.get(code="FIN-PAY")
        self.assertEqual(unit.get_parent(), self.finance)

    def test_hr_cannot_hang_a_department_under_another_town(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(
            reverse("departments:add"),
            {
                "organisation": self.town.pk,
                "parent": self.other_hr_department.pk,
                "code": "X",
                "name": "Intruder",
                "kind": "unit",
            },
        )
        self.assertFalse(Department.objects.filter(code="X").exists())

    def test_hr_moves_a_department(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(
            reverse("departments:edit", args=[self.support.pk]),
            {
                "organisation": self.town.pk,
                "parent": self.finance.pk,
                "code": "ENG-SUP",
                "name": "Support",
                "kind": "unit",
            },
        )
        self.support.refresh_from_db()
        self.assertEqual(self.support.get_parent(), self.finance)

    def test_a_learner_cannot_open_the_chart(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(reverse("departments:index"))
        self.assertNotEqual(response.status_code, 200)

    def test_hr_lists_only_their_own_people(self) -> None:
        self.client.force_login(self.hugo)
        with translation.override("en"):
            response = self.client.get(reverse("people:index"))
        self.assertContains(response, "Marc")
        self.assertNotContains(response, "Ada Test")
