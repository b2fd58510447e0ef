"""Reads of communities: who sees which community, thread, sheet and challenge;
who is offered a question; which towns solved a challenge.

Visibility: a community is seen by the people of its town, and when it is open
to the network by the people of the towns of that network; platform admins see
all. Everything below (threads, posts, members, sheets) follows its community,
so nobody ever sees a person of another network, nor a community kept to
another town. ``access_*_for`` raise ``Http404`` for what the person may not
see, so ids reveal nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from courses.community.models import (
    Attachment,
    Challenge,
    Community,
    Membership,
    Offer,
    Post,
    PracticeSheet,
    Preference,
    Report,
    Thread,
)
from courses.models import CourseCompetence, CoursePage
from lms.models import Organisation, User
from skills.models import Competence, Evidence
from skills.queries import CompetenceLevel
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
# A town is suggested on its people's levels only when they are at least this many.
K_ANONYMITY = 5
SOLVED_LEVEL = 3


def _network_of(user: User) -> Any:
    """The person's network id as a subquery (no round trip of its own)."""
    return Organisation.objects.filter(
        pk=user.organisation_id or 0, network__isnull=False
    ).values("network_id")


def communities_visible_to(user: User) -> QuerySet[Community]:
    if not user.is_authenticated or not user.is_active:
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    if user.organisation_id is None:
        return Community.objects.none()
    return Community.objects.filter(
        Q(organisation_id=user.organisation_id)
        | Q(
            scope=Community.Scope.NETWORK,
            organisation__network_id__in=_network_of(user),
        )
    )


def access_community_for(user: User, pk: int) -> Community:
    community = (
        communities_visible_to(user)
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )
    if community is None:
        raise Http404
    return community


def access_thread_for(user: User, pk: int) -> Thread:
    thread = (
        Thread.objects.filter(community__in=communities_visible_to(user), pk=pk)
        .select_related(
            "community__organisation",
            "author__organisation",
            "competence",
            "accepted",
        )
        .first()
    )
    if thread is None:
        raise Http404
    return thread


def access_post_for(user: User, pk: int) -> Post:
    post = (
        Post.objects.filter(thread__community__in=communities_visible_to(user), pk=pk)
        .select_related("thread__community", "thread__competence", "author")
        .first()
    )
    if post is None:
        raise Http404
    return post


def membership_of(user: User, community: Community) -> Membership | None:
    return Membership.objects.filter(community=community, person=user).first()


def is_moderator(user: User, community: Community) -> bool:
    """Platform admins and the community's moderators."""
    return user.is_superuser or (
        Membership.objects.filter(
            community=community, person=user, role=Membership.Role.MODERATOR
        ).exists()
    )


def may_accept(user: User, thread: Thread) -> bool:
    """The asker or a moderator, while the question has no accepted answer."""
    return (
        thread.is_question
        and thread.accepted_id is None
        and (user.pk == thread.author_id or is_moderator(user, thread.community))
    )


def moderated_by(user: User) -> QuerySet[Community]:
    return communities_visible_to(user).filter(
        memberships__person=user, memberships__role=Membership.Role.MODERATOR
    )


def threads_of(community: Community) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(community=community)
        .select_related("author__organisation", "competence")
        .annotate(replies=Count("posts", filter=Q(posts__hidden_at=None)))
    )


def posts_of(thread: Thread) -> QuerySet[Post]:
    """The thread's posts with their authors' towns and their attachments."""
    return thread.posts.select_related("author__organisation").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.select_related("document"))
    )


def may_download_attachment(user: User, document: Any) -> bool:
    """Whether ``document`` is attached to a post ``user`` may read: in a
    community they see, the post not hidden (or they moderate the community)."""
    attached = Attachment.objects.filter(
        document=document,
        post__thread__community__in=communities_visible_to(user),
    )
    return attached.filter(
        Q(post__hidden_at__isnull=True)
        | Q(
            post__thread__community__memberships__person=user,
            post__thread__community__memberships__role=Membership.Role.MODERATOR,
        )
    ).exists()


def members_of(community: Community) -> QuerySet[Membership]:
    return community.memberships.select_related("person__organisation").order_by(
        "-role", "person__last_name", "person__first_name"
    )


def preference_of(person: User) -> Preference:
    """The person's choices, defaults if they never chose (nothing is written)."""
    return Preference.objects.filter(person=person).first() or Preference(person=person)


def open_reports(community: Community) -> QuerySet[Report]:
    return Report.objects.filter(
        post__thread__community=community, resolved_at=None
    ).select_related("post__thread", "post__author", "reporter")


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


# --- practice sheets -------------------------------------------------------


