"""The demo's mentoring: one active pair with sessions, one finished; loading
it again changes nothing."""

from __future__ import annotations

from courses.demo.mentoring import load_demo_mentoring
from courses.mentoring.models import MentoringSession, Pair
from courses.mentoring.tests.base import MentoringTestCase
from lms.testing import make_person
from skills.models import Evidence


class DemoMentoringTests(MentoringTestCase):
    def test_an_active_pair_with_sessions_and_a_finished_one(self) -> None:
        self.assertIsNotNone(load_demo_mentoring())
        active = Pair.objects.get(mentee=self.ada)
        finished = Pair.objects.get(status="finished")
        self.assertEqual((active.status, active.mentor), ("active", self.marc))
        self.assertEqual(finished.mentee, self.dev)
        self.assertEqual(active.sessions.count(), 2)
        self.assertEqual(Evidence.objects.filter(source="mentoring").count(), 2)
        pairs, sessions = Pair.objects.count(), MentoringSession.objects.count()
        self.assertEqual(sessions, 2 * pairs)
        self.assertIsNone(load_demo_mentoring())
        self.assertEqual(Pair.objects.count(), pairs)
        self.assertEqual(MentoringSession.objects.count(), sessions)

    def test_a_town_with_staff_enough_gets_a_second_pair_on_2_1(self) -> None:
        """Five of Saint-Aubin's people in a mentoring, so the HR dashboard's
        mentoring figures can show (k = 5)."""
        for name in ("lou", "noe"):
            make_person(name, self.town, department=self.finance)
        self.assertIsNotNone(load_demo_mentoring())
        second = Pair.objects.get(competence__code="2.1")
        self.assertEqual(second.status, "active")
        self.assertEqual(
            {second.mentor.organisation, second.mentee.organisation}, {self.town}
        )
        self.assertEqual(second.sessions.count(), 2)
        town_people = {
            person
            for pair in Pair.objects.select_related("mentor", "mentee")
            for person in (pair.mentor, pair.mentee)
            if person.organisation == self.town
        }
        self.assertEqual(len(town_people), 5)
