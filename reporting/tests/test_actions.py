"""``reporting.actions.rebuild_skills_summary``: the summary the dashboards read,
rebuilt from the monthly snapshots with no cell describing 1 to k−1 people."""

from __future__ import annotations

import datetime as dt

from lms.models import Department, JobRole, Organisation, User
from lms.testing import make_person
from reporting.actions import rebuild_skills_summary
from reporting.frames import K_ANONYMITY
from reporting.models import SkillsSummary, SummaryRefresh
from skills.models import MonthlySnapshot
from skills.testing import SkillsTestCase

MONTH = dt.date(2026, 1, 1)


class RebuildSkillsSummaryTests(SkillsTestCase):
    def snapshots(
        self,
        prefix: str,
        levels: list[int],
        *,
        organisation: Organisation,
        department: Department | None,
        job_role: JobRole | None = None,
        expected: int | None = 2,
    ) -> list[User]:
        """One person per level, each with a snapshot of 4.1 this month."""
        people = [
            make_person(f"{prefix}{n}", organisation, department=department)
            for n in range(len(levels))
        ]
        MonthlySnapshot.objects.bulk_create(
            MonthlySnapshot(
                person=person,
                competence=self.c41,
                month=MONTH,
                level=level,
                expected=expected,
                organisation=organisation,
                department=department,
                job_role=job_role,
            )
            for person, level in zip(people, levels, strict=True)
        )
        return people

    def test_a_team_of_k_people_is_one_row_with_its_counts(self) -> None:
        """Five developers of Engineering, expected at 2, at levels 1 to 4: one
        row with their people, how many reach the expectation, the level sums
        and how many stand at each level."""
        self.snapshots(
            "dev",
            [1, 2, 2, 3, 4],
            organisation=self.town,
            department=self.engineering,
            job_role=self.developer_role,
        )
        self.assertEqual(rebuild_skills_summary(), 1)
        row = SkillsSummary.objects.get()
        self.assertEqual(
            (row.organisation_id, row.department_id, row.job_role_id),
            (self.town.pk, self.engineering.pk, self.developer_role.pk),
        )
        self.assertEqual((row.competence_id, row.month), (self.c41.pk, MONTH))
        self.assertEqual((row.people, row.with_expectation, row.at_or_above), (5, 5, 4))
        self.assertEqual(
            (row.level_sum, row.expected_sum, row.level_sum_expected), (12, 10, 12)
        )
        self.assertEqual(
            (row.level_1, row.level_2, row.level_3, row.level_4), (1, 2, 1, 1)
        )

    def test_a_small_team_is_pooled_into_its_parent_department(self) -> None:
        """Three people of Support (a unit of Engineering) are fewer than k: no
        row names Support, and their people are counted in Engineering's."""
        self.snapshots(
            "dev",
            [2, 2, 2, 2, 2],
            organisation=self.town,
            department=self.engineering,
            job_role=self.developer_role,
        )
        self.snapshots(
            "sup", [1, 3, 4], organisation=self.town, department=self.support
        )
        rebuild_skills_summary()
        rows = SkillsSummary.objects.all()
        self.assertFalse(rows.filter(department=self.support).exists())
        self.assertEqual(sum(row.people for row in rows), 8)
        self.assertEqual({row.department_id for row in rows}, {self.engineering.pk})
        for row in rows:
            self.assertGreaterEqual(row.people, K_ANONYMITY)

    def test_a_town_with_fewer_than_k_people_is_left_out(self) -> None:
        """Montval's two assessed people make no row at all; Saint-Aubin's five
        still make theirs."""
        self.snapshots(
            "dev",
            [2, 2, 3, 3, 4],
            organisation=self.town,
            department=self.engineering,
            job_role=self.developer_role,
        )
        self.snapshots(
            "mtv",
            [1, 4],
            organisation=self.other_town,
            department=self.other_hr_department,
        )
        self.assertEqual(rebuild_skills_summary(), 1)
        self.assertFalse(
            SkillsSummary.objects.filter(organisation=self.other_town).exists()
        )
        self.assertEqual(SkillsSummary.objects.get().organisation, self.town)

    def test_a_rebuild_replaces_the_rows_and_logs_each_run(self) -> None:
        """Rebuilding twice leaves one copy of each row, and each run is logged
        with the number of rows it wrote."""
        self.snapshots(
            "dev",
            [2, 2, 3, 3, 4],
            organisation=self.town,
            department=self.engineering,
            job_role=self.developer_role,
        )
        rebuild_skills_summary()
        self.assertEqual(rebuild_skills_summary(), 1)
        self.assertEqual(SkillsSummary.objects.count(), 1)
        self.assertEqual(
            list(SummaryRefresh.objects.values_list("rows", flat=True)), [1, 1]
        )

    def test_rows_left_from_snapshots_since_removed_are_dropped(self) -> None:
        """The summary describes the snapshots of now: once they are gone, so
        are its rows."""
        self.snapshots(
            "dev",
            [2, 2, 3, 3, 4],
            organisation=self.town,
            department=self.engineering,
            job_role=self.developer_role,
        )
        rebuild_skills_summary()
        MonthlySnapshot.objects.all().delete()
        self.assertEqual(rebuild_skills_summary(), 0)
        self.assertFalse(SkillsSummary.objects.exists())

    def test_with_no_snapshot_it_writes_no_row_but_logs_the_run(self) -> None:
        """No snapshots: no summary rows, one logged run of zero rows.

        Six queries: the savepoint ``atomic`` opens inside the test's
        transaction, the departments' paths, the snapshots' GROUP BY, emptying
        the summary, the run's log line, and the savepoint's release.
        """
        with self.assertNumQueries(6):
            self.assertEqual(rebuild_skills_summary(), 0)
        self.assertFalse(SkillsSummary.objects.exists())
        self.assertEqual(SummaryRefresh.objects.get().rows, 0)
