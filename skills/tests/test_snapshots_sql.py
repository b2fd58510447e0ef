"""The SQL snapshot rebuild against the Python level rule, row for row."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any
from unittest import skipUnless
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import Organisation, User
from skills.actions import _snapshot_rows, rebuild_snapshots
from skills.models import Competence, Evidence, MonthlySnapshot, RoleExpectation
from skills.rules import Fact
from skills.synthetic import seed_organisation
from skills.testing import SkillsTestCase

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 20, 10, tzinfo=PARIS)
ROW = (
    "person_id",
    "competence_id",
    "month",
    "level",
    "expected",
    "organisation_id",
    "department_id",
    "job_role_id",
)


def local(
    year: int, month: int, day: int, hour: int = 0, *, last: bool = False
) -> dt.datetime:
    """An instant in Paris; ``last``: the last microsecond of that hour."""
    start = dt.datetime(year, month, day, hour, tzinfo=PARIS)
    return start + dt.timedelta(hours=1, microseconds=-1) if last else start


def python_rows(organisation: Organisation | None = None) -> list[tuple[Any, ...]]:
    """The rows the rule in ``skills.rules`` gives, month by month in Python, for
    every person with evidence (of ``organisation``): the reference."""
    evidence = Evidence.objects.order_by("observed_at", "pk")
    if organisation is not None:
        evidence = evidence.filter(person__organisation=organisation)
    by_pair: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    for e in evidence:
        by_pair[(e.person_id, e.competence_id)].append(
            Fact(e.level, e.source, e.observed_at, e.expires_at, e.pk, e.trust)
        )
    expected = {
        (x.job_role_id, x.competence_id): x.level for x in RoleExpectation.objects.all()
    }
    people = {p.pk: p for p in User.objects.all()}
    rows: list[tuple[Any, ...]] = []
    for (person_id, competence_id), facts in by_pair.items():
        person = people[person_id]
        rows += _snapshot_rows(
            facts,
            person_id=person_id,
            competence_id=competence_id,
            expected=expected.get((person.job_role_id, competence_id)),
            where=(person.organisation_id, person.department_id, person.job_role_id),
        )
    return sorted(rows)


def table_rows(**filters: Any) -> list[tuple[Any, ...]]:
    return sorted(MonthlySnapshot.objects.filter(**filters).values_list(*ROW))


class SqlRebuildTests(SkillsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        with time_machine.travel(NOW, tick=False):
            super().setUpTestData()
            cls.seeded = seed_organisation(people=40, months=14, slug="seeded")
            cls.add_edge_cases()

    @classmethod
    def evidence(cls, person: User, **fields: Any) -> Evidence:
        fields.setdefault("competence", cls.c41)
        fields.setdefault("trust", "")
        return Evidence.objects.create(person=person, **fields)

    @classmethod
    def add_edge_cases(cls) -> None:
        """Cases the generator does not make, on the personas' town."""
        RoleExpectation.objects.create(
            job_role=cls.developer_role, competence=cls.c41, level=3
        )
        add = cls.evidence
        ada = cls.ada
        # Self, then content and platform results at the same instant, on the
        # first instant of a month.
        add(ada, level=3, source="self", trust="self", observed_at=local(2026, 1, 10))
        add(ada, level=4, source="h5p", trust="content", observed_at=local(2026, 2, 1))
        add(
            ada, level=2, source="course", trust="server", observed_at=local(2026, 2, 1)
        )
        # A validation on the last instant of March (a month that changes clocks)
        # lowers the level; a lower quiz after it does not move it, an import does.
        add(
            ada,
            level=1,
            source="manager",
            trust="manager",
            observed_at=local(2026, 3, 31, 23, last=True),
        )
        add(ada, level=1, source="quiz", trust="server", observed_at=local(2026, 4, 15))
        add(
            ada, level=3, source="import", trust="import", observed_at=local(2026, 5, 1)
        )
        add(
            ada, level=4, source="scorm", trust="content", observed_at=local(2026, 5, 2)
        )
        # Two validations at the same instant: the later row wins.
        add(
            ada,
            level=3,
            source="manager",
            trust="manager",
            observed_at=local(2026, 6, 5),
        )
        add(
            ada,
            level=2,
            source="manager",
            trust="manager",
            observed_at=local(2026, 6, 5),
        )
        # A validation that expires puts the earlier one back.
        add(
            ada,
            level=4,
            source="manager",
            trust="manager",
            observed_at=local(2026, 8, 1),
            expires_at=local(2026, 9, 1),
        )
        # Content only, expiring exactly at a month's last instant (not counted
        # then), and a course completed on content results.
        add(
            ada,
            competence=cls.c42,
            level=2,
            source="h5p",
            observed_at=local(2025, 12, 31, 23),
            expires_at=local(2026, 2, 28, 23, last=True),
        )
        add(
            ada,
            competence=cls.c42,
            level=1,
            source="course",
            trust="content",
            observed_at=local(2026, 2, 10),
        )
        # Recognised by peers: above the self-assessment below, under nothing else.
        add(
            cls.sam, level=3, source="peer", trust="peer", observed_at=local(2026, 8, 2)
        )
        # Observed by a trainer: an assessment, raising a validated level.
        add(
            cls.ben,
            level=4,
            source="training",
            trust="trainer",
            observed_at=local(2026, 2, 5),
        )
        # Several self-assessments in one month: the latest counts, even lower.
        for day, level in ((3, 2), (17, 4), (28, 1)):
            add(
                cls.sam,
                level=level,
                source="self",
                trust="self",
                observed_at=local(2026, 7, day),
            )
        # Evidence that expired before it was observed never counts.
        add(
            cls.sam,
            competence=cls.c42,
            level=2,
            source="self",
            trust="self",
            observed_at=local(2026, 3, 3),
            expires_at=local(2026, 1, 1),
        )
        # Everything expires: back to 0.
        add(
            cls.ben,
            level=3,
            source="import",
            trust="import",
            observed_at=local(2025, 10, 1),
            expires_at=local(2026, 4, 1),
        )
        # Someone who left, and someone without a job role (no expectation).
        cls.dev.is_active = False
        cls.dev.save()
        add(
            cls.dev,
            level=2,
            source="quiz",
            trust="server",
            observed_at=local(2025, 9, 30, 22),
        )
        add(
            cls.eli,
            level=1,
            source="self",
            trust="self",
            observed_at=local(2026, 10, 31, 12),
        )
        add(
            cls.marc,
            level=2,
            source="course",
            trust="server",
            observed_at=local(2026, 6, 1),
        )

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(time_machine.travel(NOW, tick=False))

    def test_the_ledger_covers_every_trust_level(self) -> None:
        """The comparison below weighs every kind of evidence."""
        trusts = set(Evidence.objects.values_list("trust", flat=True))
        self.assertLessEqual(set(Evidence.Trust.values) | {""}, trusts)

    def test_it_writes_the_rows_of_the_python_rule(self) -> None:
        """Every row the SQL rebuild writes is the one the Python rule gives, for
        every person, competence and month, in batches of a few people."""
        reference = python_rows()
        self.assertGreater(len(reference), 40 * 21 * 10)
        written = rebuild_snapshots(batch_people=7)
        self.assertEqual(table_rows(), reference)
        self.assertEqual(written, len(reference))

    def test_it_replaces_stale_rows(self) -> None:
        """Rows already there are rewritten, not added to."""
        rebuild_snapshots()
        MonthlySnapshot.objects.filter(person=self.ada).update(level=4, expected=None)
        rebuild_snapshots()
        self.assertEqual(table_rows(), python_rows())

    def test_it_repairs_missing_strayed_and_moved_rows(self) -> None:
        """Over existing snapshots, a month missing between two held, a row for
        a competence with no evidence, a row before the first evidence, a row
        whose department is out of date and a new month are all put right."""
        rebuild_snapshots()
        MonthlySnapshot.objects.filter(
            person=self.ada, competence=self.c41, month=dt.date(2026, 10, 1)
        ).delete()
        held = MonthlySnapshot.objects.filter(person=self.ada, competence=self.c41)
        first = held.order_by("month").first()
        assert first is not None
        stray = Competence.objects.get(version=self.version, code="1.1")
        for competence, month in (
            (stray, dt.date(2026, 5, 1)),
            (self.c42, dt.date(2020, 1, 1)),
        ):
            MonthlySnapshot.objects.create(
                person=self.ada,
                competence=competence,
                month=month,
                level=2,
                organisation_id=first.organisation_id,
            )
        MonthlySnapshot.objects.filter(
            person=self.sam, month=dt.date(2026, 8, 1)
        ).update(department=None)
        with time_machine.travel(NOW + dt.timedelta(days=31), tick=False):
            written = rebuild_snapshots(batch_people=7)
            reference = python_rows()
        self.assertEqual(table_rows(), reference)
        self.assertEqual(written, len(reference))

    def test_it_rebuilds_one_organisation_only(self) -> None:
        """A town's rebuild rewrites its people and leaves another town's rows."""
        rebuild_snapshots()
        MonthlySnapshot.objects.filter(person=self.marc).update(level=4)
        stale = table_rows(person=self.marc)
        written = rebuild_snapshots(organisation=self.town)
        self.assertEqual(table_rows(organisation=self.town), python_rows(self.town))
        self.assertEqual(written, len(python_rows(self.town)))
        self.assertEqual(table_rows(person=self.marc), stale)

    def test_a_sample_of_levels_reads_as_the_rule_says(self) -> None:
        """Spot checks of the rule on the edge cases, month by month."""
        rebuild_snapshots()
        ada = dict(
            MonthlySnapshot.objects.filter(person=self.ada, competence=self.c41)
            .filter(month__year=2026)
            .values_list("month__month", "level")
        )
        # self 3; platform 2 outranks content 4; validation 1 (Mar 31 end);
        # quiz 1; import 3; content 4 ignored; validations 3 then 2 (June);
        # validation 4 in August only; back to 2.
        self.assertEqual(
            [ada[m] for m in range(1, 12)], [3, 2, 1, 1, 3, 2, 2, 4, 2, 2, 2]
        )
        c42 = dict(
            MonthlySnapshot.objects.filter(person=self.ada, competence=self.c42)
            .filter(month__year=2026)
            .values_list("month__month", "level")
        )
        self.assertEqual([c42[m] for m in (1, 2, 3)], [2, 1, 1])
        self.assertEqual(
            MonthlySnapshot.objects.get(
                person=self.sam, competence=self.c41, month=dt.date(2026, 7, 1)
            ).level,
            1,
        )

    def test_an_empty_ledger_writes_nothing(self) -> None:
        """Without evidence there is nothing to rebuild, and nothing fails."""
        self.assertEqual(rebuild_snapshots(organisation=self.other_town), 6)
        Evidence.objects.filter(person__organisation=self.other_town).delete()
        MonthlySnapshot.objects.all().delete()
        self.assertEqual(rebuild_snapshots(organisation=self.other_town), 0)
        self.assertFalse(MonthlySnapshot.objects.exists())


