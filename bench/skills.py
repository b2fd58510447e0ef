"""Skills at scale: seed a synthetic town, rebuild every snapshot, record evidence.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civicskills_bench \
        .venv/bin/python bench/skills.py --people 10000 --months 36

Uses ``seed_synthetic`` (reused if the town exists), then times a full
``rebuild_snapshots`` of that town (``rebuild_snapshots_s``: its snapshots are
already there, as for a nightly rebuild, so only rows the rule changes are
written), the same rebuild from an empty table (``rebuild_snapshots_cold_s``: the
town's snapshots deleted first, every row inserted), 50 single
``record_evidence`` calls (each also rewrites that person's month-end
snapshots), and counts the queries of the My skills page. Peak memory of this
process is ``peak_rss_mb``. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=36)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.models import Organisation, User
    from skills.actions import rebuild_snapshots, record_evidence
    from skills.models import Competence, Evidence, MonthlySnapshot

    call_command("migrate", verbosity=0)
    slug = f"synthetic-{args.people}-{args.months}"
    started = time.perf_counter()
    call_command("seed_synthetic", people=args.people, months=args.months, slug=slug)
    seed_s = time.perf_counter() - started
    town = Organisation.objects.get(slug=slug)
    evidence_rows = Evidence.objects.filter(person__organisation=town).count()

    started = time.perf_counter()
    snapshot_rows = rebuild_snapshots(organisation=town)
    rebuild_s = time.perf_counter() - started

    # One statement: the ORM's delete() loads each of the millions of rows first
    # (a post_delete receiver for every model defeats its fast path), which
    # would dominate peak_rss_mb and take minutes, and is not what is measured.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {MonthlySnapshot._meta.db_table} "  # noqa: S608
            "WHERE organisation_id = %s",
            [town.pk],
        )
    started = time.perf_counter()
    cold_rows = rebuild_snapshots(organisation=town)
    rebuild_cold_s = time.perf_counter() - started
    assert cold_rows == snapshot_rows, (cold_rows, snapshot_rows)  # noqa: S101

    people = list(User.objects.filter(organisation=town).order_by("pk")[:50])
    competence = Competence.objects.get(
        version__is_current=True, version__framework__slug="digcomp", code="4.1"
    )
    timings = []
    for person in people:
        started = time.perf_counter()
        record_evidence(person, competence=competence, level=3, source="course")
        timings.append((time.perf_counter() - started) * 1000)

    client = Client()
    client.force_login(people[0])
    client.get("/reports/my-skills/")
    with CaptureQueriesContext(connection) as queries:
        status = client.get("/reports/my-skills/").status_code

    figures = {
        "database": connection.vendor,
        "people": args.people,
        "months": args.months,
        "seed_s_or_reused": round(seed_s, 1),
        "evidence_rows": evidence_rows,
        "snapshot_rows": snapshot_rows,
        "snapshot_table_rows": MonthlySnapshot.objects.count(),
        "rebuild_snapshots_s": round(rebuild_s, 1),
        "rebuild_snapshots_cold_s": round(rebuild_cold_s, 1),
        "peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
        "record_evidence_median_ms": round(statistics.median(timings), 1),
        "record_evidence_max_ms": round(max(timings), 1),
        "my_skills_queries": len(queries),
        "my_skills_status": status,
    }
    print(
        f"{args.people} people × 21 competences × {args.months} months on {connection.vendor}: "
        f"rebuild {figures['rebuild_snapshots_s']} s for {snapshot_rows} rows "
        f"({figures['rebuild_snapshots_cold_s']} s into an empty table); "
        f"record one evidence {figures['record_evidence_median_ms']} ms (median); "
        f"My skills {len(queries)} queries"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
