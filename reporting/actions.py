"""Writes of reporting: its own summary tables only."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from reporting import frames
from reporting.models import SkillsSummary, SummaryRefresh
from reporting.queries import STEP, department_paths, summary_source_rows

SUMMARY_COLUMNS = (
    "organisation_id",
    "department_id",
    "job_role_id",
    "competence_id",
    "month",
    "people",
    "with_expectation",
    "at_or_above",
    "level_sum",
    "expected_sum",
    "level_sum_expected",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
)


@transaction.atomic
def rebuild_skills_summary() -> int:
    """Recompute ``SkillsSummary`` from the snapshots: one ``GROUP BY`` in the
    database, then cells under k people pooled into larger ones
    (``frames.pool_small_cells``), so that no row describes fewer than k people.
    Returns the number of summary rows."""
    paths = department_paths()
    cells = summary_source_rows()
    for cell in cells:
        cell["path"] = paths.get(cell.pop("department_id"), "")
    departments = {path: pk for pk, path in paths.items()}
    rows = [
        (
            cell["organisation_id"],
            departments.get(cell["path"]),
            *(cell[column] for column in SUMMARY_COLUMNS[2:]),
        )
        for cell in frames.pool_small_cells(cells, step=STEP)
    ]
    SkillsSummary.objects.all().delete()
    _insert_summary_rows(rows)
    SummaryRefresh.objects.create(rows=len(rows))
    return len(rows)


def _insert_summary_rows(rows: list[tuple[Any, ...]]) -> None:
    """Many rows: COPY on PostgreSQL, executemany elsewhere, no model objects."""
    if not rows:
        return
    table = SkillsSummary._meta.db_table
    columns = ", ".join(SUMMARY_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(SUMMARY_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )
