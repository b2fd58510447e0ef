"""The full snapshot rebuild, set-based in the database.

``rebuild_snapshots`` writes the same ``MonthlySnapshot`` rows as applying
``skills.rules.current_level`` at every month end in Python, on PostgreSQL and
SQLite alike (window functions, no vendor-specific function). Python only
supplies the months (in the current time zone, numbered from 0) and the trust
of each evidence source. For each range of people, in one transaction:

1. one ``INSERT … SELECT`` applies the rule into a temporary table of *spans*:
   a level held from one month to another (about two rows a person and
   competence, where the snapshot table has one a month);
2. one pass over the range's snapshot rows joins each to the span that should
   hold its month (a hash join on person and competence) and counts, per span,
   the rows held, those that differ, and the first and last month held;
3. a competence with a row that differs, a row in no span, or a month missing
   between two held is rewritten (its rows deleted, its spans' months
   inserted); elsewhere only the months before the first and after the last
   held are inserted.

Rows the rule still gives are not written: a nightly rebuild writes the new
month and the competences whose level moved. On PostgreSQL, when most rows are
missing (a first build), the two secondary indexes are dropped while rows are
inserted and built again at the end (``_drop_indexes_if_cheaper``).

The statement follows ``skills.rules.levels_by_month``: a level can only change
when a piece of evidence starts or stops counting, so the rule is applied once
per such instant (``instants``: every observation and expiry of a person and
competence from their first observation on); each instant's level then fills
the months up to the next instant's month (``segments``, then spans).
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
# PostgreSQL hashes and sorts a batch in memory with this much work memory.
BATCH_PEOPLE = 2_000
WORK_MEM = "64MB"
# Sorts an index of ten million rows in memory.
MAINTENANCE_WORK_MEM = "512MB"

SNAPSHOT = MonthlySnapshot._meta.db_table
EVIDENCE = Evidence._meta.db_table
PEOPLE = User._meta.db_table
EXPECTATIONS = RoleExpectation._meta.db_table
# Temporary tables of one rebuild (dropped at its end).
MONTHS = "skills_snapshot_months"
RANGE = "skills_snapshot_people"
SPANS = "skills_snapshot_spans"
SEEN = "skills_snapshot_seen"
DIRTY = "skills_snapshot_dirty"
COLUMNS = (
    "person_id, competence_id, month, level, expected, "
    "organisation_id, department_id, job_role_id"
)
SPAN_COLUMNS = (
    "person_id, competence_id, first_n, until_n, level, expected, "
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


def _month_rows(first: dt.date) -> list[tuple[Any, ...]]:
    """(number, first day, first instant, last instant) of each month from
    ``first`` to this month, in the current time zone, numbered from 0."""
    tz = timezone.get_current_timezone()
    ops = connection.ops
    return [
        (
            n,
            ops.adapt_datefield_value(month),
            ops.adapt_datetimefield_value(
                dt.datetime(month.year, month.month, 1, tzinfo=tz)
            ),
            ops.adapt_datetimefield_value(end_of_month(month, tz)),
        )
        for n, month in enumerate(first_days(first, timezone.localdate()))
    ]


def _temporary_tables() -> list[str]:
    instant = (
        "timestamp with time zone" if connection.vendor == "postgresql" else "text"
    )
    day = "date" if connection.vendor == "postgresql" else "text"
    return [
        f"CREATE TEMPORARY TABLE {MONTHS} "
        f"(n integer, month {day}, starts {instant}, ends {instant})",
        f"CREATE INDEX {MONTHS}_n ON {MONTHS} (n)",
        f"CREATE TEMPORARY TABLE {RANGE} (id integer)",
        f"CREATE TEMPORARY TABLE {SPANS} (person_id integer, competence_id integer, "
        "first_n integer, until_n integer, level integer, expected integer, "
        "organisation_id integer, department_id integer, job_role_id integer)",
        f"CREATE TEMPORARY TABLE {SEEN} (person_id integer, competence_id integer, "
        "first_n integer, matched integer, bad integer, min_n integer, max_n integer)",
        f"CREATE TEMPORARY TABLE {DIRTY} (person_id integer, competence_id integer)",
    ]


REBUILD = """
INSERT INTO {spans} ({span_columns})
WITH facts AS (
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
SELECT s.person_id, s.competence_id, a.n, COALESCE(b.n, %s), s.level, x.level,
       p.organisation_id, p.department_id, p.job_role_id
FROM segments s
JOIN {months} a ON a.starts <= s.at AND s.at <= a.ends
LEFT JOIN {months} b ON b.starts <= s.until AND s.until <= b.ends
JOIN {people} p ON p.id = s.person_id
LEFT JOIN {expectations} x
  ON x.job_role_id = p.job_role_id AND x.competence_id = s.competence_id
WHERE COALESCE(b.n, %s) > a.n
"""


SAME_ROW = " AND ".join(
    ["s.level = f.level"]
    + [
        # Ids and levels are never negative: -1 stands for NULL on both sides.
        f"COALESCE(s.{column}, -1) = COALESCE(f.{column}, -1)"
        for column in ("expected", "organisation_id", "department_id", "job_role_id")
    ]
)
# The range's people: those with evidence (of the organisation).
PICK_PEOPLE = f"""
INSERT INTO {RANGE} (id)
SELECT p.id FROM {PEOPLE} p
WHERE p.id >= %s AND p.id <= %s {{in_organisation}}
  AND EXISTS (SELECT 1 FROM {EVIDENCE} e WHERE e.person_id = p.id)
"""  # noqa: S608 - table and column names only
# Each snapshot row of the range against the span that should hold its month:
# per span, how many rows it has, how many differ, and its first and last month
# held; rows in no span (a month before the first evidence, or a competence with
# no evidence left) form groups with no span.
SEE = f"""
INSERT INTO {SEEN} (person_id, competence_id, first_n, matched, bad, min_n, max_n)
SELECT s.person_id, s.competence_id, f.first_n, COUNT(*),
       SUM(CASE WHEN {SAME_ROW} THEN 0 ELSE 1 END), MIN(m.n), MAX(m.n)
FROM {SNAPSHOT} s
JOIN {RANGE} r ON r.id = s.person_id
LEFT JOIN {MONTHS} m ON m.month = s.month
LEFT JOIN {SPANS} f
  ON f.person_id = s.person_id AND f.competence_id = s.competence_id
 AND f.first_n <= m.n AND m.n < f.until_n
WHERE s.person_id >= %s AND s.person_id <= %s
GROUP BY s.person_id, s.competence_id, f.first_n
"""  # noqa: S608 - table and column names only
# Competences of a person with a row that differs, is out of every span, or
# with a month missing between two held: all their rows are rewritten.
FIND_DIRTY = f"""
INSERT INTO {DIRTY} (person_id, competence_id)
SELECT DISTINCT person_id, competence_id FROM {SEEN}
WHERE bad > 0 OR matched <> max_n - min_n + 1
"""  # noqa: S608 - table and column names only
DROP_DIRTY = f"""
DELETE FROM {SNAPSHOT}
WHERE person_id >= %s AND person_id <= %s
  AND EXISTS (
    SELECT 1 FROM {DIRTY} d
    WHERE d.person_id = {SNAPSHOT}.person_id
      AND d.competence_id = {SNAPSHOT}.competence_id
  )
"""  # noqa: S608 - table and column names only
# Months of a span with no row: all of a rewritten competence's, all of a span
# with no row held, else those before its first and after its last row held.
ADD_MISSING = f"""
INSERT INTO {SNAPSHOT} ({COLUMNS})
SELECT f.person_id, f.competence_id, m.month, f.level, f.expected,
       f.organisation_id, f.department_id, f.job_role_id
FROM {SPANS} f
JOIN {MONTHS} m ON f.first_n <= m.n AND m.n < f.until_n
LEFT JOIN {SEEN} g
  ON g.person_id = f.person_id AND g.competence_id = f.competence_id
 AND g.first_n = f.first_n
LEFT JOIN {DIRTY} d
  ON d.person_id = f.person_id AND d.competence_id = f.competence_id
WHERE d.person_id IS NOT NULL OR g.person_id IS NULL
   OR m.n < g.min_n OR m.n > g.max_n
ORDER BY f.person_id, f.competence_id
"""  # noqa: S608 - table and column names only


def rebuild_snapshots(
    *, organisation: Organisation | None = None, batch_people: int = BATCH_PEOPLE
) -> int:
    """Recompute every snapshot of the people with evidence (of ``organisation``,
    or everyone) from the ledger; returns the number of their snapshot rows.

    Works through people in ranges of ``batch_people`` ids, each in its own
    transaction: one ``INSERT … SELECT`` computes the range's spans (a level
    over consecutive months) into a temporary table, one pass over the range's
    snapshot rows checks them against the spans, then competences with a row
    that differs are rewritten and missing months inserted. Rows the rule still
    gives are left as they are (no index or table write for them) and memory
    does not grow with the number of people.
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
    months = _month_rows(timezone.localtime(earliest).date().replace(day=1))
    kind, kind_params = _kind_sql()
    in_organisation = "AND p.organisation_id = %s" if organisation else ""
    compute = REBUILD.format(
        kind=kind,
        evidence=EVIDENCE,
        people=PEOPLE,
        spans=SPANS,
        span_columns=SPAN_COLUMNS,
        months=MONTHS,
        expectations=EXPECTATIONS,
        in_organisation=in_organisation,
    )
    pick = PICK_PEOPLE.format(in_organisation=in_organisation)
    in_town = [organisation.pk] if organisation is not None else []
    ids = people.order_by("pk").values_list("pk", flat=True)
    postgresql = connection.vendor == "postgresql"
    left = ids.count()
    written = 0
    low = 0
    indexes_dropped = False
    if postgresql:
        _restore_indexes()
    with connection.cursor() as cursor:
        _drop_temporary_tables(cursor)
        for create in _temporary_tables():
            cursor.execute(create)
        try:
            cursor.executemany(
                f"INSERT INTO {MONTHS} (n, month, starts, ends) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                months,
            )
            if postgresql:
                cursor.execute(f"ANALYZE {MONTHS}")
            while chunk := list(ids.filter(pk__gt=low)[:batch_people]):
                bounds = [chunk[0], chunk[-1]]
                with transaction.atomic():
                    if postgresql:
                        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
                        # Derived data, rebuilt from the ledger after a crash.
                        cursor.execute("SET LOCAL synchronous_commit = off")
                    for table in (RANGE, SPANS, SEEN, DIRTY):
                        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
                    cursor.execute(pick, [*bounds, *in_town])
                    cursor.execute(
                        compute,
                        [*kind_params, *bounds, *in_town, len(months), len(months)],
                    )
                    if postgresql:
                        cursor.execute(f"ANALYZE {RANGE}, {SPANS}")
                    cursor.execute(SEE, bounds)
                    cursor.execute(FIND_DIRTY)
                    if postgresql:
                        cursor.execute(f"ANALYZE {SEEN}, {DIRTY}")
                    cursor.execute(DROP_DIRTY, bounds)
                    cursor.execute(
                        f"SELECT SUM(until_n - first_n), "  # noqa: S608
                        f"(SELECT SUM(matched) FROM {SEEN}) FROM {SPANS}"
                    )
                    fresh, held = cursor.fetchone()
                    written += fresh or 0
                    if postgresql and not indexes_dropped:
                        inserts = max((fresh or 0) - (held or 0), 0)
                        indexes_dropped = _drop_indexes_if_cheaper(
                            inserts * left // len(chunk)
                        )
                    cursor.execute(ADD_MISSING)
                low = chunk[-1]
                left -= len(chunk)
        finally:
            _drop_temporary_tables(cursor)
            # After a failure inside an outer transaction, rolling it back
            # restores them.
            if indexes_dropped and not connection.needs_rollback:
                _restore_indexes()
    return written


