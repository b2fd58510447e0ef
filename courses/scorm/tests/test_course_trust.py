"""A course completed on what a SCORM package reported counts as reported by
the content: it never outranks a manager's validation (skills.rules)."""

from courses.demo.scorm_packages import scorm_zip
from courses.models import CourseCompetence
from courses.testing.scorm_lessons import ScormLessonTestCase
from skills.actions import load_digcomp, record_evidence
from skills.models import Evidence
from skills.queries import current_levels


class ScormCourseTrustTests(ScormLessonTestCase):
    def package(self):
        return scorm_zip()

    def test_a_forged_pass_completes_but_moves_no_validated_level(self) -> None:
        version = load_digcomp()
        competence = version.competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.course_scorm, competence=competence, level=4
        )
        record_evidence(
            self.ada,
            competence=competence,
            level=2,
            source=Evidence.Source.MANAGER,
            recorded_by=self.ben,
        )
        # What a script could post: a pass, with no content behind it.
        self.commit(self.launch(), {"core": {"lesson_status": "passed"}})
        response = self.client.post(f"/learning/lessons/{self.lesson.pk}/complete/")
        self.assertEqual(response.status_code, 302)
        course = Evidence.objects.get(source="course")
        self.assertEqual(course.trust, "content")
        self.assertEqual(self.enrolment.certificate.established, "content")
        level = next(
            item
            for item in current_levels(self.ada, version)
            if item.competence == competence
        )
        self.assertEqual(
            (level.decision.level, level.decision.reason), (2, "validated")
        )
