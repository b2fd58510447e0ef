"""Latency and throughput of the learner's pages under 2 gunicorn workers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/civicskills_bench \
        .venv/bin/python bench/pages.py [--seconds 10] [--connections 8]

Seeds (or reuses) a course of 30 lessons and a signed-in learner in the database
that DATABASE_URL names, starts gunicorn (WSGI, 2 sync workers) on a free local
port, drives it with wrk (Debian package ``wrk``) and stops it. Also counts SQL
queries per page with Django's test client. The last line is one JSON object:
per page, ``median_ms``, ``p95_ms``, ``rps`` and ``queries``.

The floor, measured in the same run: a plain Wagtail page (``bench/floor``,
installed by ``bench/settings.py`` only) with the measured lesson's body less its
quiz (a heading and 20 text blocks), the same site chrome and signed-in person,
and nothing about that person. It is measured before and after the learner
pages (``floor`` holds the mean of both rounds, ``floor_rounds`` each), and
``course`` and ``lesson`` carry ``floor_ratio``: their requests per second over
the floor's (1.0: as fast as a page with no per-learner parts).
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
USERNAME, PASSWORD = "bench-learner", "bench-password-1"
LESSONS = 30
TEXT_BLOCKS = 20


def lesson_body(index: int) -> list[dict]:
    """A heading and ``TEXT_BLOCKS`` paragraphs: the body of every lesson, and
    of the floor page."""
    body = [{"type": "heading", "value": f"Part {index}"}]
    body += [
        {"type": "text", "value": f"<p>Paragraph {n} of lesson {index}.</p>"}
        for n in range(TEXT_BLOCKS)
    ]
    return body


def seed_floor() -> str:
    """The floor page, root of a site of its own (``FLOOR_HOST``); its path."""
    from django.conf import settings
    from wagtail.models import Page, Site

    from bench.floor.models import FloorPage

    floor = FloorPage.objects.filter(slug="bench-floor").first()
    if floor is None:
        floor = FloorPage(title="Lesson 1", slug="bench-floor", body=lesson_body(1))
        Page.get_first_root_node().add_child(instance=floor)
        floor.save_revision().publish()
    Site.objects.update_or_create(
        hostname=settings.FLOOR_HOST,
        defaults={"port": 80, "root_page": floor, "site_name": "Bench floor"},
    )
    return "/learn/"


def seed() -> dict[str, str]:
    """The course, lesson and quiz URLs to measure; created once per database."""
    from courses import actions
    from courses.demo.builders import make_catalogue, make_section, quiz_value
    from courses.models import (
        CoursePage,
        LessonPage,
        OrganisationCataloguePage,
        QuizAttempt,
    )
    from lms.models import Network, Organisation, User

    network, _ = Network.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    town, _ = Organisation.objects.get_or_create(
        slug="bench-town", defaults={"name": "Bench town", "network": network}
    )
    learner = User.objects.filter(username=USERNAME).first()
    if learner is None:
        learner = User(username=USERNAME, organisation=town, employee_number="B1")
        learner.set_password(PASSWORD)
        learner.save()
    course = CoursePage.objects.filter(slug="bench-course").first()
    if course is None:
        from courses.models import CatalogueIndexPage

        catalogue = CatalogueIndexPage.objects.first() or make_catalogue()
        section = OrganisationCataloguePage.objects.filter(
            organisation=town
        ).first() or make_section(catalogue, town)
        course = CoursePage(
            slug="bench-course",
            title="Bench course",
            summary="<p>Bench.</p>",
            duration_minutes=300,
            organisation=town,
        )
        section.add_child(instance=course)
        course.save_revision().publish()
        for index in range(1, LESSONS + 1):
            body = lesson_body(index)
            if index == 1:
                body.append(
                    {"type": "quiz", "value": quiz_value(max_attempts=0, pass_mark=100)}
                )
            lesson = LessonPage(
                title=f"Lesson {index}", slug=f"bench-l{index}", body=body
            )
            course.add_child(instance=lesson)
            lesson.save_revision().publish()
    enrolment = actions.enrol(learner, course)
    first = LessonPage.objects.child_of(course).live().order_by("path").first()
    quiz_id = first.quiz_blocks()[0].id
    # Every run measures the lesson in the same state: one failed attempt (so
    # the page shows its feedback and a fresh form). The quiz round of an
    # earlier run left hundreds, which the page would read.
    QuizAttempt.objects.filter(enrolment=enrolment).delete()
    actions.submit_quiz(
        enrolment,
        lesson=first,
        block_id=quiz_id,
        answers={0: [0], 1: [1]},
        token=uuid.uuid4(),
    )
    floor = seed_floor()

    def path(url: str) -> str:
        # With the floor's site, Wagtail writes whole URLs (a host per site).
        return urllib.parse.urlsplit(url).path

    return {
        "catalogue": path(course.get_parent().get_parent().url),
        "course": path(course.url),
        "lesson": path(first.url),
        "quiz": f"/learning/lessons/{first.pk}/quiz/{quiz_id}/",
        "floor": floor,
    }


def count_queries(urls: dict[str, str]) -> dict[str, int]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    counts = {}
    for name, url in urls.items():
        extra = {"HTTP_HOST": settings.FLOOR_HOST} if name == "floor" else {}
        if name != "quiz":
            client.get(url, **extra)  # warm Wagtail's site cache
        with CaptureQueriesContext(connection) as queries:
            if name == "quiz":
                client.post(url, {"q0": "0", "token": str(uuid.uuid4())})
            else:
                response = client.get(url, **extra)
                if response.status_code != 200:
                    sys.exit(f"{name} ({url}) answered {response.status_code}")
        counts[name] = len(queries)
    return counts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(server: str = "gunicorn") -> Iterator[str]:
    """Run the site on a free local port (gunicorn with 2 sync workers, or
    Django's runserver) until the block ends; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    if server == "dev":
        command = [sys.executable, "manage.py", "runserver", "--noreload"]
        command.append(f"127.0.0.1:{port}")
    else:
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "lms.wsgi:application",
        ]
        command += ["-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=dict(os.environ),
        start_new_session=True,
        stderr=subprocess.DEVNULL if server == "dev" else None,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def sign_in(base: str) -> tuple[str, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(
        urllib.request.Request(
            f"{base}/accounts/login/",
            data=data,
            headers={"Referer": f"{base}/accounts/login/"},
        )
    )
    cookies = {c.name: c.value for c in jar}
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies["csrftoken"]


def run_wrk(
    url: str,
    cookie: str,
    seconds: int,
    connections: int,
    body: str | None = None,
    csrf: str = "",
    host: str = "",
) -> dict:
    env = dict(os.environ)
    if body is not None:
        env["WRK_BODY"] = body
        env["WRK_CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        # On a loaded machine a response can take seconds: counted, not dropped
        # as a time-out (wrk's default is 2 s).
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
        "-H",
        f"Cookie: {cookie}",
        "-H",
        f"X-CSRFToken: {csrf}",
        "-H",
        f"Referer: {url}",
        *(["-H", f"Host: {host}"] if host else []),
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--server",
        choices=["gunicorn", "dev"],
        default="gunicorn",
        help="dev: Django's runserver, to compare with peers measured that way",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.conf import settings

    urls = seed()
    queries = count_queries(urls)
    vendor = connection.vendor
    connection.close()

    with serving(args.server) as base:
        cookie, csrf = sign_in(base)
        results: dict[str, dict] = {}
        floor_rounds = []

        def measure(name: str) -> dict:
            host = settings.FLOOR_HOST if name == "floor" else ""
            url = base + urls[name]
            run_wrk(url, cookie, 2, args.connections, host=host)  # warm-up
            return run_wrk(url, cookie, args.seconds, args.connections, host=host)

        floor_rounds.append(measure("floor"))
        for name in ("catalogue", "course", "lesson"):
            results[name] = measure(name)
        floor_rounds.append(measure("floor"))
        body = f"csrfmiddlewaretoken={csrf}&q0=0&token={{uuid}}"
        results["quiz_submit"] = run_wrk(
            base + urls["quiz"],
            cookie,
            args.seconds,
            args.connections,
            body=body,
            csrf=csrf,
        )
    results["floor"] = {
        key: round(sum(r[key] for r in floor_rounds) / len(floor_rounds), 2)
        for key in ("median_ms", "p95_ms", "rps")
    } | {
        key: sum(r[key] for r in floor_rounds)
        for key in ("requests", "errors", "non_2xx_3xx")
    }
    for name, key in (
        ("catalogue", "catalogue"),
        ("course", "course"),
        ("lesson", "lesson"),
        ("quiz_submit", "quiz"),
        ("floor", "floor"),
    ):
        results[name]["queries"] = queries[key]
    for name in ("course", "lesson"):
        results[name]["floor_ratio"] = round(
            results[name]["rps"] / results["floor"]["rps"], 2
        )
    for name, figures in results.items():
        print(
            f"{name:12} median {figures['median_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms  "
            f"{figures['rps']:7.1f} req/s  {figures['queries']} queries  ({figures['non_2xx_3xx']} non-2xx/3xx)"
            + (
                f"  {figures['floor_ratio']:.2f}× the floor"
                if "floor_ratio" in figures
                else ""
            )
        )
    print(
        json.dumps(
            {
                "database": vendor,
                "server": args.server,
                "workers": 2 if args.server == "gunicorn" else 1,
                "connections": args.connections,
                "lessons": LESSONS,
                **results,
                "floor_rounds": floor_rounds,
            }
        )
    )


if __name__ == "__main__":
    main()
