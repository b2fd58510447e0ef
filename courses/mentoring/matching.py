"""The matching round as an assignment problem, without the database.

Each mentee waiting for a mentor is one row; each free place of a mentor (their
capacity less the mentorings they already hold) is one column. A mentee and a
mentor's place may be paired when, on one of the competences the mentee asked
for and the mentor offered:

- the mentor's level on verified evidence (a manager's validation or an
  assessment, ``skills.rules``) is at least one level above the mentee's target;
- they share a language;
- each one's town preference holds (same town, another town, either);
- they are two people.

The cost of a pair is how far the mentor's level exceeds what is needed (strong
mentors stay free for demanding requests), times ``SLOT_WEIGHT``, plus the
place's rank among the mentor's places (first places fill before second ones,
so mentors share the load). Forbidden pairs cost ``forbidden`` — more than any
complete set of allowed pairs — so the solver first pairs as many people as it
can, then pairs them as closely as it can. The problem splits into the connected
components of the allowed pairs, solved one by one with
``scipy.optimize.linear_sum_assignment``.

Deterministic: rows and columns are sorted by ids before solving, so the same
people give the same pairs whatever order they are read in. One new mentoring
per mentee per round: a mentee asking on several competences gets the one the
cheapest pair is on, the others wait for the next round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.optimize import linear_sum_assignment

SLOT_WEIGHT = 10  # more than any place rank (capacity is at most 5)

# Reasons, as stored in ``Unmatched.reason``.
NO_MENTOR_AT_LEVEL = "level"
NO_SHARED_LANGUAGE = "language"
TOWN_PREFERENCE = "town"
CAPACITY = "capacity"
NOT_VERIFIED = "verified"
NO_MENTEE = "mentee"


@dataclass(frozen=True)
class Person:
    id: int
    town: int
    languages: tuple[str, ...]
    preference: str = "any"  # "any", "same" or "other"

    @cached_property
    def languages_set(self) -> frozenset[str]:
        return frozenset(self.languages)


@dataclass(frozen=True)
class Request:
    """A mentee's open opt-in."""

    opt_in: int
    mentee: int
    competence: int
    target: int


@dataclass(frozen=True)
class Offer:
    """A mentor's opt-in with their level on verified evidence (0: none)."""

    mentor: int
    competence: int
    level: int


@dataclass(frozen=True)
class Match:
    opt_in: int
    mentor: int
    mentee: int
    competence: int
    mentor_level: int
    target: int
    language: str


@dataclass(frozen=True)
class Left:
    person: int
    role: str  # "mentor" or "mentee"
    reason: str


@dataclass
class Result:
    matches: list[Match] = field(default_factory=list)
    unmatched: list[Left] = field(default_factory=list)
    mentees: int = 0
    mentors: int = 0
    slots: int = 0


def prefers(person: Person, other: Person) -> bool:
    """Whether ``person``'s town preference accepts ``other``."""
    if person.preference == "same":
        return person.town == other.town
    if person.preference == "other":
        return person.town != other.town
    return True


def shared_language(mentee: Person, mentor: Person) -> str | None:
    """The first of the mentee's languages the mentor speaks too."""
    spoken = mentor.languages_set
    return next((code for code in mentee.languages if code in spoken), None)


@dataclass(frozen=True)
class _Edge:
    cost: int
    request: Request
    level: int
    language: str


def solve(
    people: Iterable[Person],
    requests: Iterable[Request],
    offers: Iterable[Offer],
    free_slots: dict[int, int],
) -> Result:
    """Pair ``requests`` with ``offers``; ``free_slots``: places left per mentor."""
    who = {p.id: p for p in people}
    by_mentee: dict[int, list[Request]] = defaultdict(list)
    for request in sorted(requests, key=lambda r: (r.mentee, r.competence, r.opt_in)):
        by_mentee[request.mentee].append(request)
    offers_by_competence: dict[int, list[Offer]] = defaultdict(list)
    mentors: dict[int, list[Offer]] = defaultdict(list)
    for offer in sorted(offers, key=lambda o: (o.mentor, o.competence)):
        offers_by_competence[offer.competence].append(offer)
        mentors[offer.mentor].append(offer)
    free = {m: max(0, free_slots.get(m, 0)) for m in mentors}

    edges = _edges(who, by_mentee, offers_by_competence, free)
    result = Result(
        mentees=len(by_mentee), mentors=len(mentors), slots=sum(free.values())
    )
    adjacency: dict[int, list[int]] = defaultdict(list)
    for mentee, mentor in sorted(edges):
        adjacency[mentee].append(mentor)
    for rows, columns in _components(edges):
        result.matches.extend(_assign(rows, columns, edges, adjacency, free))
    result.matches.sort(key=lambda m: (m.mentee, m.mentor))
    matched_mentees = {m.mentee for m in result.matches}
    matched_mentors = {m.mentor for m in result.matches}
    for mentee, wanted in by_mentee.items():
        if mentee not in matched_mentees:
            reason = _mentee_reason(who, wanted, offers_by_competence)
            result.unmatched.append(Left(mentee, "mentee", reason))
    for mentor, offered in mentors.items():
        if mentor in matched_mentors or free[mentor] == 0:
            continue
        verified = max(o.level for o in offered) >= 2
        reason = NO_MENTEE if verified else NOT_VERIFIED
        result.unmatched.append(Left(mentor, "mentor", reason))
    result.unmatched.sort(key=lambda left: (left.role, left.person))
    return result


