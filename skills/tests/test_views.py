from django.urls import reverse
from django.utils import translation

from skills import actions
from skills.models import Evidence
from skills.testing import SkillsTestCase

QUERIES_PER_STEP = 8


class SelfAssessmentViewTests(SkillsTestCase):
    """One DigComp area per step; area 4 (Safety) holds 4.1 and 4.2."""

    def step(self, n: int) -> str:
        return reverse("skills:self-assessment-step", args=[n])

    def test_a_learner_assesses_one_area_and_goes_on_to_the_next(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            self.step(4), {f"c{self.c41.pk}": "2", f"c{self.c42.pk}": ""}
        )
        self.assertRedirects(response, self.step(5))
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.person, evidence.competence, evidence.level, evidence.source),
            (self.ada, self.c41, 2, "self"),
        )

    def test_the_page_resumes_at_the_area_reached(self) -> None:
        self.client.force_login(self.ada)
        self.assertRedirects(
            self.client.get(reverse("skills:self-assessment")), self.step(1)
        )
        self.client.post(self.step(2), {})
        self.assertRedirects(
            self.client.get(reverse("skills:self-assessment")), self.step(3)
        )

    def test_going_back_saves_the_area_and_shows_the_previous_one(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(self.step(4), {f"c{self.c41.pk}": "3", "back": "1"})
        self.assertRedirects(response, self.step(3))
        self.assertEqual(Evidence.objects.get().level, 3)
        page = self.client.get(self.step(4)).content.decode()
        # The level just given is where the person starts from when back.
        self.assertIn(f'id="id_c{self.c41.pk}-3" checked', page)

    def test_the_last_area_finishes_on_my_skills(self) -> None:
        self.client.force_login(self.ada)
        self.client.post(self.step(4), {})
        response = self.client.post(self.step(5), {})
        self.assertRedirects(
            response, reverse("reporting:my-skills"), fetch_redirect_response=False
        )
        self.assertRedirects(
            self.client.get(reverse("skills:self-assessment")), self.step(1)
        )

    def test_the_progress_names_the_area_and_its_rank(self) -> None:
        self.ada.preferred_language = "en"
        self.ada.save(update_fields=["preferred_language"])
        self.client.force_login(self.ada)
        response = self.client.get(self.step(2))
        self.assertContains(response, "Area 2 of 5")
        self.assertContains(response, 'aria-current="step"')
        self.assertNotContains(response, f'name="c{self.c41.pk}"')

    def test_saving_a_step_again_the_same_day_records_nothing_new(self) -> None:
        self.client.force_login(self.ada)
        self.client.post(self.step(4), {f"c{self.c41.pk}": "2"})
        self.client.post(self.step(4), {f"c{self.c41.pk}": "2"})
        self.assertEqual(Evidence.objects.count(), 1)
        self.client.post(self.step(4), {f"c{self.c41.pk}": "3"})
        self.assertEqual(Evidence.objects.count(), 2)

    def test_a_level_outside_the_scale_changes_nothing(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            self.step(4), {f"c{self.c41.pk}": "7", f"c{self.c42.pk}": "2"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertFalse(Evidence.objects.exists())

    def test_a_competence_of_another_area_is_ignored(self) -> None:
        self.client.force_login(self.ada)
        self.client.post(self.step(1), {f"c{self.c41.pk}": "2"})
        self.assertFalse(Evidence.objects.exists())

    def test_a_step_outside_the_areas_is_not_found(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.step(0)).status_code, 404)
        self.assertEqual(self.client.get(self.step(6)).status_code, 404)

    def test_statements_show_in_french_marked_as_unofficial(self) -> None:
        self.ada.preferred_language = "fr"
        self.ada.save(update_fields=["preferred_language"])
        self.client.force_login(self.ada)
        response = self.client.get(self.step(4))
        self.assertContains(
            response,
            '<span class="meta" lang="fr">Je sais : Reconnaître l’importance de '
            "son rôle personnel dans la protection",
        )
        self.assertContains(
            response, "Traduction française par le projet CivicSkills : non officielle"
        )

    def test_statements_show_in_english_in_the_english_interface(self) -> None:
        self.ada.preferred_language = "en"
        self.ada.save(update_fields=["preferred_language"])
        self.client.force_login(self.ada)
        response = self.client.get(self.step(4))
        self.assertContains(
            response,
            '<span class="meta" lang="en">I can: Acknowledge the importance of '
            "one&#x27;s individual role",
        )

    def test_a_step_reads_a_fixed_number_of_queries(self) -> None:
        self.client.force_login(self.ada)
        self.client.get(self.step(4))
        # User, version, areas, the area's competences, the person's evidence
        # for them, expectations, the scale, statements: the same for any area.
        with self.assertNumQueries(QUERIES_PER_STEP):
            self.client.get(self.step(4))
        with self.assertNumQueries(QUERIES_PER_STEP):
            self.client.get(self.step(2))

    def test_elected_officials_and_anonymous_visitors_cannot(self) -> None:
        self.client.force_login(self.eli)
        for url in (reverse("skills:self-assessment"), self.step(1)):
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, {}).status_code, 404)
        self.assertFalse(Evidence.objects.exists())
        self.client.logout()
        for url in (reverse("skills:self-assessment"), self.step(1)):
            self.assertEqual(self.client.get(url).status_code, 302)


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

    def test_the_heading_names_the_person_without_a_wrong_elision(self) -> None:
        """French elides "de" before a vowel ("d’Ada", never "de Ada"): the
        heading puts the name after a colon, whatever its first letter."""
        self.client.force_login(self.ben)
        with translation.override("fr"):
            response = self.client.get(self.url(self.ada), HTTP_ACCEPT_LANGUAGE="fr")
        name = self.ada.get_full_name() or str(self.ada)
        self.assertContains(response, f"<h1>Compétences : {name}</h1>", html=True)
        self.assertNotContains(response, f"de {name}")

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

    def test_the_page_shows_the_evidence_and_defaults_to_no_change(self) -> None:
        actions.record_evidence(
            self.sam, competence=self.c41, level=2, source="self", recorded_by=self.sam
        )
        self.client.force_login(self.ben)
        response = self.client.get(self.url(self.sam))
        self.assertContains(response, "Auto-évaluation")  # the source of level 2
        select = response.content.decode().split(f'id="level-{self.c41.pk}"')[1]
        select = select.split("</select>")[0]
        self.assertEqual(select.count(" selected"), 1)
        self.assertIn('<option value="" selected>Pas de changement</option>', select)

    def test_no_change_records_nothing_and_says_so(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.post(
            self.url(self.sam), {"competence": self.c41.pk, "level": ""}, follow=True
        )
        self.assertContains(response, "Rien n’a été enregistré")
        self.assertFalse(Evidence.objects.exists())

    def test_the_manager_is_told_what_was_recorded(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.post(
            self.url(self.sam), {"competence": self.c41.pk, "level": 3}, follow=True
        )
        message = [str(m) for m in response.context["messages"]][0]
        self.assertIn("niveau 3", message)
        self.assertIn(str(self.sam), message)

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
        # The figures come from URLs of their own (test_views_my_skills_parts).
        for name in ("radar", "history"):
            part = reverse("reporting:my-skills-part", args=[name])
            self.assertContains(response, f'data-part="{part}?v=')
            self.assertContains(response, f'data-chart="{name}-data"')
        self.assertContains(response, "4.1")
        self.assertIn(
            "'unsafe-inline'",
            response["Content-Security-Policy"].split("style-src")[1].split(";")[0],
        )
        self.assertNotIn(
            "unsafe",
            response["Content-Security-Policy"].split("script-src")[1].split(";")[0],
        )

    def test_a_gap_no_course_closes_is_said_so_not_denied(self) -> None:
        actions.set_expectation(self.developer_role, self.c41, level=3)
        self.client.force_login(self.ada)
        response = self.client.get(reverse("reporting:my-skills"))
        self.assertContains(response, "Il vous reste 1 écart à combler")
        self.assertNotContains(response, "Aucun écart à combler")

    def test_my_skills_query_count_is_pinned(self) -> None:
        """Eight queries, whatever the evidence: user, framework, competences,
        evidence, expectations, snapshots (the history's version), recommended
        courses, practice sheets for the gaps (courses.community). The figures
        come from URLs of their own (test_views_my_skills_parts)."""
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