def sheets_visible_to(user: User) -> QuerySet[PracticeSheet]:
    if not user.is_authenticated or not user.is_active:
        return PracticeSheet.objects.none()
    if user.is_superuser:
        return PracticeSheet.objects.all()
    if user.organisation_id is None:
        return PracticeSheet.objects.none()
    return PracticeSheet.objects.filter(
        Q(organisation_id=user.organisation_id) | Q(network_id__in=_network_of(user))
    )


def access_sheet_for(user: User, pk: int) -> PracticeSheet:
    sheet = (
        sheets_visible_to(user)
        .select_related("organisation")
        .prefetch_related("competences")
        .filter(pk=pk)
        .first()
    )
    if sheet is None:
        raise Http404
    return sheet


def sheets_for_gaps(
    user: User, levels: list[CompetenceLevel], *, limit: int = 5
) -> list[PracticeSheet]:
    """Practice sheets on competences where ``user`` is below what their role
    expects, for "My skills" next to the recommended courses. One query."""
    gaps = [
        item.competence.pk
        for item in levels
        if item.expected is not None and item.level < item.expected
    ]
    if not gaps:
        return []
    return list(
        sheets_visible_to(user)
        .filter(competences__in=gaps)
        .distinct()
        .select_related("organisation")
        .order_by("-created_at", "pk")[:limit]
    )


# --- intercity exchanges ---------------------------------------------------


def challenges_visible_to(user: User) -> QuerySet[Challenge]:
    if not user.is_authenticated or not user.is_active:
        return Challenge.objects.none()
    if user.is_superuser:
        return Challenge.objects.all()
    if user.organisation_id is None:
        return Challenge.objects.none()
    return Challenge.objects.filter(
        Q(organisation_id=user.organisation_id)
        | Q(organisation__network_id__in=_network_of(user))
    )


def access_challenge_for(user: User, pk: int) -> Challenge:
    challenge = (
        challenges_visible_to(user)
        .select_related("organisation")
        .prefetch_related("competences")
        .filter(pk=pk)
        .first()
    )
    if challenge is None:
        raise Http404
    return challenge


def may_speak_for_town(user: User, organisation: Organisation) -> bool:
    """HR of the town (and platform admins) post challenges and record exchanges."""
    return user.is_superuser or (
        user.is_hr_admin and user.organisation_id == organisation.pk
    )


@dataclass
class TownSuggestion:
    organisation: Organisation
    sheets: int
    courses: int
    # People with a verified level of SOLVED_LEVEL or more; None below K_ANONYMITY.
    people: int | None

    @property
    def score(self) -> tuple[int, int, int]:
        return (self.sheets, self.courses, self.people or 0)


def suggested_towns(challenge: Challenge) -> list[TownSuggestion]:
    """Other towns of the network that have solved what the challenge is about:
    their practice sheets and network-shared live courses on its competences, and
    how many of their people hold one of them at level 3 or more on verified
    evidence, counted only from 5 people (k-anonymity; fewer count as none).
    Towns with nothing to show are left out. Four queries."""
    town = challenge.organisation
    if town.network_id is None:
        return []
    competences = list(challenge.competences.values_list("pk", flat=True))
    towns = Organisation.objects.filter(network_id=town.network_id).exclude(pk=town.pk)
    sheets = dict(
        PracticeSheet.objects.filter(
            organisation__in=towns, competences__in=competences
        )
        .values("organisation_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("organisation_id", "n")
    )
    courses = dict(
        CourseCompetence.objects.filter(
            competence_id__in=competences,
            course__live=True,
            course__sharing=CoursePage.Sharing.NETWORK,
            course__organisation__in=towns,
        )
        .values("course__organisation_id")
        .annotate(n=Count("course_id", distinct=True))
        .values_list("course__organisation_id", "n")
    )
    people = dict(
        Evidence.objects.filter(
            competence_id__in=competences,
            trust__in=VERIFIED_TRUST,
            level__gte=SOLVED_LEVEL,
            person__organisation__in=towns,
            person__is_active=True,
        )
        .values("person__organisation_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("person__organisation_id", "n")
    )
    result = []
    for organisation in towns.order_by("name"):
        count = people.get(organisation.pk, 0)
        suggestion = TownSuggestion(
            organisation,
            sheets.get(organisation.pk, 0),
            courses.get(organisation.pk, 0),
            count if count >= K_ANONYMITY else None,
        )
        if any(suggestion.score):
            result.append(suggestion)
    result.sort(key=lambda s: tuple(-n for n in s.score))
    return result


def competence_choices_for(user: User) -> QuerySet[Competence]:
    """Competences of current framework versions every town may use (a question
    asked across towns names what all of them share)."""
    return (
        Competence.objects.filter(
            version__is_current=True, version__framework__organisation__isnull=True
        )
        .select_related("version__framework")
        .order_by("version__framework__name", "code")
    )
