"""The one rule that turns evidence into a current level.

Each piece of evidence has a trust level: scored by the platform (quizzes, and
courses completed on such scores), reported by the content (H5P and SCORM
results as the learner's browser sent them, and courses completed on them),
self-assessed, validated by a manager, observed by a trainer in a training
session, an outside assessment (import), or recognised by peers (an answer a
colleague accepted, a mentoring finished).

1. Evidence observed after the date asked about, or expired by then, does not count.
2. Verified evidence (a manager's validation, or an assessment: scored by the
   platform, observed by a trainer, or from outside) outranks self-assessment.
3. A manager's validation sets the level as of its date (up or down); assessments
   scored by the platform or from outside, observed after it, can only raise it.
   Results reported by the content never move a validated level.
4. Without any validation, the level is the highest assessment; results
   reported by the content and recognition by peers give the level only when
   there is no such assessment (they never outrank one, and never move a
   validated level).
5. With none of these, the latest self-assessment gives the level: peers'
   recognition outranks what a person says of themselves.
6. No evidence: level 0 (not assessed).

The rule reads the raw ledger, so changing it later needs no data migration: the
snapshots are rebuilt from the ledger (``manage.py rebuild_snapshots``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

MANAGER = "manager"
SELF = "self"
CONTENT = "content"
PEER = "peer"
# Weighed alike: results the platform did not establish itself.
REPORTED = (CONTENT, PEER)
# What an evidence row's source says of its trust, when the row does not say.
TRUST_OF_SOURCE = {
    "self": "self",
    "manager": "manager",
    "import": "import",
    "quiz": "server",
    "course": "server",
    "h5p": "content",
    "scorm": "content",
    "training": "trainer",
    "peer": "peer",
    "mentoring": "peer",
}


@dataclass(frozen=True)
class Fact:
    """The part of an evidence row the rule needs (testable without a database)."""

    level: int
    source: str
    observed_at: dt.datetime
    expires_at: dt.datetime | None = None
    evidence_id: int | None = None
    trust: str = ""

    @property
    def trusted_as(self) -> str:
        return self.trust or TRUST_OF_SOURCE.get(self.source, "server")


@dataclass(frozen=True)
class Decision:
    level: int
    basis: tuple[Fact, ...] = field(default=())
    # "validated", "assessed", "reported", "peer", "self", "none"
    reason: str = "none"


def counts(fact: Fact, as_of: dt.datetime) -> bool:
    if fact.observed_at > as_of:
        return False
    return fact.expires_at is None or fact.expires_at > as_of


def current_level(facts: Iterable[Fact], as_of: dt.datetime) -> Decision:
    live = sorted((f for f in facts if counts(f, as_of)), key=lambda f: f.observed_at)
    validations = [f for f in live if f.trusted_as == MANAGER]
    assessed = [f for f in live if f.trusted_as not in (MANAGER, SELF, *REPORTED)]
    reported = [f for f in live if f.trusted_as in REPORTED]
    if validations:
        latest = validations[-1]
        later = [f for f in assessed if f.observed_at > latest.observed_at]
        best = max(later, key=lambda f: f.level, default=None)
        if best is not None and best.level > latest.level:
            return Decision(best.level, (latest, best), "assessed")
        return Decision(latest.level, (latest,), "validated")
    if assessed:
        best = max(assessed, key=lambda f: (f.level, f.observed_at))
        return Decision(best.level, (best,), "assessed")
    if reported:
        best = max(reported, key=lambda f: (f.level, f.observed_at))
        reason = "peer" if best.trusted_as == PEER else "reported"
        return Decision(best.level, (best,), reason)
    selves = [f for f in live if f.trusted_as == SELF]
    if selves:
        return Decision(selves[-1].level, (selves[-1],), "self")
    return Decision(0)


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """First day of every month from ``first``'s month to ``last``'s month."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def end_of_month(month: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The last instant of ``month`` in ``tz``."""
    year, number = (
        (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    )
    return dt.datetime(year, number, 1, tzinfo=tz) - dt.timedelta(microseconds=1)


def levels_by_month(
    facts: list[Fact], months: list[dt.date], tz: dt.tzinfo
) -> list[int]:
    """The rule applied at each month's end.

    The level can only change when a fact starts or stops counting, so the rule
    runs once per change rather than once per month.
    """
    instants = sorted(
        {f.observed_at for f in facts} | {f.expires_at for f in facts if f.expires_at}
    )
    levels: list[int] = []
    seen = -1
    level = 0
    for month in months:
        end = end_of_month(month, tz)
        passed = bisect.bisect_right(instants, end)
        if passed != seen:
            level = current_level(facts, end).level
            seen = passed
        levels.append(level)
    return levels
