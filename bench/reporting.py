"""HR dashboard server time on the synthetic town, against a raw SQL floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civicskills_bench \
        .venv/bin/python bench/reporting.py --people 10000 --months 36

Seeds the synthetic town with ``seed_synthetic`` (or reuses it), rebuilds the
reporting summary, then times the HR dashboard as rendered by Django (cold: first
request after the summary rebuild, with empty caches and a new database
connection, in a worker started as ``lms/wsgi.py`` starts it; warm: median of 10),
and the
floor: one raw ``GROUP BY`` month over the snapshot table for that town. The last
line is one JSON object with dashboard_cold_ms, dashboard_warm_ms, floor_sql_ms.
"""

from __future__ import annotations

import argparse
import json
import os
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
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from lms.models import Organisation, User
    from reporting.actions import rebuild_skills_summary
    from skills.models import MonthlySnapshot

    call_command("migrate", verbosity=0)
    slug = f"synthetic-{args.people}-{args.months}"
    call_command("seed_synthetic", people=args.people, months=args.months, slug=slug)
    town = Organisation.objects.get(slug=slug)
    hr, _ = User.objects.get_or_create(
        username=f"{slug}-hr", defaults={"organisation": town, "is_hr_admin": True}
    )

    started = time.perf_counter()
    summary_rows = rebuild_skills_summary()
    summary_s = time.perf_counter() - started

    table = MonthlySnapshot._meta.db_table
    floor = []
    for _ in range(3):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT month, COUNT(*), SUM(level) FROM {table} "  # noqa: S608
                "WHERE organisation_id = %s GROUP BY month",
                [town.pk],
            )
            cursor.fetchall()
        floor.append((time.perf_counter() - started) * 1000)

    # A worker as lms/wsgi.py starts it: URLconf loaded, plotly warmed up.
    from django.urls import get_resolver

    from reporting.charts import warm_up

    get_resolver().url_patterns  # noqa: B018
    warm_up()
    client = Client()
    client.force_login(hr)
    url = f"/reports/hr/?organisation={town.pk}"
    cache.clear()
    connection.close()
    started = time.perf_counter()
    status = client.get(url).status_code
    cold = (time.perf_counter() - started) * 1000
    warm = []
    for _ in range(10):
        started = time.perf_counter()
        client.get(url)
        warm.append((time.perf_counter() - started) * 1000)

    figures = {
        "database": connection.vendor,
        "people": args.people,
        "months": args.months,
        "snapshot_rows": MonthlySnapshot.objects.filter(organisation=town).count(),
        "summary_rows": summary_rows,
        "summary_rebuild_s": round(summary_s, 2),
        "dashboard_status": status,
        "dashboard_cold_ms": round(cold, 1),
        "dashboard_warm_ms": round(statistics.median(warm), 1),
        "floor_sql_ms": round(statistics.median(floor), 1),
    }
    print(
        f"HR dashboard, {args.people} people × {args.months} months on {connection.vendor}: "
        f"cold {figures['dashboard_cold_ms']} ms, warm {figures['dashboard_warm_ms']} ms; "
        f"raw GROUP BY over {figures['snapshot_rows']} snapshot rows {figures['floor_sql_ms']} ms"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
