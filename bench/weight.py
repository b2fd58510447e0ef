"""Bytes a browser downloads for each key page, on an empty cache and again.

    .venv/bin/python bench/weight.py [--slow-3g]

Loads the demo once into its own SQLite database (var/weight.sqlite3, or the one
DATABASE_URL names), collects the static files as production does (own CSS and JS
minified, hashed names, gzip copies from WhiteNoise; brotli ones too when the
Brotli package is there),
serves the site with gunicorn on a free local port, and opens each page in
Debian's Chromium (Playwright) signed in as the demo person who uses it:
home and a lesson (Ada, learner), "My skills" (Ada), the HR dashboard (Cléo),
the council summary (Éli).

Counts what came over the network, as served (compressed where the server
compressed): Chromium's encoded data length of every response (HTML, CSS, JS,
fonts, images), on a first visit with an empty cache and on a second visit in the
same browser (the dashboards' charts arrive from URLs of their own, fetched by
the page's script: they are counted with the page, as are the 304s of those
the browser revalidates). With ``--slow-3g`` it also times each first visit on DevTools'
"Slow 3G" profile (2 s round trip, 50 kB/s): first contentful paint and load.
The last line is one JSON object: per page, ``first_visit_bytes``,
``second_visit_bytes``, ``by_type`` and ``second_by_type`` (bytes per kind of
response) and the slow 3G times.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The project first: bench/skills.py must not hide the skills app.
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "weight_settings"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'weight.sqlite3'}")
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")]
)
CHROMIUM = "/usr/bin/chromium"
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}


def prepare() -> dict[str, tuple[str, str]]:
    """Migrate, load the demo once, collect static files; the pages to weigh,
    as name → (username, path)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings
    from django.urls import reverse

    from courses.models import Enrolment, LessonPage
    from lms.models import User

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="cleo").exists():
        # The demo's accounts have public passwords: load_demo wants DEBUG, and
        # this database only ever serves this local measure.
        with override_settings(DEBUG=True):
            call_command("load_demo", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    User.objects.filter(username__in=["ada", "cleo", "eli"]).update(
        preferred_language="fr"
    )
    enrolment = (
        Enrolment.objects.filter(user__username="ada", completed_at__isnull=True)
        .select_related("course")
        .order_by("pk")
        .first()
    )
    lesson = (
        LessonPage.objects.live()
        .descendant_of(enrolment.course)
        .order_by("path")
        .first()
    )
    return {
        "home": ("ada", "/"),
        "lesson": ("ada", lesson.url),
        "my_skills": ("ada", reverse("reporting:my-skills")),
        "hr_dashboard": ("cleo", reverse("reporting:hr-dashboard")),
        "council": ("eli", reverse("reporting:council-dashboard")),
    }


def weigh(page: Any, url: str) -> tuple[int, dict[str, int]]:
    """Load ``url`` in ``page``; bytes received over the network, total and by type."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    kinds: dict[str, str] = {}
    sizes: dict[str, int] = {}

    def on_response(event: dict) -> None:
        kinds[event["requestId"]] = event.get("type", "Other")

    def on_finished(event: dict) -> None:
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    # A dashboard's script fetches its charts once plotly has run, which may be
    # after the network went quiet: wait for every part, then for the network.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-part]'))"
        ".every((section) => section.dataset.partState)"
    )
    page.wait_for_load_state("networkidle")
    cdp.detach()
    by_type: dict[str, int] = {}
    for request_id, size in sizes.items():
        kind = kinds.get(request_id, "Other")
        by_type[kind] = by_type.get(kind, 0) + size
    return sum(sizes.values()), by_type


def sign_in(page: Any, base: str, username: str) -> None:
    from lms.demo import DEMO_PASSWORD

    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def fresh_context(browser: Any, base: str, username: str) -> Any:
    """A browser context signed in as ``username`` with an empty cache."""
    signing_in = browser.new_context()
    sign_in(signing_in.new_page(), base, username)
    state = signing_in.storage_state()
    signing_in.close()
    return browser.new_context(storage_state=state)


def slow_3g_times(browser: Any, base: str, username: str, path: str) -> dict:
    fresh = fresh_context(browser, base, username)
    page = fresh.new_page()
    cdp = fresh.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(f"{base}{path}", wait_until="load", timeout=600_000)
    timing = page.evaluate(
        """() => {
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const nav = performance.getEntriesByType('navigation')[0];
            return {fcp: paint ? paint.startTime : null, load: nav.loadEventEnd};
        }"""
    )
    fresh.close()
    return {
        "slow_3g_first_contentful_paint_ms": round(timing["fcp"] or 0),
        "slow_3g_load_ms": round(timing["load"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slow-3g", action="store_true")
    args = parser.parse_args()
    pages = prepare()
    from pages import serving  # bench/pages.py: gunicorn on a free port

    os.environ["DJANGO_SETTINGS_MODULE"] = "weight_settings"  # pages.py sets its own
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with serving() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        for name, (username, path) in pages.items():
            context = fresh_context(browser, base, username)
            page = context.new_page()
            first, by_type = weigh(page, f"{base}{path}")
            second, second_by_type = weigh(page, f"{base}{path}")
            context.close()
            results[name] = {
                "path": path,
                "first_visit_bytes": first,
                "second_visit_bytes": second,
                "by_type": by_type,
                "second_by_type": second_by_type,
            }
            if args.slow_3g:
                results[name].update(slow_3g_times(browser, base, username, path))
            print(name, results[name], file=sys.stderr)
        browser.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
