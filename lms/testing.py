"""The base test case and its personas, shared by every app's tests."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import threading
import time
import unittest
from pathlib import Path
from typing import Any

import PIL.Image
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import LiveServerTestCase, TestCase
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms.collections import ensure_town_collection
from lms.models import Department, JobRole, Network, Organisation, User


def make_department(
    organisation: Organisation,
    code: str,
    name: str,
    *,
    parent: Department | None = None,
    kind: str = Department.Kind.SERVICE,
) -> Department:
    node = Department(organisation=organisation, code=code, name=name, kind=kind)
    if parent is None:
        return Department.add_root(instance=node)
    return parent.add_child(instance=node)


def make_person(
    username: str,
    organisation: Organisation | None,
    **fields: object,
) -> User:
    fields.setdefault("employee_number", username.upper() if organisation else None)
    fields.setdefault("first_name", username.capitalize())
    fields.setdefault("last_name", "Test")
    fields.setdefault("email", f"{username}@example.org")
    user = User(username=username, organisation=organisation, **fields)
    user.set_password("pw")
    user.save()
    return user


def make_document(
    collection: Collection,
    title: str,
    *,
    uploaded_by: User | None = None,
    content: bytes = b"CivicSkills test document\n",
) -> Any:
    """A text document stored in ``collection``."""
    document = get_document_model()(
        title=title, collection=collection, uploaded_by_user=uploaded_by
    )
    document.file.save(f"{slugify(title)}.txt", ContentFile(content), save=False)
    document.save()
    return document


def make_image(
    collection: Collection, title: str, *, uploaded_by: User | None = None
) -> Any:
    """A small PNG image stored in ``collection``."""
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title,
        collection=collection,
        uploaded_by_user=uploaded_by,
        file=ImageFile(buffer, name=f"{slugify(title)}.png"),
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py`` in a fresh process whose environment names only ``env``'s
    settings (none of the test run's own)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "SITE_URL",
            "CONTENT_ORIGIN",
            "DEBUG",
        }
        and not key.startswith("DJANGO_ALLOW")
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


class PersonasTestCase(TestCase):
    """Two towns of one network and the people every permission test names.

    Saint-Aubin: Ada (learner, Engineering), Ben (Ada's manager, head of
    Engineering), Cleo (HR admin), Dev (Finance), Eli (elected official), Aurore
    (content author). Montval: Hugo (HR admin), Marc (learner). Root is a platform
    admin; the anonymous visitor is the test client itself.
    """

    # Set by ``build_personas``.
    network: Network
    town: Organisation
    other_town: Organisation
    resources: Department
    engineering: Department
    support: Department
    finance: Department
    other_hr_department: Department
    developer_role: JobRole
    accountant_role: JobRole
    ben: User
    ada: User
    sam: User
    cleo: User
    dev: User
    eli: User
    aurore: User
    hugo: User
    marc: User
    root: User

    @classmethod
    def setUpTestData(cls) -> None:
        build_personas(cls)

    def setUp(self) -> None:
        cache.clear()  # sessions, cached Wagtail sites and throttles start empty


def build_personas(cls: Any) -> None:
    """Create the personas' towns, charts and people as attributes of ``cls``."""
    cls.network = Network.objects.create(name="Val Vert", slug="val-vert")
    cls.town = Organisation.objects.create(
        name="Saint-Aubin", slug="saint-aubin", network=cls.network
    )
    cls.other_town = Organisation.objects.create(
        name="Montval", slug="montval", network=cls.network
    )
    for town in (cls.town, cls.other_town):
        ensure_town_collection(town)  # as the admin and the demo do
    cls.resources = make_department(
        cls.town, "DRM", "Resources", kind=Department.Kind.DIRECTION
    )
    cls.engineering = make_department(
        cls.town, "ENG", "Engineering", parent=cls.resources
    )
    cls.support = make_department(
        cls.town,
        "ENG-SUP",
        "Support",
        parent=cls.engineering,
        kind=Department.Kind.UNIT,
    )
    cls.finance = make_department(cls.town, "FIN", "Finance", parent=cls.resources)
    cls.other_hr_department = make_department(
        cls.other_town, "RH", "Ressources humaines"
    )
    cls.developer_role = JobRole.objects.create(
        organisation=cls.town, code="DEV", name="Developer"
    )
    cls.accountant_role = JobRole.objects.create(
        organisation=cls.town, code="CPT", name="Accountant"
    )
    hired = dt.date(2020, 1, 6)
    cls.ben = make_person(
        "ben",
        cls.town,
        department=cls.engineering,
        job_role=cls.developer_role,
        hire_date=hired,
    )
    cls.ada = make_person(
        "ada",
        cls.town,
        department=cls.engineering,
        job_role=cls.developer_role,
        manager=cls.ben,
        hire_date=hired,
    )
    cls.sam = make_person(
        "sam", cls.town, department=cls.support, manager=cls.ada, hire_date=hired
    )
    cls.cleo = make_person("cleo", cls.town, department=cls.resources, is_hr_admin=True)
    cls.dev = make_person(
        "dev", cls.town, department=cls.finance, job_role=cls.accountant_role
    )
    cls.eli = make_person("eli", cls.town, kind=User.Kind.ELECTED)
    cls.aurore = make_person(
        "aurore", cls.town, department=cls.resources, is_author=True
    )
    cls.hugo = make_person(
        "hugo", cls.other_town, department=cls.other_hr_department, is_hr_admin=True
    )
    cls.marc = make_person("marc", cls.other_town, department=cls.other_hr_department)
    cls.root = make_person("root", None, is_superuser=True, is_staff=True)


