"""Colleagues of other towns a question is offered to: who may help, ranked on
verified evidence of the question's competence, and the offers made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from courses.community.models import (
    Offer,
    Thread,
)
from courses.community.queries.access import communities_visible_to
from lms.models import User
from skills.models import Evidence
from skills.rules import Fact, current_level

# Reasons of the level rule that rest on verified evidence (skills.rules).
VERIFIED = frozenset({"validated", "assessed"})
# Trust levels of verified evidence, as the rule weighs them.
VERIFIED_TRUST = (
    Evidence.Trust.SERVER,
    Evidence.Trust.MANAGER,
    Evidence.Trust.TRAINER,
    Evidence.Trust.IMPORT,
)
OFFERS_PER_QUESTION = 5


# --- ask the network -------------------------------------------------------


@dataclass(frozen=True)
class Helper:
    person: User
    level: int
    evidence_at: dt.datetime
    accepted_answers: int


def helpers_for(thread: Thread, *, limit: int = OFFERS_PER_QUESTION) -> list[Helper]:
    """Who a question of the network is offered to, best first.

    Only people who opted in as helpers (``Preference.helps_network``), active, in
    another town of the asker's network, whose current level on the question's
    competence rests on verified evidence (the rule's reason is "validated" or
    "assessed") and reaches the level needed. Ranked by level, then the date of
    the evidence the level rests on, then the answers of theirs peers accepted.
    Three queries.
    """
    asker = thread.author
    network_id = asker.organisation.network_id if asker.organisation else None
    if (
        not thread.asks_network
        or network_id is None
        or thread.competence_id is None
        or thread.needed_level is None
    ):
        return []
    candidates = User.objects.filter(
        is_active=True,
        community_preference__helps_network=True,
        organisation__network_id=network_id,
    ).exclude(organisation_id=asker.organisation_id or 0)
    facts: dict[int, list[Fact]] = defaultdict(list)
    people: dict[int, User] = {}
    for row in Evidence.objects.filter(
        person__in=candidates, competence_id=thread.competence_id
    ).select_related("person__organisation"):
        people[row.person_id] = row.person
        facts[row.person_id].append(
            Fact(
                row.level,
                row.source,
                row.observed_at,
                row.expires_at,
                row.pk,
                row.trust,
            )
        )
    now = timezone.now()
    qualified = []
    for person_id, person_facts in facts.items():
        decision = current_level(person_facts, now)
        if decision.reason in VERIFIED and decision.level >= thread.needed_level:
            latest = max(f.observed_at for f in decision.basis)
            qualified.append((person_id, decision.level, latest))
    accepted = dict(
        Thread.objects.filter(accepted__author_id__in=[q[0] for q in qualified])
        .values("accepted__author_id")
        .annotate(n=Count("pk"))
        .values_list("accepted__author_id", "n")
    )
    helpers = [
        Helper(people[pid], level, latest, accepted.get(pid, 0))
        for pid, level, latest in qualified
    ]
    helpers.sort(
        key=lambda h: (-h.level, -h.evidence_at.timestamp(), -h.accepted_answers)
    )
    return helpers[:limit]


def offers_for(user: User) -> QuerySet[Offer]:
    """The questions offered to ``user``, still visible to them, newest first."""
    return (
        Offer.objects.filter(
            helper=user, thread__community__in=communities_visible_to(user)
        )
        .select_related("thread__community", "thread__competence", "thread__accepted")
        .order_by("-offered_at", "-pk")
    )
