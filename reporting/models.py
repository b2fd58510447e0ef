"""Summary tables that reporting owns and rebuilds; it writes no other app's tables."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SkillsSummary(models.Model):
    """Month-end skills of one organisation, department, job role and competence.

    Rebuilt from ``skills.MonthlySnapshot`` in one ``INSERT … SELECT … GROUP BY``
    (``reporting.actions.rebuild_skills_summary``), nightly and after imports, so
    dashboards read thousands of rows instead of millions.
    """

    organisation = models.ForeignKey(
        "lms.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "lms.Department", on_delete=models.CASCADE, null=True, related_name="+"
    )
    job_role = models.ForeignKey(
        "lms.JobRole", on_delete=models.CASCADE, null=True, related_name="+"
    )
    competence = models.ForeignKey(
        "skills.Competence", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    people = models.PositiveIntegerField()
    with_expectation = models.PositiveIntegerField()
    at_or_above = models.PositiveIntegerField()
    level_sum = models.PositiveIntegerField()
    expected_sum = models.PositiveIntegerField()
    level_sum_expected = models.PositiveIntegerField(
        help_text="Level sum where an expectation exists."
    )
    level_1 = models.PositiveIntegerField()
    level_2 = models.PositiveIntegerField()
    level_3 = models.PositiveIntegerField()
    level_4 = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m} {self.competence_id}"


class SummaryRefresh(models.Model):
    finished_at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField()

    class Meta:
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} ({self.rows})"
