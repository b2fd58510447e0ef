"""The one rule that turns evidence into a current level.

1. Evidence observed after the date asked about, or expired by then, does not count.
2. Verified evidence (a manager's validation, or an assessment: course, quiz, H5P,
   SCORM, outside import) outranks self-assessment.
3. A manager's validation sets the level as of its date (up or down); assessments
   observed after it can only raise it. Without any validation, the level is the
   highest assessed level.
4. With no verified evidence, the latest self-assessment gives the level.
5. No evidence: level 0 (not assessed).

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


@dataclass(frozen=True)
class Fact:
    """The part of an evidence row the rule needs (testable without a database)."""

    level: int
    source: str
    observed_at: dt.datetime
    expires_at: dt.datetime | None = None
    evidence_id: int | None = None


@dataclass(frozen=True)
class Decision:
    level: int
    basis: tuple[Fact, ...] = field(default=())
    reason: str = "none"  # "validated", "assessed", "self", "none"


def counts(fact: Fact, as_of: dt.datetime) -> bool:
    if fact.observed_at > as_of:
        return False
    return fact.expires_at is None or fact.expires_at > as_of


def current_level(facts: Iterable[Fact], as_of: dt.datetime) -> Decision:
    live = sorted((f for f in facts if counts(f, as_of)), key=lambda f: f.observed_at)
    validations = [f for f in live if f.source == MANAGER]
    assessed = [f for f in live if f.source not in (MANAGER, SELF)]
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
    selves = [f for f in live if f.source == SELF]
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
