"""The full snapshot rebuild, set-based in the database.

``rebuild_snapshots`` writes the same ``MonthlySnapshot`` rows as applying
``skills.rules.current_level`` at every month end in Python, with one
``INSERT … SELECT`` per batch of people into a temporary table, then one
``DELETE`` of the rows that differ and one ``INSERT … SELECT`` of the missing
ones, on PostgreSQL and SQLite alike (window functions, no vendor-specific
function). Python only supplies the month ends (in the current time zone) and
the trust of each evidence source. Rows the rule still gives are not touched:
a nightly rebuild writes the new month and the few levels that moved.

The statement follows ``skills.rules.levels_by_month``: a level can only change
when a piece of evidence starts or stops counting, so the rule is applied once
per such instant (``instants``: every observation and expiry of a person and
competence from their first observation on); each instant's level then fills
the month ends up to the next instant (``segments`` joined to ``months``).
At an instant the evidence that counts (observed by then, not expired by then)
is weighed as ``current_level`` weighs it:

1. the latest manager validation (latest observation, then latest row), raised
   by the highest assessment scored by the platform or from outside observed
   strictly after that validation's date;
2. else the highest such assessment;
3. else the highest result reported by the content;
4. else the latest self-assessment;
5. else 0.

A test (``skills/tests/test_snapshots_sql.py``) compares every row with the
Python rule on a seeded town.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from lms.models import Organisation, User
from skills.models import Evidence, MonthlySnapshot, RoleExpectation
from skills.rules import MANAGER, REPORTED, SELF, TRUST_OF_SOURCE, end_of_month
from skills.rules import month_ends as first_days

# A batch of people is one transaction (about 750 rows a person over three years);
# PostgreSQL sorts a batch in memory with this much work memory.
BATCH_PEOPLE = 2_000
WORK_MEM = "64MB"

SNAPSHOT = MonthlySnapshot._meta.db_table
FRESH = "skills_snapshot_rebuild"
EVIDENCE = Evidence._meta.db_table
PEOPLE = User._meta.db_table
EXPECTATIONS = RoleExpectation._meta.db_table
COLUMNS = (
    "person_id, competence_id, month, level, expected, "
    "organisation_id, department_id, job_role_id"
)


def _kind_sql() -> tuple[str, list[str]]:
    """SQL naming how the rule weighs an evidence row: 'v' validated by a manager,
    's' self-assessed, 'r' reported by the content or recognised by peers, 'a' assessed (anything else,
    as ``Fact.trusted_as`` falls back to "server")."""
    by_source = " ".join("WHEN %s THEN %s" for _source in TRUST_OF_SOURCE)
    params: list[str] = []
    for source, trust in TRUST_OF_SOURCE.items():
        params += [source, trust]
    trusted_as = (
        f"COALESCE(NULLIF(e.trust, ''), CASE e.source {by_source} ELSE 'server' END)"
    )
    sql = (
        f"CASE {trusted_as} WHEN %s THEN 'v' WHEN %s THEN 's' "
        "WHEN %s THEN 'r' WHEN %s THEN 'r' ELSE 'a' END"
    )
    return sql, [*params, MANAGER, SELF, *REPORTED]


def _months_sql(first: dt.date) -> tuple[str, list[Any]]:
    """``VALUES`` of (first day, last instant) of each month from ``first`` to this
    month, in the current time zone."""
    tz = timezone.get_current_timezone()
    months = first_days(first, timezone.localdate())
    ops = connection.ops
    params: list[Any] = []
    for month in months:
        params += [
            ops.adapt_datefield_value(month),
            ops.adapt_datetimefield_value(end_of_month(month, tz)),
        ]
    return ", ".join(["(%s, %s)"] * len(months)), params


REBUILD = """
INSERT INTO {fresh} ({columns})
WITH months (month, month_end) AS (VALUES {months}),
facts AS (
    SELECT e.id, e.person_id, e.competence_id, e.level, e.observed_at,
           e.expires_at, {kind} AS kind,
           MIN(e.observed_at) OVER (
               PARTITION BY e.person_id, e.competence_id
           ) AS first_at
    FROM {evidence} e
    JOIN {people} p ON p.id = e.person_id
    WHERE e.person_id >= %s AND e.person_id <= %s {in_organisation}
),
instants AS (
    SELECT person_id, competence_id, observed_at AS at FROM facts
    UNION
    SELECT person_id, competence_id, expires_at FROM facts
    WHERE expires_at IS NOT NULL AND expires_at > first_at
),
live AS (
    SELECT i.person_id, i.competence_id, i.at, f.kind, f.level, f.observed_at,
           ROW_NUMBER() OVER (
               PARTITION BY i.person_id, i.competence_id, i.at, f.kind
               ORDER BY f.observed_at DESC, f.id DESC
           ) AS latest,
           MAX(CASE WHEN f.kind = 'v' THEN f.observed_at END) OVER (
               PARTITION BY i.person_id, i.competence_id, i.at
           ) AS validated_at
    FROM instants i
    JOIN facts f
      ON f.person_id = i.person_id AND f.competence_id = i.competence_id
     AND f.observed_at <= i.at
     AND (f.expires_at IS NULL OR f.expires_at > i.at)
),
weighed AS (
    SELECT person_id, competence_id, at,
           MAX(CASE WHEN kind = 'v' AND latest = 1 THEN level END) AS validated,
           MAX(CASE WHEN kind = 'a' AND observed_at > validated_at
                    THEN level END) AS assessed_after,
           MAX(CASE WHEN kind = 'a' THEN level END) AS assessed,
           MAX(CASE WHEN kind = 'r' THEN level END) AS reported,
           MAX(CASE WHEN kind = 's' AND latest = 1 THEN level END) AS self
    FROM live
    GROUP BY person_id, competence_id, at
),
segments AS (
    SELECT i.person_id, i.competence_id, i.at,
           LEAD(i.at) OVER (
               PARTITION BY i.person_id, i.competence_id ORDER BY i.at
           ) AS until,
           CASE
               WHEN w.validated IS NOT NULL THEN
                   CASE WHEN w.assessed_after > w.validated
                        THEN w.assessed_after ELSE w.validated END
               WHEN w.assessed IS NOT NULL THEN w.assessed
               WHEN w.reported IS NOT NULL THEN w.reported
               WHEN w.self IS NOT NULL THEN w.self
               ELSE 0
           END AS level
    FROM instants i
    LEFT JOIN weighed w
      ON w.person_id = i.person_id AND w.competence_id = i.competence_id
     AND w.at = i.at
)
SELECT s.person_id, s.competence_id, m.month, s.level, x.level,
       p.organisation_id, p.department_id, p.job_role_id
