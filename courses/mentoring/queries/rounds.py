"""What a matching round works from: the people who opted in, their wishes and
their verified levels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from courses.mentoring import matching
from courses.mentoring.models import (
    MentoringProfile,
    OptIn,
    Pair,
)
from courses.mentoring.queries.access import VERIFIED
from lms.models import Network, User
from skills.models import Evidence
from skills.rules import Fact, current_level

# --- The round's inputs ------------------------------------------------------


@dataclass
class RoundInputs:
    people: list[matching.Person]
    requests: list[matching.Request]
    offers: list[matching.Offer]
    free_slots: dict[int, int]


def round_inputs(network: Network) -> RoundInputs:
    """The network's open opt-ins of active staff who filled in a profile, with
    the mentors' levels on verified evidence and free places. Five queries."""
    opt_ins = OptIn.objects.open().filter(
        person__organisation__network=network,
        person__is_active=True,
        person__kind=User.Kind.STAFF,
        person__mentoring_profile__isnull=False,
    )
    rows = list(
        opt_ins.filter(
            ~Exists(Pair.objects.filter(request=OuterRef("pk"), status="active"))
        )
        .values_list("pk", "person_id", "competence_id", "role", "target_level")
        .order_by("pk")
    )
    person_ids = {row[1] for row in rows}
    people = [
        matching.Person(
            id=person_id,
            town=town,
            languages=tuple(languages),
            preference=preference,
        )
        for person_id, town, languages, preference in MentoringProfile.objects.filter(
            person_id__in=Subquery(opt_ins.values("person_id"))
        ).values_list(
            "person_id", "person__organisation_id", "languages", "town_preference"
        )
        if person_id in person_ids
    ]
    mentor_rows = [row for row in rows if row[3] == OptIn.Role.MENTOR]
    levels = verified_levels(
        opt_ins.filter(role=OptIn.Role.MENTOR), {(r[1], r[2]) for r in mentor_rows}
    )
    offers = [
        matching.Offer(
            mentor=person, competence=competence, level=levels[(person, competence)]
        )
        for _pk, person, competence, _role, _target in mentor_rows
    ]
    requests = [
        matching.Request(
            opt_in=pk, mentee=person, competence=competence, target=target or 1
        )
        for pk, person, competence, role, target in rows
        if role == OptIn.Role.MENTEE
    ]
    mentors = {r[1] for r in mentor_rows}
    busy = dict(
        Pair.objects.filter(status=Pair.Status.ACTIVE, mentor_id__in=mentors)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    capacity = dict(
        MentoringProfile.objects.filter(person_id__in=mentors).values_list(
            "person_id", "capacity"
        )
    )
    free = {m: max(0, capacity.get(m, 0) - busy.get(m, 0)) for m in mentors}
    return RoundInputs(people, requests, offers, free)


def verified_levels(
    mentor_opt_ins: QuerySet[OptIn], wanted: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], int]:
    """Each (person, competence)'s current level on verified evidence only
    (``skills.rules``: validated or assessed), else 0. One query."""
    facts: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    keys = set(wanted)
    for row in (
        Evidence.objects.filter(
            person_id__in=Subquery(mentor_opt_ins.values("person_id")),
            competence_id__in=Subquery(mentor_opt_ins.values("competence_id")),
        )
        .values_list(
            "person_id",
            "competence_id",
            "level",
            "source",
            "observed_at",
            "expires_at",
            "pk",
            "trust",
        )
        .iterator(chunk_size=5000)
    ):
        key = (row[0], row[1])
        if key in keys:
            facts[key].append(Fact(*row[2:]))
    now = timezone.now()
    levels = {}
    for key in keys:
        decision = current_level(facts.get(key, ()), now)
        levels[key] = decision.level if decision.reason in VERIFIED else 0
    return levels
