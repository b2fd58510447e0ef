"""Who takes part in mentoring and who may see what: opt-ins, profiles, pairs,
rounds, and the access helpers of rounds and pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from courses.mentoring.models import (
    MentoringProfile,
    OptIn,
    Pair,
    Round,
    Unmatched,
)
from lms.models import Network, User
from skills.models import Competence

VERIFIED = frozenset({"validated", "assessed"})
MONTHS_AFTER = 6


def may_take_part(user: User) -> bool:
    """Staff of a town opt in; elected officials and platform admins do not."""
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_elected
        and user.organisation_id is not None
    )


def competences_for(user: User) -> QuerySet[Competence]:
    """Competences of current framework versions the person may opt in on:
    every town's frameworks (DigComp) and their own town's."""
    return (
        Competence.objects.filter(version__is_current=True)
        .filter(
            Q(version__framework__organisation__isnull=True)
            | Q(version__framework__organisation_id=user.organisation_id)
        )
        .select_related("version")
        .order_by("version__framework__name", "code")
    )


def profile_of(user: User) -> MentoringProfile | None:
    return MentoringProfile.objects.filter(person=user).first()


def opt_ins_of(user: User) -> QuerySet[OptIn]:
    return OptIn.objects.open().filter(person=user).select_related("competence")


def pairs_of(user: User) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(Q(mentor=user) | Q(mentee=user))
        .select_related("mentor__organisation", "mentee__organisation", "competence")
        .order_by("status", "-started_at", "-pk")
    )


def last_unmatched_of(user: User) -> Unmatched | None:
    """Why the latest round that considered ``user`` left them unmatched, or
    None (never unmatched, or paired by that round or a later one)."""
    paired_since = Pair.objects.filter(
        Q(mentor=user) | Q(mentee=user), started_at__gte=OuterRef("round__run_at")
    )
    row = (
        Unmatched.objects.filter(person=user)
        .select_related("round")
        .annotate(paired_since=Exists(paired_since))
        .order_by("-round__run_at", "-round_id")
        .first()
    )
    return None if row is None or row.paired_since else row


# --- Who may see what --------------------------------------------------------


def networks_run_by(user: User) -> QuerySet[Network]:
    """Networks whose rounds ``user`` runs and reads: all for a platform admin,
    the town's own for its HR admin."""
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    if user.is_superuser:
        return Network.objects.all()
    if user.is_hr_admin and user.organisation_id:
        return Network.objects.filter(organisations__id=user.organisation_id)
    return Network.objects.none()


def access_round_for(user: User, pk: int) -> Round:
    found = (
        Round.objects.filter(network__in=networks_run_by(user), pk=pk)
        .select_related("network", "organisation", "run_by")
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_pair_for(user: User, pk: int) -> Pair:
    """A pair its members, their towns' HR and platform admins may open; 404
    for anyone else (ids of other people's mentorings reveal nothing)."""
    pair = (
        Pair.objects.select_related(
            "mentor__organisation", "mentee__organisation", "competence__version"
        )
        .filter(pk=pk)
        .first()
    )
    if pair is None or not may_see_pair(user, pair):
        raise Http404
    return pair


def may_see_pair(user: User, pair: Pair) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk in (pair.mentor_id, pair.mentee_id) or user.is_superuser:
        return True
    return bool(
        user.is_hr_admin
        and user.organisation_id
        and user.organisation_id
        in (pair.mentor.organisation_id, pair.mentee.organisation_id)
    )


def is_member(user: User, pair: Pair) -> bool:
    return user.pk in (pair.mentor_id, pair.mentee_id)


def rounds_for(user: User) -> QuerySet[Round]:
    return Round.objects.filter(network__in=networks_run_by(user)).select_related(
        "network", "organisation", "run_by"
    )


@dataclass
class RoundView:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    hidden_pairs: int  # pairs of other towns only, not shown


def round_view(round_: Round, user: User) -> RoundView:
    """What ``user`` may read of a round: everything for a platform admin, the
    pairs and unmatched people involving their own town for HR."""
    pairs = round_.pair_set.select_related(
        "mentor__organisation", "mentee__organisation", "competence"
    ).order_by("competence__code", "mentee__last_name", "pk")
    unmatched = round_.unmatched.select_related("person__organisation").order_by(
        "role", "reason", "person__last_name", "pk"
    )
    total = round_.pairs
    if not user.is_superuser:
        mine = user.organisation_id or 0
        pairs = pairs.filter(
            Q(mentor__organisation_id=mine) | Q(mentee__organisation_id=mine)
        )
        unmatched = unmatched.filter(person__organisation_id=mine)
    shown = list(pairs)
    return RoundView(shown, list(unmatched), max(0, total - len(shown)))
