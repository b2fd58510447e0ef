import datetime as dt

from django.urls import reverse
from django.utils import timezone

from lms.testing import make_person
from reporting.actions import rebuild_skills_summary
from reporting.tests.dashboard_parts import dashboard_seen
from skills import actions
from skills.testing import SkillsTestCase


class DashboardTestCase(SkillsTestCase):
    """Engineering has 6 assessed people (Ben's team of Ada, Sam + 4 more);
    Finance has one (Dev): its figures must always be blanked."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.set_expectation(cls.developer_role, cls.c41, level=2)
        extra = [
            make_person(
                f"eng{i}",
                cls.town,
                department=cls.engineering,
                job_role=cls.developer_role,
                manager=cls.ben,
            )
            for i in range(4)
        ]
        cls.engineers = [cls.ada, cls.sam, *extra]
        when = timezone.now() - dt.timedelta(days=65)
        for index, person in enumerate(cls.engineers):
            actions.record_evidence(
                person,
                competence=cls.c41,
                level=1 + index % 3,
                source="course",
                observed_at=when,
            )
        actions.record_evidence(
            cls.dev, competence=cls.c41, level=4, source="course", observed_at=when
        )
        rebuild_skills_summary()


class HRDashboardTests(DashboardTestCase):
    URL = reverse("reporting:hr-dashboard")

    def test_hr_sees_their_towns_dashboard_with_small_groups_blanked(self) -> None:
        self.client.force_login(self.cleo)
        seen = dashboard_seen(self.client, self.URL)
        rows = {row[1]: row for row in seen["tables"]["growth"]["rows"]}
        self.assertIn("Resources", rows)
        self.assertContains(seen["response"], "moins de 5 personnes")

    def test_a_filter_that_would_isolate_one_person_is_suppressed(self) -> None:
        """Finance is Dev alone: no figure, on the page or in its download."""
        self.client.force_login(self.cleo)
        seen = dashboard_seen(self.client, self.URL, {"department": self.finance.pk})
        self.assertEqual(seen["tables"]["growth"]["rows"], [])
        self.assertContains(seen["response"], 'id="too-few"')
        body = self.client.get(
            self.URL, {"department": self.finance.pk, "export": "growth"}
        ).content.decode("utf-8-sig")
        self.assertEqual(
            body.splitlines(),
            [
                "Mois;Service;Personnes;Au niveau attendu ou au-dessus (%);"
                "Niveau moyen;En partie masqué (moins de 5 personnes)"
            ],
        )

    def test_hr_of_another_town_cannot_see_this_town(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(self.URL, {"organisation": self.town.pk})
        self.assertEqual(response.status_code, 403)
        response = self.client.get(self.URL, {"department": self.engineering.pk})
        self.assertEqual(response.context["scope"].organisation, self.other_town)
        self.assertIsNone(response.context["scope"].department)

    def test_learners_managers_and_officials_cannot_open_the_hr_dashboard(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.URL).status_code, 403, person)

    def test_out_of_range_parameters_fall_back_to_the_defaults(self) -> None:
        self.client.force_login(self.cleo)
        for params in (
            {"months": "999"},
            {"months": "-3"},
            {"department": "abc"},
            {"organisation": "x"},
        ):
            with self.subTest(params=params):
                response = self.client.get(self.URL, params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["scope"].organisation, self.town)

    def test_exports_are_csv_and_xlsx(self) -> None:
        self.client.force_login(self.cleo)
        csv = self.client.get(self.URL, {"export": "gaps", "format": "csv"})
        self.assertEqual(csv["Content-Type"], "text/csv; charset=utf-8")
        xlsx = self.client.get(self.URL, {"export": "gaps", "format": "xlsx"})
        self.assertTrue(xlsx.content.startswith(b"PK"))

    def test_the_query_count_does_not_grow_with_people(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(self.URL)
        # 13: the session's user, level names and competences (with their
        # areas: the filter), two for the organisation, the last refresh, then
        # peer learning: four reads of communities (posts, questions, accepted
        # answers, people) and the town's mentorings; the filter's departments
        # and job roles. Each chart's figures are read by its part
        # (test_views_dashboard_parts).
        with self.assertNumQueries(13):
            self.client.get(self.URL)


class CouncilAndTeamTests(DashboardTestCase):
    def test_an_official_sees_organisation_wide_figures_only(self) -> None:
        self.client.force_login(self.eli)
        seen = dashboard_seen(self.client, reverse("reporting:council-dashboard"))
        groups = {row[1] for row in seen["tables"]["growth"]["rows"]}
        self.assertEqual(groups, {"Saint-Aubin"})

    def test_an_official_cannot_ask_for_one_department_or_person(self) -> None:
        self.client.force_login(self.eli)
        response = self.client.get(
            reverse("reporting:council-dashboard"), {"department": self.finance.pk}
        )
        self.assertIsNone(response.context["scope"].department)
        self.assertEqual(
            self.client.get(
                reverse("lms:person-detail", args=[self.ada.pk])
            ).status_code,
            404,
        )

    def test_a_manager_sees_their_team(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.get(reverse("reporting:team-dashboard"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            set(response.context["scope"].team), {p.pk for p in self.engineers}
        )

    def test_a_learner_has_no_team_dashboard(self) -> None:
        self.client.force_login(self.dev)
        self.assertEqual(
            self.client.get(reverse("reporting:team-dashboard")).status_code, 403
        )


class NetworkTests(DashboardTestCase):
    def test_a_platform_admin_compares_towns(self) -> None:
        self.town.shares_indicators = True
        self.town.save()
        self.client.force_login(self.root)
        response = self.client.get(reverse("reporting:network"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["table"]["rows"][0][0], "Saint-Aubin")

    def test_hr_of_a_town_that_does_not_share_cannot(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(reverse("reporting:network")).status_code, 403)