FROM segments s
JOIN months m ON m.month_end >= s.at AND (s.until IS NULL OR m.month_end < s.until)
JOIN {people} p ON p.id = s.person_id
LEFT JOIN {expectations} x
  ON x.job_role_id = p.job_role_id AND x.competence_id = s.competence_id

"""


SAME_ROW = " AND ".join(
    [
        f"{FRESH}.{column} = {SNAPSHOT}.{column}"
        for column in ("person_id", "competence_id", "month", "level")
    ]
    + [
        # Ids and levels are never negative: -1 stands for NULL on both sides.
        f"COALESCE({FRESH}.{column}, -1) = COALESCE({SNAPSHOT}.{column}, -1)"
        for column in ("expected", "organisation_id", "department_id", "job_role_id")
    ]
)
DROP_STALE = f"""
DELETE FROM {SNAPSHOT}
WHERE person_id IN ({{people}})
  AND NOT EXISTS (SELECT 1 FROM {FRESH} WHERE {SAME_ROW})
"""  # noqa: S608 - table and column names only
ADD_MISSING = f"""
INSERT INTO {SNAPSHOT} ({COLUMNS})
SELECT {COLUMNS} FROM {FRESH}
WHERE NOT EXISTS (
    SELECT 1 FROM {SNAPSHOT}
    WHERE {SNAPSHOT}.person_id = {FRESH}.person_id
      AND {SNAPSHOT}.competence_id = {FRESH}.competence_id
      AND {SNAPSHOT}.month = {FRESH}.month
)
"""  # noqa: S608 - table and column names only


def rebuild_snapshots(
    *, organisation: Organisation | None = None, batch_people: int = BATCH_PEOPLE
) -> int:
    """Recompute every snapshot of the people with evidence (of ``organisation``,
    or everyone) from the ledger; returns the number of their snapshot rows.

    Works through people in ranges of ``batch_people`` ids, each in its own
    transaction: one ``INSERT … SELECT`` computes the range's rows into a
    temporary table, then rows that differ are deleted and missing ones
    inserted, so rows the rule still gives are left as they are (no index or
    table write for them) and memory does not grow with the number of people.
    """
    people = User.objects.filter(Exists(Evidence.objects.filter(person=OuterRef("pk"))))
    if organisation is not None:
        people = people.filter(organisation=organisation)
    earliest = (
        Evidence.objects.filter(person__in=people.values("pk"))
        .order_by("observed_at")
        .values_list("observed_at", flat=True)
        .first()
    )
    if earliest is None:
        return 0
    months, month_params = _months_sql(
        timezone.localtime(earliest).date().replace(day=1)
    )
    kind, kind_params = _kind_sql()
    compute = REBUILD.format(
        months=months,
        kind=kind,
        evidence=EVIDENCE,
        people=PEOPLE,
        fresh=FRESH,
        expectations=EXPECTATIONS,
        columns=COLUMNS,
        in_organisation="AND p.organisation_id = %s" if organisation else "",
    )
    ids = people.order_by("pk").values_list("pk", flat=True)
    written = 0
    low = 0
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FRESH}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {FRESH} AS "  # noqa: S608
            f"SELECT {COLUMNS} FROM {SNAPSHOT} WHERE 1 = 0"
        )
        try:
            while chunk := list(ids.filter(pk__gt=low)[:batch_people]):
                params: list[Any] = [*month_params, *kind_params, chunk[0], chunk[-1]]
                if organisation is not None:
                    params.append(organisation.pk)
                with transaction.atomic():
                    if connection.vendor == "postgresql":
                        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
                    cursor.execute(f"DELETE FROM {FRESH}")  # noqa: S608
                    cursor.execute(compute, params)
                    written += cursor.rowcount
                    if connection.vendor == "postgresql":
                        cursor.execute(f"ANALYZE {FRESH}")
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(DROP_STALE.format(people=marks), chunk)
                    cursor.execute(ADD_MISSING)
                low = chunk[-1]
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {FRESH}")
    return written