class _InFlight:
    """Requests the live server is still answering (pages closing send beacons)."""

    lock = threading.Lock()
    count = 0


class _CountingHandler(QuietWSGIRequestHandler):
    def handle(self) -> None:
        with _InFlight.lock:
            _InFlight.count += 1
        try:
            super().handle()
        finally:
            with _InFlight.lock:
                _InFlight.count -= 1


class _CountingServerThread(LiveServerThread):
    def _create_server(self, connections_override: Any = None) -> Any:
        return self.server_class(
            (self.host, self.port),
            _CountingHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.browser
class BrowserTestCase(LiveServerTestCase):
    """Drive Debian's headless Chromium through Playwright against a live server.

    Static files come through the app (WhiteNoise, with finders in tests), as in
    production: with the headers the content origin's players need.

    The personas are built afresh for every test (a live server needs committed
    rows). ``assert_accessible`` runs axe-core, served from ``node_modules``.
    """

    browser: Any = None
    playwright: Any = None
    server_thread_class = _CountingServerThread
    # The site on 127.0.0.1, so that packaged content gets its own origin on
    # http://localhost at the same port (lms.content_origin's development rule).
    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls) -> None:
        if not CHROMIUM.exists():
            raise unittest.SkipTest(
                "Debian's chromium is not installed (apt-get install chromium); "
                ".ci/run installs it"
            )
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )

    @classmethod
    def tearDownClass(cls) -> None:
        if cls.browser is not None:
            cls.browser.close()
            cls.playwright.stop()
        super().tearDownClass()

    # The personas of ``build_personas``; a test of the demo loads its own people.
    personas = True

    def setUp(self) -> None:
        cache.clear()
        if self.personas:
            build_personas(self)
        self.context = self.browser.new_context(locale="fr-FR", bypass_csp=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def tearDown(self) -> None:
        self.context.close()
        # Closing pages send their last requests (SCORM beacons); the database
        # is emptied after this method, and must not be while they still write.
        quiet = 0
        for _ in range(100):
            quiet = quiet + 1 if _InFlight.count == 0 else 0
            if quiet == 3:
                break
            time.sleep(0.1)

    def url(self, path: str) -> str:
        return f"{self.live_server_url}{path}"

    def sign_in(self, username: str, password: str = "pw") -> None:  # noqa: S107
        self.page.goto(self.url("/accounts/login/"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()

    def press(self, name: str, *, then: str) -> None:
        """Activate the button called ``name`` from the keyboard and wait for the
        page at ``then``. A pointer click lands on coordinates: a player frame
        that grows as its content loads can move the button away between the
        moment it is found and the click."""
        with self.page.expect_navigation(url=then):
            self.page.get_by_role("button", name=name).press("Enter")

    def assert_accessible(self) -> None:
        """No axe-core violation of WCAG 2.1 A/AA on the current page."""
        self.page.evaluate(AXE_SCRIPT.read_text())
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}})",
            WCAG_21_AA,
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} × {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        self.assertEqual(violations, [], self.page.url)
