"""Reads of what communities give the network: practice sheets, challenges, the
towns suggested to a community, the competences a question may name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from courses.community.models import (
    Challenge,
    PracticeSheet,
)
from courses.community.queries.access import _network_of
from courses.community.queries.helpers import VERIFIED_TRUST
from courses.models import CourseCompetence, CoursePage
from lms.models import Organisation, User
from skills.models import Competence, Evidence
from skills.queries import CompetenceLevel

# A town is suggested on its people's levels only when they are at least this many.
K_ANONYMITY = 5
SOLVED_LEVEL = 3


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
