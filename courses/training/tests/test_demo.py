"""The demo's workshop shows the new parts: levels observed by the trainer and
enough satisfaction answers for the results to show; loading twice changes
nothing."""

from __future__ import annotations

from courses.demo.training import COURSE, load_demo_training
from courses.models import CourseCompetence
from courses.training.models import SatisfactionAnswer
from courses.training.queries import satisfaction_results
from courses.training.tests.base import TrainingTestCase
from lms.testing import make_person
from skills.actions import load_digcomp
from skills.models import Evidence


class DemoTrainingTests(TrainingTestCase):
    def test_the_past_session_has_observed_levels_and_answers(self) -> None:
        competence = load_digcomp().competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.workshop, competence=competence, level=2
        )
        for number in range(14):
            make_person(f"agent{number}", self.town, department=self.engineering)
        training = load_demo_training({COURSE: self.workshop})
        assert training is not None
        observed = Evidence.objects.filter(source="training", trust="trainer")
        self.assertEqual(sorted(observed.values_list("level", flat=True)), [2, 3, 4])
        past = training.sessions.order_by("pk").first()
        results = satisfaction_results(past)
        self.assertEqual((results.answers, results.shown), (6, True))
        load_demo_training({COURSE: self.workshop})
        self.assertEqual(observed.count(), 3)
        self.assertEqual(SatisfactionAnswer.objects.count(), 6)
