"""The demo's mentoring: one active pair with sessions, one finished; loading
it again changes nothing."""

from __future__ import annotations

from courses.demo.mentoring import load_demo_mentoring
from courses.mentoring.models import MentoringSession, Pair
from courses.mentoring.tests.base import MentoringTestCase
from skills.models import Evidence


class DemoMentoringTests(MentoringTestCase):
    def test_an_active_pair_with_sessions_and_a_finished_one(self) -> None:
        self.assertIsNotNone(load_demo_mentoring())
        active = Pair.objects.get(status="active")
        finished = Pair.objects.get(status="finished")
        self.assertEqual((active.mentee, active.mentor), (self.ada, self.marc))
        self.assertEqual(finished.mentee, self.dev)
        self.assertEqual(active.sessions.count(), 2)
        self.assertEqual(Evidence.objects.filter(source="mentoring").count(), 2)
        self.assertIsNone(load_demo_mentoring())
        self.assertEqual(Pair.objects.count(), 2)
        self.assertEqual(MentoringSession.objects.count(), 4)
