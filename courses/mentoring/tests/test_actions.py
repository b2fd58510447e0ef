"""The writes of ``courses.mentoring.actions`` other than the round (which
``test_round.py`` covers): the profile and opt-ins, and what the members of a
pair may do, each with who may not."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.mentoring import actions
from courses.mentoring.models import MentoringProfile, MentoringSession, OptIn, Pair
from courses.mentoring.tests.base import MentoringTestCase, give_level, join
from lms.models import User
from skills.models import Evidence


class ProfileAndOptInTests(MentoringTestCase):
    def test_saving_the_profile_twice_keeps_one_profile(self) -> None:
        actions.save_profile(self.ada, languages=["fr"], availability=" Tuesdays ")
        actions.save_profile(self.ada, languages=["fr", "en"], capacity=2)
        profile = MentoringProfile.objects.get(person=self.ada)
        self.assertEqual((profile.languages, profile.capacity), (["fr", "en"], 2))

    def test_elected_officials_have_no_profile(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.save_profile(self.eli, languages=["fr"])
        self.assertFalse(MentoringProfile.objects.exists())

    def test_a_mentor_opt_in_keeps_no_target_level(self) -> None:
        row = join(self.dev, self.c41, "mentor", target=3)
        self.assertEqual((row.role, row.target_level), ("mentor", None))

    def test_the_same_opt_in_twice_is_refused(self) -> None:
        join(self.ada, self.c41, "mentee", target=2)
        with self.assertRaises(ValidationError):
            actions.opt_in(self.ada, competence=self.c41, role="mentee", target_level=2)
        self.assertEqual(OptIn.objects.filter(person=self.ada).count(), 1)

    def test_only_the_person_withdraws_their_opt_in(self) -> None:
        row = join(self.ada, self.c41, "mentee", target=2)
        with self.assertRaises(PermissionDenied):
            actions.withdraw(row, by=self.ben)
        row.refresh_from_db()
        self.assertIsNone(row.closed_at)
        actions.withdraw(row, by=self.ada)
        row.refresh_from_db()
        self.assertIsNotNone(row.closed_at)


class PairActionTests(MentoringTestCase):
    """Dev mentors Ada on 4.1 (Dev holds level 4); Ben is Ada's manager."""

    def setUp(self) -> None:
        super().setUp()
        give_level(self.dev, self.c41, 4)
        join(self.dev, self.c41, "mentor")
        join(self.ada, self.c41, "mentee", target=2)
        actions.run_round(self.network, by=self.cleo)
        self.pair = Pair.objects.get()

    def log(self, by: User) -> MentoringSession:
        return actions.log_session(
            self.pair,
            by=by,
            date=timezone.localdate(),
            minutes=45,
            topic=" Passwords ",
        )

    def test_either_member_sets_the_goal_and_nobody_else(self) -> None:
        actions.set_goal(self.pair, by=self.ada, goal=" Use a password manager ")
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.goal, "Use a password manager")
        for outsider in (self.ben, self.cleo, self.marc):
            with self.assertRaises(PermissionDenied):
                actions.set_goal(self.pair, by=outsider, goal="Other")
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.goal, "Use a password manager")

    def test_a_session_before_the_mentoring_started_is_refused(self) -> None:
        before = timezone.localtime(self.pair.started_at).date() - dt.timedelta(days=1)
        with self.assertRaises(ValidationError):
            actions.log_session(
                self.pair, by=self.dev, date=before, minutes=30, topic="Too early"
            )
        self.assertFalse(MentoringSession.objects.exists())

    def test_only_the_mentor_finishes_and_only_after_a_session(self) -> None:
        with self.assertRaises(ValidationError):
            actions.finish(self.pair, by=self.dev, level_reached=2)
        self.log(self.ada)
        with self.assertRaises(PermissionDenied):
            actions.finish(self.pair, by=self.ada, level_reached=2)
        self.assertFalse(Evidence.objects.filter(source="mentoring").exists())

    def test_finishing_records_peer_evidence_for_both_and_closes_the_request(
        self,
    ) -> None:
        self.log(self.dev)
        actions.finish(self.pair, by=self.dev, level_reached=2)
        self.assertEqual(
            sorted(
                Evidence.objects.filter(source="mentoring").values_list(
                    "person_id", "level", "trust"
                )
            ),
            sorted([(self.ada.pk, 2, "peer"), (self.dev.pk, 4, "peer")]),
        )
        self.assertIsNotNone(OptIn.objects.get(person=self.ada).closed_at)

    def test_the_level_reached_stays_within_the_mentors_own(self) -> None:
        self.log(self.dev)
        with self.assertRaises(ValidationError):
            actions.finish(self.pair, by=self.dev, level_reached=5)
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.status, Pair.Status.ACTIVE)

    def test_a_mentoring_ended_early_takes_no_more_sessions(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.end(self.pair, by=self.ben)
        actions.end(self.pair, by=self.ada)
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.status, Pair.Status.ENDED)
        self.assertFalse(Evidence.objects.filter(source="mentoring").exists())
        with self.assertRaises(ValidationError):
            self.log(self.dev)