@skipUnless(
    connection.vendor == "postgresql",
    "secondary indexes are dropped on PostgreSQL only",
)
class SnapshotIndexTests(SkillsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        with time_machine.travel(NOW, tick=False):
            super().setUpTestData()
            cls.seeded = seed_organisation(people=20, months=6, slug="seeded")

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(time_machine.travel(NOW, tick=False))

    def index_names(self) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s",
                [MonthlySnapshot._meta.db_table],
            )
            return {name for (name,) in cursor.fetchall()}

    def test_a_cold_rebuild_builds_the_indexes_again(self) -> None:
        """A rebuild into an empty table drops the secondary indexes and builds
        them again at its end; a rebuild over its rows keeps them."""
        before = self.index_names()
        self.assertLessEqual({i.name for i in MonthlySnapshot._meta.indexes}, before)
        # The rebuild sizes the table by its statistics, which may still count
        # rows of an earlier test (ANALYZE's figures outlive a rollback).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {MonthlySnapshot._meta.db_table}")
        with CaptureQueriesContext(connection) as cold:
            rebuild_snapshots(batch_people=3)
        self.assertEqual(self.index_names(), before)
        self.assertEqual(table_rows(), python_rows())
        with CaptureQueriesContext(connection) as warm:
            rebuild_snapshots(batch_people=3)
        self.assertEqual(
            [self.index_ddl(cold), self.index_ddl(warm)],
            [len(MonthlySnapshot._meta.indexes), 0],
        )

    @staticmethod
    def index_ddl(queries: CaptureQueriesContext) -> int:
        return sum("DROP INDEX" in q["sql"] for q in queries.captured_queries)

    def test_it_restores_indexes_a_stopped_rebuild_left_out(self) -> None:
        """An index dropped by a rebuild that never reached its end is built
        again by the next rebuild."""
        before = self.index_names()
        index = MonthlySnapshot._meta.indexes[0]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP INDEX "{index.name}"')
        rebuild_snapshots()
        self.assertEqual(self.index_names(), before)
