"""What mentoring changed, in aggregates only: level movements of mentees and
mentors, a town's summary, HR's list of pairs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from courses.mentoring.models import (
    MentoringSession,
    Pair,
)
from courses.mentoring.queries.access import MONTHS_AFTER
from lms.anonymity import publishable
from lms.models import Organisation, User
from lms.queries import organisations_administered_by
from skills.models import MonthlySnapshot

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
