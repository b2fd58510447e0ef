"""Writes of reporting: its own summary tables only."""

from __future__ import annotations

from django.db import connection, transaction

from reporting.models import SkillsSummary, SummaryRefresh
from skills.models import MonthlySnapshot


@transaction.atomic
def rebuild_skills_summary() -> int:
    """Recompute ``SkillsSummary`` from the snapshots, in the database."""
    summary = SkillsSummary._meta.db_table
    snapshots = MonthlySnapshot._meta.db_table
    SkillsSummary.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {summary} (
                organisation_id, department_id, job_role_id, competence_id, month,
                people, with_expectation, at_or_above, level_sum, expected_sum,
                level_sum_expected, level_1, level_2, level_3, level_4
            )
            SELECT organisation_id, department_id, job_role_id, competence_id, month,
                COUNT(*),
                SUM(CASE WHEN expected IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN expected IS NOT NULL AND level >= expected THEN 1 ELSE 0 END),
                SUM(level),
                SUM(COALESCE(expected, 0)),
                SUM(CASE WHEN expected IS NOT NULL THEN level ELSE 0 END),
                SUM(CASE WHEN level = 1 THEN 1 ELSE 0 END),
                SUM(CASE WHEN level = 2 THEN 1 ELSE 0 END),
                SUM(CASE WHEN level = 3 THEN 1 ELSE 0 END),
                SUM(CASE WHEN level >= 4 THEN 1 ELSE 0 END)
            FROM {snapshots}
            GROUP BY organisation_id, department_id, job_role_id, competence_id, month
            """  # noqa: S608 - table names from model metadata
        )
        rows = cursor.rowcount
    SummaryRefresh.objects.create(rows=rows)
    return rows
