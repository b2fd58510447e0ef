"""Monthly snapshots of current levels, rebuilt from the evidence ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.utils import timezone

from lms.models import User
from skills.models import (
    Competence,
    Evidence,
    MonthlySnapshot,
    RoleExpectation,
)
from skills.rules import Fact, levels_by_month, month_ends


def _facts(rows: Iterable[Evidence]) -> list[Fact]:
    return [
        Fact(e.level, e.source, e.observed_at, e.expires_at, e.pk, e.trust)
        for e in rows
    ]


def refresh_snapshots(person: User, competence: Competence, *, since: dt.date) -> int:
    """Rewrite the month-end snapshots of one person and competence from ``since``."""
    facts = _facts(Evidence.objects.filter(person=person, competence=competence))
    if not facts:
        return 0
    expected = (
        RoleExpectation.objects.filter(
            job_role_id=person.job_role_id, competence=competence
        )
        .values_list("level", flat=True)
        .first()
    )
    rows = _snapshot_rows(
        facts,
        person_id=person.pk,
        competence_id=competence.pk,
        expected=expected,
        where=(person.organisation_id, person.department_id, person.job_role_id),
        since=since,
    )
    MonthlySnapshot.objects.filter(
        person=person, competence=competence, month__gte=rows[0][2]
    ).delete()
    _insert_snapshot_rows(rows)
    return len(rows)


def _snapshot_rows(
    facts: list[Fact],
    *,
    person_id: int,
    competence_id: int,
    expected: int | None,
    where: tuple[int | None, int | None, int | None],
    since: dt.date | None = None,
) -> list[tuple[Any, ...]]:
    """One row per month end (``SNAPSHOT_COLUMNS``) from the first evidence, or
    from ``since``'s month if later, to this month; ``where``: organisation,
    department and job role ids."""
    tz = timezone.get_current_timezone()
    first = min(f.observed_at for f in facts).astimezone(tz).date()
    if since is not None:
        first = max(first, since.replace(day=1))
    months = month_ends(first, timezone.localdate())
    levels = levels_by_month(facts, months, tz)
    return [
        (person_id, competence_id, month, level, expected, *where)
        for month, level in zip(months, levels, strict=True)
    ]


SNAPSHOT_COLUMNS = (
    "person_id",
    "competence_id",
    "month",
    "level",
    "expected",
    "organisation_id",
    "department_id",
    "job_role_id",
)


def _insert_snapshot_rows(rows: list[tuple[Any, ...]]) -> None:
    """Millions of rows: COPY on PostgreSQL, executemany elsewhere, no model objects."""
    if not rows:
        return
    table = MonthlySnapshot._meta.db_table
    columns = ", ".join(SNAPSHOT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(SNAPSHOT_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )
