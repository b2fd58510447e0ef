"""The assignment itself, on plain data: rules, reasons, determinism."""

from __future__ import annotations

import random

from django.test import SimpleTestCase

from courses.mentoring.matching import Offer, Person, Request, solve


def person(
    pk: int, town: int = 1, languages: tuple[str, ...] = ("fr",), pref: str = "any"
) -> Person:
    return Person(pk, town, languages, pref)


class SolveTests(SimpleTestCase):
    def test_a_mentor_one_level_above_the_target_is_paired(self) -> None:
        """Level 3 mentors a target of 2; level 2 does not."""
        people = [person(1), person(2), person(3)]
        result = solve(
            people,
            [Request(10, 1, 7, 2)],
            [Offer(2, 7, 2), Offer(3, 7, 3)],
            {2: 1, 3: 1},
        )
        self.assertEqual([(m.mentor, m.mentee) for m in result.matches], [(3, 1)])
        self.assertEqual(
            [(u.person, u.reason) for u in result.unmatched], [(2, "mentee")]
        )

    def test_unmatched_mentees_get_the_first_rule_nobody_passes(self) -> None:
        people = [
            person(1),  # wants level 4 of a 4-level scale: nobody is above
            person(2, languages=("en",)),  # no mentor speaks English
            person(3, pref="other"),  # only a same-town mentor fits
            person(4),
            person(5),  # with 4, competes for mentor 9's single place
            person(9),
        ]
        result = solve(
            people,
            [
                Request(11, 1, 7, 4),
                Request(12, 2, 7, 1),
                Request(13, 3, 7, 1),
                Request(14, 4, 7, 1),
                Request(15, 5, 7, 1),
            ],
            [Offer(9, 7, 4)],
            {9: 1},
        )
        reasons = {u.person: u.reason for u in result.unmatched}
        self.assertEqual(len(result.matches), 1)
        matched = result.matches[0].mentee
        self.assertIn(matched, {4, 5})
        self.assertEqual(reasons[1], "level")
        self.assertEqual(reasons[2], "language")
        self.assertEqual(reasons[3], "town")
        self.assertEqual(reasons[9 - matched], "capacity")

    def test_a_mentors_own_preference_counts_too(self) -> None:
        result = solve(
            [person(1, town=1), person(2, town=2, pref="same")],
            [Request(10, 1, 7, 1)],
            [Offer(2, 7, 3)],
            {2: 1},
        )
        self.assertEqual(result.matches, [])
        self.assertEqual(result.unmatched[0].reason, "town")

    def test_capacity_is_respected_and_first_places_fill_first(self) -> None:
        """Two mentors, one with three places: four mentees; each mentor gets
        one before anyone gets a second."""
        people = [person(n) for n in (1, 2, 3, 4, 8, 9)]
        result = solve(
            people,
            [Request(10 + n, n, 7, 1) for n in (1, 2, 3, 4)],
            [Offer(8, 7, 2), Offer(9, 7, 2)],
            {8: 3, 9: 1},
        )
        load = [m.mentor for m in result.matches]
        self.assertEqual(sorted(load), [8, 8, 8, 9])

    def test_as_many_pairs_as_possible_before_the_closest(self) -> None:
        """Mentee 1 fits both mentors, mentee 2 only the strong one: both are
        paired, although the strong one is the closest fit for nobody."""
        result = solve(
            [person(1), person(2), person(8), person(9)],
            [Request(11, 1, 7, 1), Request(12, 2, 7, 3)],
            [Offer(8, 7, 2), Offer(9, 7, 4)],
            {8: 1, 9: 1},
        )
        self.assertEqual(
            sorted((m.mentee, m.mentor) for m in result.matches), [(1, 8), (2, 9)]
        )

    def test_nobody_mentors_themselves(self) -> None:
        result = solve([person(1)], [Request(10, 1, 7, 1)], [Offer(1, 7, 4)], {1: 1})
        self.assertEqual(result.matches, [])

    def test_the_language_is_the_mentees_first_shared_one(self) -> None:
        result = solve(
            [person(1, languages=("wo", "fr")), person(2, languages=("fr", "wo"))],
            [Request(10, 1, 7, 1)],
            [Offer(2, 7, 2)],
            {2: 1},
        )
        self.assertEqual(result.matches[0].language, "wo")

    def test_the_same_people_in_any_order_give_the_same_pairs(self) -> None:
        rng = random.Random(4)  # noqa: S311 - test data
        people = [
            person(n, town=n % 3, languages=rng.choice([("fr",), ("fr", "en")]))
            for n in range(1, 121)
        ]
        requests = [
            Request(1000 + n, n, n % 4, rng.choice([1, 2])) for n in range(1, 81)
        ]
        offers = [
            Offer(n, c, rng.choice([2, 3, 4]))
            for n in range(81, 121)
            for c in (n % 4, (n + 1) % 4)
        ]
        slots = {n: rng.choice([1, 2]) for n in range(81, 121)}
        first = solve(people, requests, offers, slots)
        for _ in range(3):
            rng.shuffle(people)
            rng.shuffle(requests)
            rng.shuffle(offers)
            again = solve(people, requests, offers, dict(reversed(slots.items())))
            self.assertEqual(again.matches, first.matches)
            self.assertEqual(again.unmatched, first.unmatched)
        self.assertGreater(len(first.matches), 30)
