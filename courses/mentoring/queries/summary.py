"""Reads of mentoring: who may see what, the round's inputs, level movement and
the aggregated summary.

- a pair's space: its two members; HR of either member's town (read only); a
  platform admin. Nobody else, managers included (404).
- a round: HR of a town of its network and platform admins; HR sees the pairs
  and unmatched people of its own town only (a partner of another town is named
  by town).
- the summary: HR and elected officials of the town, platform admins; figures
  only when they describe at least k people (``lms.anonymity``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from courses.mentoring import matching
from courses.mentoring.models import (
    MentoringProfile,
    MentoringSession,
    OptIn,
    Pair,
    Round,
    Unmatched,
)
from lms.anonymity import publishable
from lms.models import Network, Organisation, User
from lms.queries import organisations_administered_by
from skills.models import Competence, Evidence, MonthlySnapshot
from skills.rules import Fact, current_level

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


# --- Level movement ----------------------------------------------------------


@dataclass
class Movement:
    """The mentee's month-end levels on the pair's competence (snapshots)."""

    before: int  # at the end of the month before the mentoring started
    at_finish: int | None
    after: list[tuple[dt.date, int]] = field(default_factory=list)

    @property
    def latest(self) -> int | None:
        if self.after:
            return self.after[-1][1]
        return self.at_finish

    @property
    def moved(self) -> int | None:
        """Levels gained from the start to the latest month known after the
        finish; None while the mentoring is not finished."""
        latest = self.latest
        return None if latest is None else latest - self.before


def _month(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def _month_before(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


def movements(pairs: list[Pair]) -> dict[int, Movement]:
    """Each pair's movement, from one query on the snapshots."""
    if not pairs:
        return {}
    series: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    first = _month_before(min(_month(p.started_at) for p in pairs))
    for person, competence, month, level in (
        MonthlySnapshot.objects.filter(
            person_id__in={p.mentee_id for p in pairs},
            competence_id__in={p.competence_id for p in pairs},
            month__gte=first,
        )
        .order_by("month")
        .values_list("person_id", "competence_id", "month", "level")
    ):
        series[(person, competence)].append((month, level))
    return {
        pair.pk: _movement(pair, series[(pair.mentee_id, pair.competence_id)])
        for pair in pairs
    }


def _level_at(points: list[tuple[dt.date, int]], month: dt.date) -> int:
    level = 0
    for when, value in points:
        if when > month:
            break
        level = value
    return level


def _movement(pair: Pair, points: list[tuple[dt.date, int]]) -> Movement:
    before = _level_at(points, _month_before(_month(pair.started_at)))
    if pair.finished_at is None or pair.status != Pair.Status.FINISHED:
        return Movement(before=before, at_finish=None)
    finish = _month(pair.finished_at)
    after = [(m, lv) for m, lv in points if m > finish][:MONTHS_AFTER]
    return Movement(before=before, at_finish=_level_at(points, finish), after=after)


# --- The summary (aggregates only) -------------------------------------------


def summary_organisation(user: User, requested: int | None) -> Organisation | None:
    """The town whose summary ``user`` reads: their own (HR, officials), or the
    one asked for (platform admins); None for anyone else."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        if requested is None:
            return None
        return Organisation.objects.filter(pk=requested).first()
    if (user.is_hr_admin or user.is_elected) and user.organisation_id:
        return user.organisation
    return None


@dataclass
class Summary:
    people: int
    shown: bool
    active: int = 0
    finished: int = 0
    sessions: int = 0
    hours: float = 0.0
    rose: int | None = None  # finished mentees whose level rose since the start
    finished_mentees: int = 0


def summary(organisation: Organisation) -> Summary:
    """Mentorings with at least one member of the town. Shown only when they
    involve k people of the town or more (or none); the level figure only when
    k of the town's finished mentees are behind it."""
    pairs = Pair.objects.filter(
        Q(mentor__organisation=organisation) | Q(mentee__organisation=organisation)
    )
    mentors = set(
        pairs.filter(mentor__organisation=organisation).values_list(
            "mentor_id", flat=True
        )
    )
    mentees = set(
        pairs.filter(mentee__organisation=organisation).values_list(
            "mentee_id", flat=True
        )
    )
    people = len(mentors | mentees)
    if not publishable(people):
        return Summary(people=people, shown=False)
    counts = dict(
        pairs.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    logged = MentoringSession.objects.filter(pair__in=pairs).aggregate(
        n=Count("pk"), minutes=Sum("minutes")
    )
    finished = list(
        pairs.filter(status=Pair.Status.FINISHED, mentee__organisation=organisation)
    )
    moved = movements(finished)
    finished_mentees = len({p.mentee_id for p in finished})
    rose: int | None = len(
        {p.mentee_id for p in finished if (moved[p.pk].moved or 0) > 0}
    )
    # Both parts of the split describe nobody or at least k people.
    if not (
        finished_mentees
        and publishable(rose or 0)
        and publishable(finished_mentees - (rose or 0))
    ):
        rose = None
    return Summary(
        people=people,
        shown=True,
        active=counts.get(Pair.Status.ACTIVE, 0),
        finished=counts.get(Pair.Status.FINISHED, 0),
        sessions=logged["n"] or 0,
        hours=round((logged["minutes"] or 0) / 60, 1),
        rose=rose,
        finished_mentees=finished_mentees,
    )


def hr_pairs(user: User) -> list[Pair]:
    """The pairs with a member of the towns ``user`` administers (HR's report)."""
    towns = organisations_administered_by(user)
    return list(
        Pair.objects.filter(
            Q(mentor__organisation__in=towns) | Q(mentee__organisation__in=towns)
        )
        .select_related("mentor__organisation", "mentee__organisation", "competence")
        .annotate(session_count=Count("sessions"))
        .order_by("status", "-started_at", "-pk")[:500]
    )