def _fits(mentee: Person, mentor: Person) -> str | None:
    """The language of an allowed pair, or None when it is not allowed."""
    if mentee.id == mentor.id:
        return None
    if not (prefers(mentee, mentor) and prefers(mentor, mentee)):
        return None
    return shared_language(mentee, mentor)


def _edges(
    who: dict[int, Person],
    by_mentee: dict[int, list[Request]],
    offers_by_competence: dict[int, list[Offer]],
    free: dict[int, int],
) -> dict[tuple[int, int], _Edge]:
    """The cheapest allowed pairing of each mentee with each mentor with places."""
    edges: dict[tuple[int, int], _Edge] = {}
    # Many people share a town, languages and preference: decide once per kind.
    fits: dict[tuple[object, object], str | None] = {}
    for mentee_id, wanted in by_mentee.items():
        mentee = who[mentee_id]
        mentee_kind = (mentee.town, mentee.languages, mentee.preference)
        for request in wanted:
            needed = request.target + 1
            for offer in offers_by_competence.get(request.competence, ()):
                if offer.level < needed or not free[offer.mentor]:
                    continue
                if offer.mentor == mentee_id:
                    continue
                mentor = who[offer.mentor]
                kinds = (
                    mentee_kind,
                    (mentor.town, mentor.languages, mentor.preference),
                )
                if kinds not in fits:
                    fits[kinds] = _fits(mentee, mentor)
                language = fits[kinds]
                if language is None:
                    continue
                cost = offer.level - needed
                key = (mentee_id, offer.mentor)
                known = edges.get(key)
                if known is None or cost < known.cost:
                    edges[key] = _Edge(cost, request, offer.level, language)
    return edges


def _components(
    edges: dict[tuple[int, int], _Edge],
) -> list[tuple[list[int], list[int]]]:
    """Mentees and mentors of each connected component of the allowed pairs."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for mentee, mentor in edges:
        a, b = find(("e", mentee)), find(("m", mentor))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(
        lambda: ([], [])
    )
    for kind, number in sorted(parent):
        rows, columns = groups[find((kind, number))]
        (rows if kind == "e" else columns).append(number)
    return sorted(groups.values(), key=lambda g: (g[0][:1], g[1][:1]))


def _assign(
    rows: list[int],
    mentors: list[int],
    edges: dict[tuple[int, int], _Edge],
    adjacency: dict[int, list[int]],
    free: dict[int, int],
) -> list[Match]:
    columns = [(m, rank) for m in mentors for rank in range(free[m])]
    place = {m: i for i, (m, rank) in enumerate(columns) if rank == 0}
    mine = [
        (row, mentor, edges[(mentee, mentor)])
        for row, mentee in enumerate(rows)
        for mentor in adjacency[mentee]
    ]
    highest = max(e.cost for _r, _m, e in mine) * SLOT_WEIGHT + max(
        free[m] for m in mentors
    )
    forbidden = float((highest + 1) * (min(len(rows), len(columns)) + 1))
    cost = np.full((len(rows), len(columns)), forbidden)
    for row, mentor, edge in mine:
        start = place[mentor]
        for rank in range(free[mentor]):
            cost[row, start + rank] = edge.cost * SLOT_WEIGHT + rank
    chosen_rows, chosen_columns = linear_sum_assignment(cost)
    matches = []
    for r, c in zip(chosen_rows, chosen_columns, strict=True):
        if cost[r, c] >= forbidden:
            continue
        mentee, mentor = rows[r], columns[c][0]
        edge = edges[(mentee, mentor)]
        matches.append(
            Match(
                opt_in=edge.request.opt_in,
                mentor=mentor,
                mentee=mentee,
                competence=edge.request.competence,
                mentor_level=edge.level,
                target=edge.request.target,
                language=edge.language,
            )
        )
    return matches


def _mentee_reason(
    who: dict[int, Person],
    wanted: list[Request],
    offers_by_competence: dict[int, list[Offer]],
) -> str:
    """Why nobody was found: the first rule that no mentor passes."""
    mentee = who[wanted[0].mentee]
    able = {
        offer.mentor
        for request in wanted
        for offer in offers_by_competence.get(request.competence, ())
        if offer.level >= request.target + 1 and offer.mentor != mentee.id
    }
    if not able:
        return NO_MENTOR_AT_LEVEL
    speaking = [
        who[m]
        for m in sorted(able)
        if not who[m].languages_set.isdisjoint(mentee.languages)
    ]
    if not speaking:
        return NO_SHARED_LANGUAGE
    if not any(prefers(mentee, m) and prefers(m, mentee) for m in speaking):
        return TOWN_PREFERENCE
    return CAPACITY
