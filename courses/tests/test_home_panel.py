"""The back office's home: the town's name, and HR's "what needs attention"."""

import datetime as dt

from django.urls import reverse

from courses import actions
from courses.models import Assignment
from courses.testing import CatalogueTestCase
from lms.models import ImportJob
from skills.actions import load_digcomp, record_evidence


class AttentionPanelTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        assignment = actions.create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.FIXED,
            due_date=dt.date(2020, 1, 31),
            departments=[self.engineering],
        )
        self.report_url = assignment.get_report_url()
        ImportJob.objects.create(
            organisation=self.town,
            uploaded_by=self.cleo,
            filename="agents.csv",
            content=b"",
            status=ImportJob.Status.INVALID,
        )
        competence = load_digcomp().competences.get(code="4.1")
        record_evidence(
            self.sam,
            competence=competence,
            level=2,
            source="self",
            recorded_by=self.sam,
        )

    def test_hr_sees_imports_late_training_and_waiting_self_assessments(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Saint-Aubin · CivicSkills")
        self.assertContains(response, "Ce qui demande votre attention")
        self.assertContains(response, "agents.csv")
        self.assertContains(response, self.report_url)
        self.assertContains(response, "3 personnes en retard")
        self.assertContains(
            response,
            "1 personne s’est auto-évaluée ces 90 derniers jours et attend la "
            "validation d’un responsable",
        )

    def test_hr_of_another_town_sees_none_of_it(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Ce qui demande votre attention")
        self.assertNotContains(response, "agents.csv")
        self.assertNotContains(response, self.report_url)
        self.assertContains(response, "Rien ne demande votre attention")

    def test_an_author_gets_no_panel(self) -> None:
        self.client.force_login(self.aurore)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Ce qui demande votre attention")
