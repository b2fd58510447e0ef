"""A course completed on results the H5P player reported counts as reported by
the content, never as scored by the platform (skills.rules)."""

from courses.models import CourseCompetence
from courses.testing.h5p_lessons import H5PLessonTestCase, statement
from skills.actions import load_digcomp
from skills.models import Evidence
from skills.queries import current_levels


class CourseTrustTests(H5PLessonTestCase):
    def test_completion_on_reported_results_is_reported_evidence(self) -> None:
        version = load_digcomp()
        competence = version.competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.course_h5p, competence=competence, level=3
        )
        self.assertEqual(self.post(statement(scaled=1.0)).json()["passed"], True)
        response = self.client.post(f"/learning/lessons/{self.lesson.pk}/complete/")
        self.assertEqual(response.status_code, 302)
        evidence = Evidence.objects.get(person=self.ada)
        self.assertEqual((evidence.source, evidence.trust), ("course", "content"))
        level = next(
            item
            for item in current_levels(self.ada, version)
            if item.competence == competence
        )
        self.assertEqual((level.decision.level, level.decision.reason), (3, "reported"))
        certificate = self.enrolment.certificate
        self.assertEqual(certificate.established, "content")
        verify = self.client.get(certificate.get_absolute_url())
        self.assertContains(verify, "déclarés par des contenus interactifs")
