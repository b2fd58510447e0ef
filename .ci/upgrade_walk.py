"""Walk the demo with this code, on a database that an older main created and filled.

Run by ``.ci/upgrade-check`` once this code has migrated that database
(``DATABASE_URL`` and ``MEDIA_ROOT`` name it). First every lesson body is read
back: each H5P and SCORM block must still resolve to its package, whose files
must be on disk. Then each demo persona signs in and GETs its pages, the
players, the package files and the back office. A status is checked against the
documented access rules, restated here from the data rather than asked of the
code under test, so a rule that quietly stopped matching shows up too.

Prints one line per request and a summary by status. Exits 1 on any server
error, exception or unexpected status.
"""

# A CI script: what it prints is its report (T201), and Django is set up before
# the project's modules are imported (E402).
# ruff: noqa: T201, E402

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django

django.setup()

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from courses.h5p.models import H5PLibrary, H5PPackage
from courses.models import (
    CatalogueIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
)
from courses.packages import store
from courses.scorm.models import ScormPackage
from lms.models import User

# The site answers on 127.0.0.1 (an allowed host in every setting); the demo's
# Wagtail site is the default one, so any host reaches it.
SITE_HOST = "127.0.0.1"
SITE_URL = f"http://{SITE_HOST}"
PERSONAS = ["ada", "ben", "cleo", "dev", "eli", "aurore", "hugo", "admin"]
OK = {200}
REFUSED = {302, 403}
HIDDEN = {404}
# Site → content origin is one hop; more means a loop.
MAX_HOPS = 3
PACKAGE_MODELS = {"h5p": H5PPackage, "scorm": ScormPackage}


@dataclass(frozen=True)
class ActivityBlock:
    lesson: LessonPage
    kind: str
    block_id: str
    package: Any


@dataclass
class Walk:
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.failures.append(line)
        print(f"{line}  <-- FAILED")

    def get(
        self,
        client: Client,
        persona: str,
        url: str,
        expected: set[int],
        *,
        base: str = SITE_URL,
    ) -> HttpResponse | None:
        """GET ``url``, relative to ``base``. A redirect to another host (the
        content origin, where players may run) is followed, and the page there is
        what counts. A 5xx or an exception always fails, whatever ``expected`` says.

        The response's ``walked_url`` is the absolute URL that answered.
        """
        target = urljoin(base, url)
        for _hop in range(MAX_HOPS):
            response = self._request(client, persona, target)
            if response is None:
                return None
            status = response.status_code
            line = f"{persona:<9} {status}  {_shown(target)}"
            onward = urljoin(target, response.get("Location", ""))
            if 300 <= status < 400 and _host(onward) != _host(target):
                print(f"{line}  -> {onward}")
                target = onward
                continue
            if status in expected and status < 500:
                print(line)
            else:
                self.fail(f"{line}  (expected {'/'.join(map(str, sorted(expected)))})")
            if response.streaming:
                response.close()  # a served file: release its handle
            response.walked_url = target
            return response
        self.fail(f"{persona:<9} more than {MAX_HOPS} hops from {url}")
        return None

    def _request(
        self, client: Client, persona: str, target: str
    ) -> HttpResponse | None:
        parts = urlsplit(target)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            response = client.get(path, HTTP_HOST=parts.netloc)
        except Exception:  # any exception is a finding, reported with the rest
            self.statuses["exception"] += 1
            self.fail(f"{persona:<9} EXC  {_shown(target)}")
            traceback.print_exc()
            return None
        self.statuses[str(response.status_code)] += 1
        return response


def _host(url: str) -> str:
    return urlsplit(url).netloc


def _shown(url: str) -> str:
    """Paths on the site; whole URLs elsewhere."""
    return url.removeprefix(SITE_URL) if _host(url) == SITE_HOST else url


