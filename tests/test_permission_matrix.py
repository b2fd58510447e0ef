"""The permission matrix: no person of town B reads or writes town A's objects,
through any URL of the site or the back office, Wagtail's included.

Every URL pattern the resolver knows is filled with the ids of town A's objects
(``tests.town_a``) and requested by each persona of Saint-Aubin (town B) and by the
platform admin: GET, GET with a query naming town A, and POST with town A's ids.
A request fails the matrix when it errs (5xx), when what it shows contains town
A's marker, or when it writes to the database beyond the person's own session
and profile. See docs/security.md, "The permission matrix".
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from typing import ClassVar

from axes.models import AccessLog
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from lms.models import ImportJob, User
from lms.privacy.models import PersonalDataExport
from lms.testing import PersonasTestCase
from tests.matrix import (
    Outcome,
    OwnRows,
    Probe,
    Prober,
    probes,
    response_text,
    shows_marker,
)
from tests.town_a import ID, TownA, build_town_a

# Tables a request may write whatever the row, and why.
ALLOWED_TABLES = {
    "django_session": "sessions are keyed by the browser's cookie: its own",
}
# Tables where only the person's own row may change: the column naming the
# owner, the person's attribute it holds, and the columns that may change (None:
# any, as when Wagtail creates the person's admin profile on a first visit).
OWN_ROWS = {
    # Signing out, choosing a language.
    User: ("id", "pk", frozenset({"last_login", "preferred_language"})),
    # Wagtail's admin profile, created on a first visit, and its preferences.
    UserProfile: ("user_id", "pk", None),
    # django-axes records when the person signs out.
    AccessLog: ("username", "username", frozenset({"logout_time"})),
    # The second-factor page prepares an unconfirmed authenticator for the person.
    TOTPDevice: ("user_id", "pk", None),
    # HR downloading their own town's figures leaves a line in the export log,
    # under their own name (lms.privacy.middleware).
    PersonalDataExport: ("exported_by_id", "pk", None),
}
# Fewer URLs than this means the walk lost its patterns, not that it passed.
MIN_URLS = 300


class PermissionMatrixTests(PersonasTestCase):
    """Town A is Montval (Hugo's town); the probers are Saint-Aubin's people."""

    town_a: ClassVar[TownA]
    probes: ClassVar[list[Probe]]
    unfilled: ClassVar[list[str]]

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.mkdtemp(prefix="matrix-media-")
        cls.addClassCleanup(shutil.rmtree, media, True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.town_a = build_town_a(cls, hugo=cls.hugo, organisation=cls.other_town)
        cls.probes, cls.unfilled = probes(cls.town_a)

    # --- the probers ---------------------------------------------------------

    def test_anonymous(self) -> None:
        """A visitor who is not signed in gets nothing of town A."""
        self.assert_sealed(None)

    def test_learner(self) -> None:
        """Dev, a learner of Saint-Aubin, gets nothing of town A."""
        self.assert_sealed(self.dev)

    def test_manager(self) -> None:
        """Ben, who manages Ada, gets nothing of town A."""
        self.assert_sealed(self.ben)

    def test_elected_official(self) -> None:
        """Eli, an elected official of Saint-Aubin, gets nothing of town A."""
        self.assert_sealed(self.eli)

    def test_author(self) -> None:
        """Aurore, Saint-Aubin's content author, gets nothing of town A."""
        self.assert_sealed(self.aurore)

    def test_hr_admin(self) -> None:
        """Cleo, Saint-Aubin's HR admin, gets nothing of town A."""
        self.assert_sealed(self.cleo)

    def test_platform_admin(self) -> None:
        """Root sees town A's objects (so the marker is detected at all) and no
        URL errs for them.

        Root's requests are GETs only: a platform admin passes every permission
        check, so the matrix's POST bodies (ids, no form fields) would test the
        robustness of Wagtail's forms rather than the towns' isolation.
        """
        outcomes = self.walk(self.root, post=False)
        seen = {o.url for o in outcomes if o.shows_marker}
        expected = [
            reverse("wagtailadmin_explore", args=[ID]),
            reverse("wagtailadmin_pages:edit", args=[ID]),
            reverse("people:edit", args=[ID]),
            reverse("departments:edit", args=[ID]),
            reverse("job_roles:edit", args=[ID]),
            reverse("assignments:edit", args=[ID]),
            reverse("expectations:edit", args=[ID]),
            reverse("wagtailimages:edit", args=[ID]),
            reverse("wagtaildocs:edit", args=[ID]),
            reverse("lms_admin:import-detail", args=[ID]),
            reverse("lms_admin:people-export", args=[ID, "xlsx"]),
        ]
        problems = [
            f"GET {url}: no marker for root" for url in expected if url not in seen
        ]
        if len(seen) < 50:
            problems.append(f"only {len(seen)} URLs show root the marker")
        errors = [o for o in outcomes if o.status is not None and o.status >= 500]
        for outcome in errors:
            outcome.error = f"error {outcome.error}"
        if problems or errors:
            self.fail("\n".join([*problems, self.report(self.root, errors)]))

    # --- town A itself -------------------------------------------------------

    def test_town_a_sees_its_own_objects(self) -> None:
        """The same URLs show the marker to town A's own people: Hugo (HR) edits
        the person and exports the town's people, the person reads the lesson of
        the private course and downloads their attestation. So town B's refusals
        are about the town, not broken fixtures, and the marker is found in
        spreadsheets and PDFs too."""
        self.client.force_login(self.hugo)
        for url in (
            reverse("people:edit", args=[ID]),
            reverse("lms_admin:people-export", args=[ID, "xlsx"]),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertTrue(shows_marker(response_text(response)), url)
        self.client.force_login(self.town_a.person)
        for url in (
            f"/learn/{self.town_a.lesson_path}",
            reverse("courses:certificate-pdf", args=[ID]),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertTrue(shows_marker(response_text(response)), url)

    def test_writes_are_seen_and_undone(self) -> None:
        """Hugo applying his town's import writes ``lms_importjob``: the prober
        sees it and the savepoint undoes it. His change of language writes his
        own row, allowed for him and flagged when watched as Dev's walk."""
        self.client.force_login(self.hugo)
        prober = Prober(self.client, self.town_a, own_rows=OwnRows(self.hugo, OWN_ROWS))
        applied = prober.request(
            "POST", reverse("lms_admin:import-apply", args=[ID]), {}
        )
        self.assertEqual(applied.status, 302)
        self.assertIn("lms_importjob", {w.table for w in applied.writes})
        self.assertEqual(ImportJob.objects.get(pk=ID).status, ImportJob.Status.VALID)
        own = prober.request("POST", reverse("set-language"), {"language": "en"})
        self.assertIn("lms_user", {w.table for w in own.writes})
        self.assertEqual([w.sql for w in own.writes if w.verb == "ROW"], [])
        watched_as_dev = Prober(
            self.client, self.town_a, own_rows=OwnRows(self.dev, OWN_ROWS)
        )
        other = watched_as_dev.request(
            "POST", reverse("set-language"), {"language": "en"}
        )
        self.assertEqual(
            [w.sql for w in other.writes if w.verb == "ROW"],
            [f"row {self.hugo.pk} changed preferred_language"],
        )

    def test_an_insert_is_seen_on_every_database(self) -> None:
        """SQLite counts an ``INSERT … RETURNING``'s row only once it is fetched:
        the recorder still sees Cléo's export log line, and knows it as her own."""
        self.client.force_login(self.cleo)
        prober = Prober(self.client, self.town_a, own_rows=OwnRows(self.cleo, OWN_ROWS))
        export = prober.request("GET", reverse("training:hours-export"), {})
        self.assertEqual(export.status, 200)
        self.assertIn("lms_personaldataexport", {w.table for w in export.writes})
        self.assertEqual([w.sql for w in export.writes if w.verb == "ROW"], [])

    def test_every_pattern_is_filled(self) -> None:
        """Each URL pattern becomes at least one URL that resolves to it; a new
        kind of parameter makes this fail until ``tests.matrix.Filler`` knows it."""
        self.assertEqual(self.unfilled, [])
        self.assertGreater(len(self.probes), MIN_URLS)

    # --- helpers -------------------------------------------------------------

    def walk(self, person: User | None, *, post: bool = True) -> list[Outcome]:
        if person is not None:
            self.client.force_login(person)
        prober = Prober(self.client, self.town_a, own_rows=OwnRows(person, OWN_ROWS))
        outcomes = prober.walk(self.probes, post=post)
        self.assertGreater(len({o.url for o in outcomes}), MIN_URLS)
        return outcomes

    def assert_sealed(self, person: User | None) -> None:
        outcomes = self.walk(person)
        failures = []
        for outcome in outcomes:
            problems = []
            if outcome.status is not None and outcome.status >= 500:
                problems.append(f"error {outcome.error}".strip())
            if outcome.shows_marker:
                problems.append("shows town A's marker")
            own_tables = {model._meta.db_table for model in OWN_ROWS}
            writes = sorted(
                {
                    f"{w.table} ({w.sql})" if w.verb == "ROW" else w.table
                    for w in outcome.writes
                    if w.verb == "ROW"
                    or (w.table not in ALLOWED_TABLES and w.table not in own_tables)
                }
            )
            if writes:
                problems.append("writes " + ", ".join(writes))
            if problems:
                outcome.error = "; ".join(problems)
                failures.append(outcome)
        if failures:
            self.fail(self.report(person, failures))

    def report(self, person: User | None, failures: list[Outcome]) -> str:
        if not failures:
            return ""
        who = person.username if person else "anonymous"
        by_problem: dict[str, list[str]] = defaultdict(list)
        for outcome in failures:
            by_problem[outcome.error].append(
                f"{outcome.method} {outcome.url} → {outcome.status}"
            )
        lines = [f"{len(failures)} requests by {who} failed the matrix:"]
        for problem, requests in sorted(by_problem.items()):
            lines.append(f"- {problem} ({len(requests)}):")
            lines.extend(f"    {request}" for request in requests)
        return "\n".join(lines)
