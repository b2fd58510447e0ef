"""SCORM run-time commit latency under 2 gunicorn workers, for 1.2 and 2004.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civicskills_bench \
        .venv/bin/python bench/scorm.py [--commits 500]

Seeds (or reuses) the bench learner and, per version, a one-lesson course playing
a small package the project writes itself; starts gunicorn (WSGI, 2 sync
workers), launches the player once per version and posts ``--commits`` commits
one after another, as the API does (each waits for the previous). Two kinds:
``autocommit`` (location and suspend data change, the common case) and
``status`` (the score changes each time: rollup and an xAPI statement too).
Queries per commit are counted in-process with Django's test client. The last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.pages import USERNAME, seed, serving, sign_in  # noqa: E402

RUNTIME = re.compile(r'id="scorm-runtime" type="application/json">(.*?)</script>')


def scorm_lessons() -> dict[str, tuple[int, str]]:
    """Per version, the (lesson pk, block id) of a lesson playing its package."""
    from courses import actions
    from courses.demo.scorm_packages import scorm_2004, scorm_zip
    from courses.models import CoursePage, LessonPage, OrganisationCataloguePage
    from courses.scorm import actions as scorm_actions
    from lms.models import User

    learner = User.objects.get(username=USERNAME)
    section = OrganisationCataloguePage.objects.get(organisation=learner.organisation)
    lessons = {}
    for version, build in (("1.2", scorm_zip), ("2004", scorm_2004)):
        slug = f"bench-scorm-{version.replace('.', '')}"
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            package = scorm_actions.import_scorm(
                build(), title=f"Bench SCORM {version}"
            )
            course = CoursePage(
                slug=slug,
                title=f"Bench SCORM {version}",
                summary="<p>Bench.</p>",
                duration_minutes=30,
                organisation=learner.organisation,
            )
            section.add_child(instance=course)
            course.save_revision().publish()
            lesson = LessonPage(
                title="Module",
                slug=f"{slug}-l1",
                body=[{"type": "scorm", "value": {"package": package.pk}}],
            )
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
        actions.enrol(learner, course)
        lesson = LessonPage.objects.child_of(course).get()
        lessons[version] = (lesson.pk, lesson.blocks_of("scorm")[0].id)
    return lessons


def cmi_for(version: str, kind: str, n: int) -> dict:
    suspend = f"page={n};answers=" + "1," * 200
    if version == "1.2":
        core = {"lesson_location": str(n), "lesson_status": "incomplete"}
        if kind == "status":
            core["score"] = {"raw": str(n % 100), "min": "0", "max": "100"}
        return {"core": core, "suspend_data": suspend}
    cmi = {
        "location": str(n),
        "completion_status": "incomplete",
        "suspend_data": suspend,
    }
    if kind == "status":
        cmi["score"] = {"scaled": str((n % 100) / 100)}
    return cmi


def player_url(lesson: tuple[int, str]) -> str:
    return f"/learning/lessons/{lesson[0]}/scorm/{lesson[1]}/"


def count_queries(lessons: dict[str, tuple[int, str]]) -> dict[str, dict[str, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    counts: dict[str, dict[str, int]] = {}
    for version, lesson in lessons.items():
        page = client.get(player_url(lesson)).content.decode()
        runtime = json.loads(RUNTIME.search(page).group(1))
        counts[version] = {}
        # The first commit of a session moves the status off "not attempted".
        client.post(
            runtime["commitUrl"],
            json.dumps(
                {
                    "session": runtime["session"],
                    "sequence": 1,
                    "cmi": cmi_for(version, "autocommit", 1),
                }
            ),
            content_type="application/json",
        )
        for sequence, kind in enumerate(("autocommit", "status"), start=2):
            body = {
                "session": runtime["session"],
                "sequence": sequence,
                "cmi": cmi_for(version, kind, 7 + sequence),
            }
            with CaptureQueriesContext(connection) as queries:
                client.post(
                    runtime["commitUrl"],
                    json.dumps(body),
                    content_type="application/json",
                )
            counts[version][kind] = len(queries)
    return counts


def measure(base: str, cookie: str, csrf: str, lesson, version: str, commits: int):
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", cookie)]
    page = opener.open(base + player_url(lesson)).read().decode()
    runtime = json.loads(RUNTIME.search(page).group(1))
    figures = {}
    sequence = 0
    for kind in ("autocommit", "status"):
        times = []
        for n in range(commits):
            sequence += 1
            body = json.dumps(
                {
                    "session": runtime["session"],
                    "sequence": sequence,
                    "cmi": cmi_for(version, kind, n),
                }
            ).encode()
            request = urllib.request.Request(
                base + runtime["commitUrl"],
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "X-CSRFToken": csrf,
                    "Referer": base + player_url(lesson),
                },
            )
            start = time.perf_counter()
            answer = json.loads(opener.open(request).read())
            times.append((time.perf_counter() - start) * 1000)
            if not answer["saved"]:
                raise SystemExit(f"a commit was not saved: {answer}")
        times.sort()
        figures[kind] = {
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
            "commits": len(times),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=500)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    seed()
    lessons = scorm_lessons()
    queries = count_queries(lessons)
    vendor = connection.vendor
    connection.close()

    with serving() as base:
        cookie, csrf = sign_in(base)
        results = {
            version: measure(base, cookie, csrf, lesson, version, args.commits)
            for version, lesson in lessons.items()
        }
    for version, kinds in results.items():
        for kind, figures in kinds.items():
            figures["queries"] = queries[version][kind]
            print(
                f"SCORM {version:4} {kind:10} median {figures['median_ms']:6.2f} ms  "
                f"p95 {figures['p95_ms']:6.2f} ms  {figures['queries']} queries  "
                f"({figures['commits']} commits)"
            )
    print(json.dumps({"database": vendor, "workers": 2, **results}))


if __name__ == "__main__":
    main()