def stored_block_types() -> dict[int, list[str]]:
    """Each lesson's block types as stored, read past the StreamField (which
    silently drops a type it no longer knows)."""
    table = connection.ops.quote_name(LessonPage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT page_ptr_id, body FROM {table}")  # noqa: S608 - no input
        rows = cursor.fetchall()
    return {
        pk: [
            item["type"]
            for item in (json.loads(body) if isinstance(body, str) else body)
        ]
        for pk, body in rows
    }


def activity_blocks(walk: Walk) -> list[ActivityBlock]:
    """Every H5P and SCORM block of every lesson (live or not), read back through
    the StreamField: every stored block must still load, the stored package id
    must resolve to that package, and its files must be where the store says."""
    stored = stored_block_types()
    found = []
    for lesson in LessonPage.objects.order_by("path"):
        loaded = [block.block_type for block in lesson.body]
        if loaded != stored[lesson.pk]:
            walk.fail(
                f"body      lesson {lesson.pk}: stored {stored[lesson.pk]}, loaded {loaded}"
            )
            continue
        for raw, block in zip(lesson.body.raw_data, lesson.body, strict=True):
            if block.block_type not in PACKAGE_MODELS:
                continue
            package = block.value["package"]
            line = (
                f"body      {block.block_type:<5} lesson {lesson.pk} block {block.id}"
            )
            stored_pk = raw["value"]["package"]
            model = PACKAGE_MODELS[block.block_type]
            if not isinstance(package, model) or package.pk != stored_pk:
                walk.fail(f"{line}: package {stored_pk} does not resolve ({package!r})")
                continue
            folder = (
                store.content_root(package.key)
                if block.block_type == "h5p"
                else store.scorm_root(package.key)
            )
            if folder.is_dir():
                print(
                    f"{line}: {model.__name__} {package.pk} “{package.title}”, files ok"
                )
            else:
                walk.fail(f"{line}: no files at {folder}")
            found.append(ActivityBlock(lesson, block.block_type, block.id, package))
    print(
        f"body      {len(stored)} lessons, {sum(map(len, stored.values()))} blocks loaded"
    )
    for kind in PACKAGE_MODELS:
        if not any(b.kind == kind for b in found):
            walk.fail(f"body      no {kind} block in any lesson: nothing proves {kind}")
    for library in H5PLibrary.objects.order_by("pk"):
        if not (store.libraries_root() / library.folder).is_dir():
            walk.fail(f"library   {library.folder}: no files under the store")
    return found


def may_take(user: User, course: CoursePage) -> bool:
    """Own town's courses and those its network shares, for the person's audience;
    platform admins take anything."""
    if user.is_superuser:
        return True
    if user.organisation is None:
        return False
    own = course.organisation_id == user.organisation_id
    shared = (
        course.sharing == CoursePage.Sharing.NETWORK
        and user.organisation.network_id is not None
        and course.organisation.network_id == user.organisation.network_id
    )
    audiences = {CoursePage.Audience.BOTH}
    audiences.add(
        CoursePage.Audience.ELECTED if user.is_elected else CoursePage.Audience.STAFF
    )
    return (own or shared) and course.audience in audiences


def lesson_opens(user: User, lesson: LessonPage) -> bool:
    """Enrolled, and every earlier live lesson done (or this one already done)."""
    enrolment = Enrolment.objects.filter(user=user, course=lesson.course).first()
    if enrolment is None:
        return False
    done = set(
        LessonCompletion.objects.filter(enrolment=enrolment).values_list(
            "lesson_id", flat=True
        )
    )
    earlier = (
        LessonPage.objects.child_of(lesson.course).live().filter(path__lt=lesson.path)
    )
    return lesson.pk in done or all(
        pk in done for pk in earlier.values_list("pk", flat=True)
    )


def lesson_status(user: User, lesson: LessonPage) -> set[int]:
    if not may_take(user, lesson.course):
        return HIDDEN
    return OK if lesson_opens(user, lesson) else {403}


def back_office(user: User) -> bool:
    return user.is_superuser or user.is_author or user.is_hr_admin


class _Attributes(HTMLParser):
    """The attributes of a page's tags, to follow the URLs the players hand to
    their scripts (package files may live on another origin)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.update((name, value) for name, value in attrs if value)


def attributes(response: HttpResponse) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(response.content.decode())
    return parser.values


def walk_h5p_files(
    walk: Walk, client: Client, persona: str, player: HttpResponse
) -> None:
    found = attributes(player)
    content, libraries = (
        found.get("data-h5p-json-path"),
        found.get("data-libraries-path"),
    )
    if not content or not libraries:
        walk.fail(f"{persona:<9} the H5P player names no content or library path")
        return
    base = player.walked_url
    walk.get(client, persona, f"{content}/h5p.json", OK, base=base)
    walk.get(client, persona, f"{content}/content/content.json", OK, base=base)
    for library in H5PLibrary.objects.order_by("pk"):
        url = f"{libraries}/{library.folder}/library.json"
        walk.get(client, persona, url, OK, base=base)


def walk_scorm_files(
    walk: Walk, client: Client, persona: str, player: HttpResponse
) -> None:
    launch = attributes(player).get("data-src")
    if not launch:
        walk.fail(f"{persona:<9} the SCORM player names no launch file")
        return
    walk.get(client, persona, launch, OK, base=player.walked_url)


def walk_learner(
    walk: Walk, client: Client, user: User, blocks: list[ActivityBlock]
) -> None:
    persona = user.username
    walk.get(client, persona, "/", OK)
    walk.get(client, persona, reverse("courses:my-learning"), OK)
    for catalogue in CatalogueIndexPage.objects.live():
        walk.get(client, persona, catalogue.url, OK)
    for course in (
        CoursePage.objects.live().select_related("organisation").order_by("path")
    ):
        walk.get(client, persona, course.url, OK if may_take(user, course) else HIDDEN)
    for lesson in LessonPage.objects.live().order_by("path"):
        walk.get(client, persona, lesson.url, lesson_status(user, lesson))
    for block in blocks:
        if not block.lesson.live:
            continue
        if block.kind == "h5p":
            query = urlencode({"lesson": block.lesson.pk, "block": block.block_id})
            url = reverse("h5p:player", args=[block.package.key]) + f"?{query}"
            # A learner plays a lesson they reached in a course they are enrolled
            # in; back-office roles may also play a package their town can see.
            opens = lesson_status(user, block.lesson) == OK
            player = walk.get(client, persona, url, OK if opens else OK | HIDDEN)
            # Its files once, for the learner who has the package in her course.
            if player is not None and player.status_code == 200 and persona == "ada":
                walk_h5p_files(walk, client, persona, player)
        else:
            url = reverse("scorm:player", args=[block.lesson.pk, block.block_id])
            expected = lesson_status(user, block.lesson)
            player = walk.get(client, persona, url, expected)
            if player is not None and player.status_code == 200:
                walk_scorm_files(walk, client, persona, player)


def walk_back_office(walk: Walk, client: Client, user: User) -> None:
    persona = user.username
    allowed = back_office(user)
    for url in [
        "/admin/",
        "/admin/snippets/courses/h5ppackage/",
        "/admin/snippets/courses/scormpackage/",
        reverse("h5p_admin:upload"),
        reverse("scorm_admin:upload"),
    ]:
        walk.get(client, persona, url, OK if allowed else REFUSED)
    if not allowed:
        return
    for package in H5PPackage.objects.order_by("pk"):
        sees = (
            user.is_superuser
            or package.shared
            or (package.organisation_id == user.organisation_id)
        )
        url = reverse("h5p_admin:statistics", args=[package.pk])
        walk.get(client, persona, url, OK if sees else HIDDEN)
    if user.is_superuser:
        for model in PACKAGE_MODELS.values():
            for package in model.objects.order_by("pk"):
                url = reverse(
                    model.snippet_viewset.get_url_name("edit"), args=[package.pk]
                )
                walk.get(client, persona, url, OK)
    if user.is_superuser or user.is_author:
        for lesson in LessonPage.objects.order_by("path"):
            own = (
                user.is_superuser
                or lesson.course.organisation_id == user.organisation_id
            )
            url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
            walk.get(client, persona, url, OK if own else REFUSED | HIDDEN)


def walk_anonymous(walk: Walk) -> None:
    client = Client()
    walk.get(client, "anonymous", "/", REFUSED)
    walk.get(client, "anonymous", reverse("courses:my-learning"), REFUSED)
    for page in [
        *CatalogueIndexPage.objects.live(),
        *CoursePage.objects.live().order_by("path")[:1],
        *LessonPage.objects.live().order_by("path")[:1],
    ]:
        walk.get(client, "anonymous", page.url, REFUSED)
    walk.get(client, "anonymous", "/admin/", REFUSED)


def main() -> int:
    # Refusals (403, 404) are expected by the hundred; their log lines would bury
    # the report. Server errors still reach the log, and the walk reports them.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    walk = Walk()
    blocks = activity_blocks(walk)
    walk_anonymous(walk)
    for username in PERSONAS:
        user = User.objects.filter(username=username).first()
        if user is None:
            walk.fail(f"{username:<9} no such demo account")
            continue
        client = Client()
        client.force_login(user)
        walk_learner(walk, client, user, blocks)
        walk_back_office(walk, client, user)
    by_status = ", ".join(f"{s}: {n}" for s, n in sorted(walk.statuses.items()))
    kinds = Counter(b.kind for b in blocks)
    print(f"== Walk: {walk.statuses.total()} requests ({by_status})")
    print(f"   Lesson blocks read back: {kinds['h5p']} H5P, {kinds['scorm']} SCORM")
    if walk.failures:
        print(f"   {len(walk.failures)} failed:")
        for line in walk.failures:
            print(f"   {line}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
