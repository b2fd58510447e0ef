"""Import N people from one XLSX file and print wall time and peak memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civicskills_bench \
        .venv/bin/python bench/people_import.py --people 50000

Creates the database's tables if needed, a fresh organisation for the run, writes the
XLSX file, then times the dry run and the apply separately, and a second import
of the same file (nothing to change). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")


def build_xlsx(people: int, departments: list[str], roles: list[str]) -> bytes:
    import openpyxl

    from lms.people_file import COLUMNS

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(COLUMNS)
    for i in range(people):
        manager = f"P{(i // 10):06d}" if i >= 10 else ""
        sheet.append(
            [
                f"P{i:06d}",
                f"Nom{i}",
                "Hélène" if i % 2 else "Émile",
                f"p{i}@bench.example.org",
                "staff",
                departments[i % len(departments)],
                roles[i % len(roles)],
                manager,
                "2015-09-01",
                "fr",
                "yes",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from lms.actions import apply_people_import_job, check_people_import_job
    from lms.models import Department, ImportJob, JobRole, Organisation

    slug = f"bench-{uuid.uuid4().hex[:8]}"
    town = Organisation.objects.create(name=slug, slug=slug)
    root = Department.add_root(
        instance=Department(
            organisation=town, code="D", name="Direction", kind="direction"
        )
    )
    codes = [f"S{i}" for i in range(40)]
    for code in codes:
        root.add_child(
            instance=Department(organisation=town, code=code, name=f"Service {code}")
        )
    roles = [f"R{i}" for i in range(25)]
    JobRole.objects.bulk_create(
        [JobRole(organisation=town, code=c, name=c) for c in roles]
    )
    started = time.perf_counter()
    content = build_xlsx(args.people, codes, roles)
    write_s = time.perf_counter() - started

    figures: dict[str, object] = {
        "people": args.people,
        "database": connection.vendor,
        "xlsx_bytes": len(content),
        "xlsx_write_s": round(write_s, 2),
    }
    for run in ("first", "second"):
        job = ImportJob.objects.create(
            organisation=town, filename="people.xlsx", content=content
        )
        started = time.perf_counter()
        check_people_import_job(job)
        checked = time.perf_counter()
        assert job.status == ImportJob.Status.VALID, job.report  # noqa: S101
        apply_people_import_job(job)
        applied = time.perf_counter()
        assert job.status == ImportJob.Status.APPLIED, job.report  # noqa: S101
        figures[f"{run}_check_s"] = round(checked - started, 2)
        figures[f"{run}_apply_s"] = round(applied - checked, 2)
        figures[f"{run}_total_s"] = round(applied - started, 2)
        figures[f"{run}_created"] = job.report["create"]
        figures[f"{run}_unchanged"] = job.report["unchanged"]
    figures["peak_rss_mib"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    print(
        f"Imported {args.people} people on {connection.vendor}: "
        f"first import {figures['first_total_s']} s, "
        f"same file again {figures['second_total_s']} s, "
        f"peak RSS {figures['peak_rss_mib']} MiB"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
