"""Screenshots of each dashboard for docs/reporting.md, from a running demo.

    make run                                  # in one terminal (demo loaded)
    .venv/bin/python docs/screenshots.py      # in another

Options: --base http://127.0.0.1:8000 --language fr|en. Writes docs/img/*.png
with Debian's Chromium (apt-get install chromium) through Playwright.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "demo-civicskills"  # noqa: S105 - the demo's published password (lms/demo.py)
PAGES = [
    ("cleo", "/reports/hr/", "hr-dashboard"),
    ("eli", "/reports/council/", "council-summary"),
    ("ben", "/reports/team/dashboard/", "team-dashboard"),
    ("cleo", "/reports/network/", "network"),
    ("ada", "/reports/my-skills/", "my-skills"),
]
OUT = Path(__file__).resolve().parent / "img"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--language", default="fr", choices=["fr", "en"])
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking"],
        )
        for username, path, name in PAGES:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, locale=args.language
            )
            page = context.new_page()
            page.goto(f"{args.base}/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
            page.goto(f"{args.base}{path}")
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('[data-chart]'))"
                ".every((el) => el.querySelector('.main-svg'))"
            )
            target = OUT / f"{name}-{args.language}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target.relative_to(OUT.parent.parent))  # noqa: T201 - what was written
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
