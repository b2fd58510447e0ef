from django.urls import reverse

from skills import actions
from skills.models import Evidence
from skills.testing import SkillsTestCase


class SelfAssessmentViewTests(SkillsTestCase):
    def test_a_learner_assesses_themselves(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("skills:self-assessment"),
            {f"c{self.c41.pk}": "2", f"c{self.c42.pk}": ""},
        )
        self.assertEqual(response.status_code, 302)
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.person, evidence.level, evidence.source), (self.ada, 2, "self")
        )

    def test_a_level_outside_the_scale_changes_nothing(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("skills:self-assessment"), {f"c{self.c41.pk}": "7"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Evidence.objects.exists())

    def test_elected_officials_and_anonymous_visitors_cannot(self) -> None:
        self.client.force_login(self.eli)
        self.assertEqual(
            self.client.get(reverse("skills:self-assessment")).status_code, 404
        )
        self.client.logout()
        self.assertEqual(
            self.client.get(reverse("skills:self-assessment")).status_code, 302
        )


class ValidationViewTests(SkillsTestCase):
    def url(self, person) -> str:
        return reverse("skills:validate", args=[person.pk])

    def test_a_manager_validates_a_report(self) -> None:
        self.client.force_login(self.ben)
        self.client.post(self.url(self.sam), {"competence": self.c41.pk, "level": 3})
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.person, evidence.source, evidence.recorded_by),
            (self.sam, "manager", self.ben),
        )

    def test_a_manager_cannot_validate_someone_outside_their_team(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.post(
            self.url(self.dev), {"competence": self.c41.pk, "level": 3}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Evidence.objects.exists())

    def test_a_learner_cannot_validate_themselves_by_url(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            self.url(self.ada), {"competence": self.c41.pk, "level": 4}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Evidence.objects.exists())

    def test_hr_of_another_town_and_officials_get_404(self) -> None:
        for person in (self.hugo, self.eli):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url(self.ada)).status_code, 404)


class MySkillsViewTests(SkillsTestCase):
    def test_my_skills_shows_levels_charts_and_evidence(self) -> None:
        actions.set_expectation(self.developer_role, self.c41, level=3)
        actions.record_evidence(
            self.ada, competence=self.c41, level=2, source="self", recorded_by=self.ada
        )
        self.client.force_login(self.ada)
        response = self.client.get(reverse("reporting:my-skills"))
        self.assertContains(response, 'id="radar-data"')
        self.assertContains(response, 'id="history-data"')
        self.assertContains(response, "4.1")
        self.assertIn(
            "'unsafe-inline'",
            response["Content-Security-Policy"].split("style-src")[1].split(";")[0],
        )
        self.assertNotIn(
            "unsafe",
            response["Content-Security-Policy"].split("script-src")[1].split(";")[0],
        )

    def test_my_skills_query_count_is_pinned(self) -> None:
        """Eight queries, whatever the evidence: user, framework, competences,
        evidence, expectations, scale, snapshots, recommended courses."""
        actions.set_expectation(self.developer_role, self.c41, level=4)
        self.client.force_login(self.ada)
        self.client.get(reverse("reporting:my-skills"))
        for code in ("4.1", "4.2"):
            competence = self.c41 if code == "4.1" else self.c42
            actions.record_evidence(
                self.ada,
                competence=competence,
                level=2,
                source="self",
                recorded_by=self.ada,
            )
        with self.assertNumQueries(8):
            self.client.get(reverse("reporting:my-skills"))


class ExpectationAdminTests(SkillsTestCase):
    def test_hr_sets_an_expected_level_for_a_role_of_their_town(self) -> None:
        from skills.models import RoleExpectation

        self.client.force_login(self.cleo)
        self.client.post(
            reverse("expectations:add"),
            {"job_role": self.developer_role.pk, "competence": self.c41.pk, "level": 3},
        )
        self.assertEqual(RoleExpectation.objects.get().level, 3)

    def test_hr_of_another_town_cannot_touch_this_towns_roles(self) -> None:
        from skills.models import RoleExpectation

        expectation = actions.set_expectation(self.developer_role, self.c41, level=2)
        self.client.force_login(self.hugo)
        self.client.post(
            reverse("expectations:add"),
            {"job_role": self.developer_role.pk, "competence": self.c42.pk, "level": 3},
        )
        response = self.client.get(reverse("expectations:edit", args=[expectation.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(RoleExpectation.objects.count(), 1)

    def test_a_learner_cannot_open_expectations(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(
            self.client.get(reverse("expectations:index")).status_code, 302
        )


class TeamGapsViewTests(SkillsTestCase):
    def test_a_manager_sees_the_teams_gaps(self) -> None:
        actions.set_expectation(self.developer_role, self.c41, level=3)
        actions.record_evidence(
            self.ada, competence=self.c41, level=1, source="self", recorded_by=self.ada
        )
        self.client.force_login(self.ben)
        response = self.client.get(reverse("reporting:team-skills"))
        self.assertEqual(
            [(r["competence"].code, r["gap"]) for r in response.context["rows"]],
            [("4.1", 2)],
        )

    def test_someone_without_a_team_gets_404(self) -> None:
        for person in (self.dev, self.eli, self.hugo):
            self.client.force_login(person)
            self.assertEqual(
                self.client.get(reverse("reporting:team-skills")).status_code, 404
            )


class FrameworkImportViewTests(SkillsTestCase):
    URL = "/admin/frameworks/"
    GOOD = (
        "kind,code,parent,number,name_en,name_fr\n"
        "level,l1,,1,One,Un\nlevel,l2,,2,Two,Deux\n"
        "area,A,,,Roads,Voirie\ncompetence,A1,A,,Signage,Signalisation\n"
    )

    def post(self, content: str, slug: str = "roads"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.client.post(
            self.URL,
            {
                "name": "Roads",
                "slug": slug,
                "version": "1",
                "file": SimpleUploadedFile("f.csv", content.encode()),
            },
        )

    def test_hr_imports_a_framework_for_their_town(self) -> None:
        from skills.models import Framework

        self.client.force_login(self.cleo)
        self.post(self.GOOD)
        framework = Framework.objects.get(slug="roads")
        self.assertEqual(framework.organisation, self.town)

    def test_a_file_with_a_cycle_shows_why_and_imports_nothing(self) -> None:
        from skills.models import Framework

        self.client.force_login(self.cleo)
        bad = self.GOOD + "area,B,C,,B,B\narea,C,B,,C,C\n"
        response = self.post(bad)
        self.assertContains(response, "cycle")
        self.assertFalse(Framework.objects.filter(slug="roads").exists())

    def test_hr_cannot_overwrite_digcomp_or_another_towns_framework(self) -> None:
        self.client.force_login(self.cleo)
        self.post(self.GOOD, slug="digcomp")
        self.assertEqual(self.version.framework.organisation, None)
        self.assertEqual(self.version.framework.name, "DigComp")

    def test_learners_cannot_import(self) -> None:
        self.client.force_login(self.ada)
        self.assertNotEqual(self.client.get(self.URL).status_code, 200)