def _drop_indexes_if_cheaper(inserts: int) -> bool:
    """Drop the snapshot table's secondary indexes (PostgreSQL) when about
    ``inserts`` rows are still to be inserted and that is at least a third of
    the table they will make: building an index once from sorted rows then costs
    less than keeping it up to date row by row (measured: 4 µs per inserted row
    for both indexes, 1.3 µs per row of the table to build them again). Reads
    work without them meanwhile (more slowly); ``_restore_indexes`` puts them
    back at the end of the rebuild, or at the start of the next one after a
    crash."""
    if inserts == 0:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = %s::regclass",
            [SNAPSHOT],
        )
        table_rows = cursor.fetchone()[0]
    if inserts * 3 < table_rows + inserts:
        return False
    with (
        transaction.atomic(),
        connection.schema_editor(atomic=False) as editor,
    ):
        for index in MonthlySnapshot._meta.indexes:
            editor.remove_index(MonthlySnapshot, index)
    return True


def _restore_indexes() -> None:
    """Create the snapshot table's secondary indexes that are missing
    (PostgreSQL), and refresh the table's statistics if any was."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s", [SNAPSHOT]
        )
        present = {name for (name,) in cursor.fetchall()}
        missing = [i for i in MonthlySnapshot._meta.indexes if i.name not in present]
        if not missing:
            return
        with transaction.atomic(), connection.schema_editor(atomic=False) as editor:
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
            for index in missing:
                editor.add_index(MonthlySnapshot, index)
        cursor.execute(f"ANALYZE {SNAPSHOT}")


def _drop_temporary_tables(cursor: Any) -> None:
    for table in (MONTHS, RANGE, SPANS, SEEN, DIRTY):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
