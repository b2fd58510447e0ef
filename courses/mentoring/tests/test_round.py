"""A matching round on a seeded network of 200 people: every pair keeps the
rules, the unmatched are listed with the right reason, the round is
deterministic, and nobody outside the network or the opt-ins is touched."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from courses.mentoring import actions
from courses.mentoring.matching import Person, prefers, shared_language
from courses.mentoring.models import MentoringProfile, OptIn, Pair, Round, Unmatched
from courses.mentoring.synthetic import seed_network
from courses.mentoring.tests.base import MentoringTestCase, give_level, join
from lms.models import Network
from skills.models import Evidence
from skills.rules import Fact, current_level


def verified_level(person_id: int, competence_id: int) -> int:
    """Recomputed from the ledger, apart from the code under test."""
    facts = [
        Fact(e.level, e.source, e.observed_at, e.expires_at, e.pk, e.trust)
        for e in Evidence.objects.filter(
            person_id=person_id, competence_id=competence_id
        )
    ]
    decision = current_level(facts, timezone.now())
    return decision.level if decision.reason in ("validated", "assessed") else 0


def as_person(profile: MentoringProfile) -> Person:
    return Person(
        profile.person_id,
        profile.person.organisation_id,
        tuple(profile.languages),
        profile.town_preference,
    )


class SeededRoundTests(MentoringTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.seeded = seed_network(slug="seeded", people=200, towns=4)
        cls.elsewhere = seed_network(slug="elsewhere", people=40, towns=2)
        cls.root.refresh_from_db()

    def run_round(self) -> Round:
        return actions.run_round(self.seeded, by=self.root)

    def test_every_pair_respects_the_rules(self) -> None:
        round_ = self.run_round()
        pairs = list(round_.pair_set.select_related("request", "mentor", "mentee"))
        self.assertGreater(len(pairs), 20)
        profiles = {
            p.person_id: p for p in MentoringProfile.objects.select_related("person")
        }
        mentor_opt_ins = set(
            OptIn.objects.open()
            .filter(role="mentor")
            .values_list("person_id", "competence_id")
        )
        for pair in pairs:
            mentee, mentor = (
                as_person(profiles[pair.mentee_id]),
                as_person(profiles[pair.mentor_id]),
            )
            self.assertEqual(pair.request.person_id, pair.mentee_id)
            self.assertEqual(pair.request.role, "mentee")
            self.assertEqual(pair.request.competence_id, pair.competence_id)
            self.assertIn((pair.mentor_id, pair.competence_id), mentor_opt_ins)
            level = verified_level(pair.mentor_id, pair.competence_id)
            self.assertEqual(level, pair.mentor_level)
            self.assertGreaterEqual(level, pair.request.target_level + 1)
            self.assertEqual(pair.language, shared_language(mentee, mentor))
            self.assertIsNotNone(pair.language)
            self.assertTrue(prefers(mentee, mentor) and prefers(mentor, mentee))
            self.assertEqual(pair.mentor.organisation.network_id, self.seeded.pk)
            self.assertEqual(pair.mentee.organisation.network_id, self.seeded.pk)
        load = Counter(pair.mentor_id for pair in pairs)
        for mentor, count in load.items():
            self.assertLessEqual(count, profiles[mentor].capacity)
        self.assertEqual(len({p.mentee_id for p in pairs}), len(pairs))

    def test_everyone_waiting_is_paired_or_listed_with_a_reason(self) -> None:
        round_ = self.run_round()
        mentees = set(
            OptIn.objects.filter(
                role="mentee", person__organisation__network=self.seeded
            ).values_list("person_id", flat=True)
        )
        paired = set(round_.pair_set.values_list("mentee_id", flat=True))
        left = dict(
            round_.unmatched.filter(role="mentee").values_list("person_id", "reason")
        )
        self.assertEqual(paired | set(left), mentees)
        self.assertFalse(paired & set(left))
        self.assertEqual(round_.mentees, len(mentees))
        reasons = Counter(left.values())
        self.assertTrue({"level", "capacity"} <= set(reasons), reasons)

    def test_the_reasons_hold(self) -> None:
        """Checked against the rows: "level" means no opted-in mentor of the
        network is verified one level above any target of the mentee, and
        "language" that those who are share no language with them."""
        round_ = self.run_round()
        profiles = {
            p.person_id: p for p in MentoringProfile.objects.select_related("person")
        }
        offers = [
            (
                row.person_id,
                row.competence_id,
                verified_level(row.person_id, row.competence_id),
            )
            for row in OptIn.objects.filter(
                role="mentor", person__organisation__network=self.seeded
            )
        ]
        for left in round_.unmatched.filter(
            role="mentee", reason__in=["level", "language"]
        ):
            wanted = OptIn.objects.filter(person=left.person, role="mentee")
            able = [
                m
                for m, c, level in offers
                for request in wanted
                if c == request.competence_id
                and level >= request.target_level + 1
                and m != left.person_id
            ]
            if left.reason == "level":
                self.assertEqual(able, [])
            else:
                mentee = as_person(profiles[left.person_id])
                self.assertTrue(able)
                self.assertFalse(
                    any(shared_language(mentee, as_person(profiles[m])) for m in able)
                )
        for left in round_.unmatched.filter(role="mentor", reason="verified"):
            for row in OptIn.objects.filter(person=left.person, role="mentor"):
                self.assertLess(verified_level(left.person_id, row.competence_id), 2)

    def test_the_round_is_deterministic(self) -> None:
        results = []
        for _ in range(2):
            with transaction.atomic():
                round_ = self.run_round()
                results.append(
                    (
                        list(
                            round_.pair_set.order_by("mentee_id").values_list(
                                "mentee_id", "mentor_id", "competence_id"
                            )
                        ),
                        list(
                            round_.unmatched.order_by("person_id", "role").values_list(
                                "person_id", "role", "reason"
                            )
                        ),
                    )
                )
                transaction.set_rollback(True)
        self.assertEqual(results[0], results[1])
        self.assertTrue(results[0][0])

    def test_a_second_round_gives_nobody_twice_and_keeps_capacity(self) -> None:
        first = self.run_round()
        second = self.run_round()
        active = Pair.objects.filter(status="active")
        self.assertEqual(active.values("request").distinct().count(), active.count())
        capacity = dict(MentoringProfile.objects.values_list("person_id", "capacity"))
        for mentor, count in Counter(
            active.values_list("mentor_id", flat=True)
        ).items():
            self.assertLessEqual(count, capacity[mentor])
        # Only the other requests of mentees paired on one competence in the
        # first round (one new mentoring per mentee per round) are left to pair.
        first_mentees = set(first.pair_set.values_list("mentee_id", flat=True))
        self.assertTrue(
            set(second.pair_set.values_list("mentee_id", flat=True)) <= first_mentees
        )

    def test_another_networks_people_are_never_matched_nor_listed(self) -> None:
        round_ = self.run_round()
        outside = set(
            Network.objects.get(pk=self.elsewhere.pk).organisations.values_list(
                "people__id", flat=True
            )
        )
        touched = (
            set(round_.pair_set.values_list("mentor_id", flat=True))
            | set(round_.pair_set.values_list("mentee_id", flat=True))
            | set(round_.unmatched.values_list("person_id", flat=True))
        )
        self.assertTrue(touched)
        self.assertFalse(touched & outside)


class OptInRespectedTests(MentoringTestCase):
    def test_nobody_is_matched_without_opting_in(self) -> None:
        """Marc (Montval) holds level 4 but did not opt in: Ada stays unmatched;
        once he opts in, she is paired with him."""
        give_level(self.marc, self.c41, 4)
        join(self.ada, self.c41, "mentee", target=2)
        actions.save_profile(self.marc, languages=["fr"])
        first = actions.run_round(self.network, by=self.cleo)
        self.assertEqual(first.pairs, 0)
        self.assertEqual(
            list(first.unmatched.values_list("person_id", "reason")),
            [(self.ada.pk, "level")],
        )
        actions.opt_in(self.marc, competence=self.c41, role="mentor")
        second = actions.run_round(self.network, by=self.cleo)
        pair = second.pair_set.get()
        self.assertEqual((pair.mentor, pair.mentee), (self.marc, self.ada))

    def test_a_withdrawn_opt_in_is_not_matched(self) -> None:
        give_level(self.marc, self.c41, 4)
        join(self.marc, self.c41, "mentor")
        request = join(self.ada, self.c41, "mentee", target=2)
        actions.withdraw(request, by=self.ada)
        round_ = actions.run_round(self.network, by=self.cleo)
        self.assertEqual(round_.pairs, 0)
        self.assertFalse(round_.unmatched.filter(person=self.ada).exists())

    def test_a_self_assessed_mentor_is_not_matched(self) -> None:
        give_level(self.marc, self.c41, 4, trust="self")
        join(self.marc, self.c41, "mentor")
        join(self.ada, self.c41, "mentee", target=2)
        round_ = actions.run_round(self.network, by=self.cleo)
        self.assertEqual(round_.pairs, 0)
        self.assertEqual(
            dict(round_.unmatched.values_list("person_id", "reason")),
            {self.ada.pk: "level", self.marc.pk: "verified"},
        )

    def test_peer_evidence_does_not_make_a_mentor(self) -> None:
        """Evidence recognised by peers ranks above self-assessment but is
        not verified: it does not qualify a mentor."""
        give_level(self.marc, self.c41, 4, trust="peer")
        join(self.marc, self.c41, "mentor")
        join(self.ada, self.c41, "mentee", target=1)
        self.assertEqual(actions.run_round(self.network, by=self.cleo).pairs, 0)


class WhoRunsRoundsTests(MentoringTestCase):
    def test_only_hr_of_the_network_and_platform_admins_run_a_round(self) -> None:
        other = Network.objects.create(name="Autre", slug="autre")
        for person in (self.ada, self.ben, self.eli, self.aurore, self.dev):
            with self.assertRaises(PermissionDenied):
                actions.run_round(self.network, by=person)
        with self.assertRaises(PermissionDenied):
            actions.run_round(other, by=self.cleo)
        self.assertFalse(Round.objects.exists())
        actions.run_round(self.network, by=self.hugo)
        actions.run_round(other, by=self.root)
        self.assertEqual(Round.objects.count(), 2)
        self.assertFalse(Unmatched.objects.exists())
