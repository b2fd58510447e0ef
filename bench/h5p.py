"""H5P: import time and disk use of the largest fixture, time to first render.

    .venv/bin/python bench/h5p.py [--runs 5] [--fixtures ../shared/fixtures/h5p]

Imports the largest ``.h5p`` of the fixtures folder into an empty media folder
(first import: libraries and content) and again (content only), ``--runs`` times
each, and reports the disk used by the shared libraries and by one package.
Then serves the site with gunicorn (2 workers), puts the True/False fixture in a
lesson, and in Debian's Chromium measures, in a new browser context each run,
the time from opening the signed-in lesson page until the question shows inside
the sandboxed player. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MEDIA = Path(tempfile.mkdtemp(prefix="civicskills-bench-h5p-"))
os.environ["MEDIA_ROOT"] = str(MEDIA)
from bench.pages import PASSWORD, USERNAME, seed, serving  # noqa: E402

TRUE_FALSE = "h5p-standalone_test_TrueFalse.h5p"


def disk_use(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure_import(fixture: Path, runs: int) -> dict:
    from courses.h5p import actions as h5p_actions
    from courses.h5p.models import H5PLibrary, H5PPackage
    from courses.packages import store as package_store

    first, again = [], []
    for _ in range(runs):
        H5PPackage.objects.all().delete()
        H5PLibrary.objects.all().delete()
        shutil.rmtree(package_store.h5p_root(), ignore_errors=True)
        for times in (first, again):
            start = time.perf_counter()
            with fixture.open("rb") as handle:
                package = h5p_actions.import_h5p(handle)
            times.append((time.perf_counter() - start) * 1000)
    return {
        "fixture": fixture.name,
        "file_bytes": fixture.stat().st_size,
        "first_import_ms": round(statistics.median(first), 1),
        "again_ms": round(statistics.median(again), 1),
        "libraries_bytes": disk_use(package_store.libraries_root()),
        "package_bytes": disk_use(package_store.content_root(package.key)),
    }


def true_false_lesson(fixture: Path) -> str:
    from courses import actions
    from courses.demo.builders import make_activity_lesson
    from courses.h5p import actions as h5p_actions
    from courses.models import CoursePage, OrganisationCataloguePage
    from lms.models import User

    learner = User.objects.get(username=USERNAME)
    with fixture.open("rb") as handle:
        package = h5p_actions.import_h5p(handle)
    section = OrganisationCataloguePage.objects.get(organisation=learner.organisation)
    CoursePage.objects.filter(slug="bench-h5p").delete()  # from an earlier run
    lesson = make_activity_lesson(
        section,
        slug="bench-h5p",
        block={"type": "h5p", "value": {"package": package.pk, "pass_mark": 100}},
    )
    actions.enrol(learner, lesson.course)
    return lesson.url


def measure_render(base: str, path: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", USERNAME)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
            start = time.perf_counter()
            page.goto(base + path)
            page.frame_locator("iframe.h5p-frame").get_by_text(
                "Is this false?"
            ).wait_for()
            times.append((time.perf_counter() - start) * 1000)
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--fixtures", type=Path, default=ROOT.parent / "shared" / "fixtures" / "h5p"
    )
    args = parser.parse_args()
    fixtures = sorted(args.fixtures.glob("*.h5p"), key=lambda f: f.stat().st_size)
    if not fixtures or not (args.fixtures / TRUE_FALSE).exists():
        sys.exit(f"No H5P fixtures (with {TRUE_FALSE}) in {args.fixtures}")
    (ROOT / "var").mkdir(exist_ok=True)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        seed()
        imported = measure_import(fixtures[-1], args.runs)
        path = true_false_lesson(args.fixtures / TRUE_FALSE)
        vendor = connection.vendor
        connection.close()
        with serving() as base:
            measure_render(base, path, 1)  # warm-up: the server's first requests
            render = measure_render(base, path, args.runs)
    finally:
        shutil.rmtree(MEDIA, ignore_errors=True)
    print(
        f"import {imported['fixture']} ({imported['file_bytes'] / 1e6:.2f} MB): "
        f"first {imported['first_import_ms']} ms, again {imported['again_ms']} ms; "
        f"libraries {imported['libraries_bytes'] / 1e6:.1f} MB, "
        f"package {imported['package_bytes'] / 1e3:.0f} KB"
    )
    print(
        f"first render of the True/False player: median "
        f"{statistics.median(render):.0f} ms, max {max(render):.0f} ms "
        f"({len(render)} new browser contexts)"
    )
    print(
        json.dumps(
            {
                "database": vendor,
                "import": imported,
                "render_ms": [round(t) for t in render],
            }
        )
    )


if __name__ == "__main__":
    main()
