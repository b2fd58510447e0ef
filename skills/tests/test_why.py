"""My skills → why: each level says how it was established, in the person's words."""

from django.urls import reverse

from skills import actions
from skills.testing import SkillsTestCase


class WhyTests(SkillsTestCase):
    def test_each_level_names_the_trust_of_its_evidence(self) -> None:
        actions.record_evidence(
            self.ada, competence=self.c41, level=4, source="h5p", note="Quiz H5P"
        )
        actions.record_evidence(
            self.ada, competence=self.c42, level=2, source="peer", note="Réponse"
        )
        self.client.force_login(self.ada)
        response = self.client.get(reverse("reporting:my-skills"))
        self.assertContains(response, "Déclaré par le contenu")
        self.assertContains(response, "Reconnu par les pairs")
        self.assertContains(response, "Quiz H5P")

    def test_a_validation_outranks_what_the_content_reported(self) -> None:
        actions.record_evidence(self.ada, competence=self.c41, level=4, source="h5p")
        actions.record_evidence(
            self.ada,
            competence=self.c41,
            level=2,
            source="manager",
            recorded_by=self.ben,
        )
        self.client.force_login(self.ada)
        response = self.client.get(reverse("reporting:my-skills"))
        self.assertContains(response, "Validé par un responsable")
        self.assertNotContains(response, "Déclaré par le contenu</summary>")
