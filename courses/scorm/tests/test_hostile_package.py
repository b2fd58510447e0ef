"""A hostile SCORM package, written by the test, played in Chromium by an HR admin
and by a manager: its script runs on the content origin, with no session, and
every attempt to act as the learner on the site fails and changes nothing."""

import json
import shutil
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from courses import actions
from courses.demo.builders import make_activity_lesson, make_catalogue, make_section
from courses.demo.scorm_packages import MANIFEST_12, scorm_zip
from courses.models import LessonPage
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormScoState
from lms.models import User
from lms.testing import BrowserTestCase
from skills.models import Evidence

MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-scorm-hostile"

# Everything a malicious SCO could try against the site, each outcome written
# into its own page for the test to read.
HOSTILE_SCO = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Free training</title></head><body><h1>Free training</h1>
<pre id="report"></pre>
<script>
(async function () {
    const site = "__SITE__";
    const report = {};
    report.cookie = document.cookie;
    try { report.player = typeof window.parent.parent.API; }
    catch (error) { report.player = "blocked"; }
    try { report.lessonPage = window.top.document.title; }
    catch (error) { report.lessonPage = "blocked"; }
    async function attempt(name, url, init) {
        try {
            const response = await fetch(url, init);
            report[name] = response.type === "opaque"
                ? "opaque" : response.status + " " + (await response.text()).slice(0, 40);
        } catch (error) {
            report[name] = "refused";
        }
    }
    await attempt("adminHere", "/admin/users/", { credentials: "include" });
    await attempt("adminSite", site + "/admin/users/", { credentials: "include" });
    await attempt("peopleSite", site + "/people/", { credentials: "include" });
    const validation = new URLSearchParams({ competence: "1", level: "8", note: "x" });
    await attempt("validate", site + "__VALIDATE__", {
        method: "POST", credentials: "include", mode: "no-cors", body: validation,
    });
    await attempt("commitOther", site + "__COMMIT__", {
        method: "POST", credentials: "include", mode: "no-cors",
        body: JSON.stringify({ session: "__SESSION__", sequence: 99, terminate: false,
            cmi: { core: { lesson_status: "passed", score: { raw: "100" } } }, csrf: "" }),
    });
    await attempt("promote", site + "/admin/users/__CLEO__/", {
        method: "POST", credentials: "include", mode: "no-cors",
        body: new URLSearchParams({ is_superuser: "on" }),
    });
    try { window.top.location.href = site + "/phished/"; report.navigate = "tried"; }
    catch (error) { report.navigate = "blocked"; }
    document.getElementById("report").textContent = JSON.stringify(report);
})();
</script></body></html>"""


@override_settings(MEDIA_ROOT=MEDIA)
class HostileScormTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        self.section = make_section(make_catalogue(), self.town)
        # Ada has an attempt the package would like to pass for her.
        self.victim_package = scorm_actions.import_scorm(scorm_zip())
        self.victim_lesson = self.lesson_playing(self.victim_package, "victim")
        victim = actions.enrol(self.ada, self.victim_lesson.course)
        attempt = scorm_actions.current_scorm_attempt(
            victim,
            lesson=self.victim_lesson,
            block_id=self.victim_lesson.blocks_of("scorm")[0].id,
        )
        self.victim = scorm_actions.launch_sco(
            attempt, self.victim_package.scos.first()
        )

    def lesson_playing(self, package, slug: str) -> LessonPage:
        return make_activity_lesson(
            self.section,
            slug=slug,
            block={"type": "scorm", "value": {"package": package.pk}},
        )

    def hostile_lesson(self) -> LessonPage:
        page = (
            HOSTILE_SCO.replace("__SITE__", self.live_server_url)
            .replace("__VALIDATE__", reverse("skills:validate", args=[self.ada.pk]))
            .replace("__COMMIT__", reverse("scorm:commit", args=[self.victim.pk]))
            .replace("__SESSION__", str(self.victim.session))
            .replace("__CLEO__", str(self.cleo.pk))
        )
        package = scorm_actions.import_scorm(
            scorm_zip(MANIFEST_12, files={"sco1/index.html": page})
        )
        return self.lesson_playing(package, "free-training")

    def play_as(self, person: User) -> dict:
        lesson = self.hostile_lesson()
        actions.enrol(person, lesson.course)
        # The browser enforces every policy here (no bypass, unlike setUp's).
        self.context.close()
        self.context = self.browser.new_context(locale="fr-FR")
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.sign_in(person.username)
        self.page.goto(self.url(lesson.url))
        report = (
            self.page.frame_locator("iframe.scorm-frame")
            .frame_locator("#scorm-content")
            .frame_locator("#sco")
            .locator("#report")
        )
        report.filter(has_text="navigate").wait_for()
        self.assertEqual(self.page.url, self.url(lesson.url))  # not navigated away
        return json.loads(report.text_content())

    def assert_nothing_changed(self, before: dict) -> None:
        self.assertEqual(self.snapshot(), before)

    def snapshot(self) -> dict:
        victim = ScormScoState.objects.get(pk=self.victim.pk)
        return {
            "evidence": Evidence.objects.count(),
            "superusers": list(
                User.objects.filter(is_superuser=True).values_list("pk", flat=True)
            ),
            "victim": (victim.cmi, victim.sequence, victim.completion_status),
        }

    def assert_refused(self, report: dict) -> None:
        self.assertEqual(report["cookie"], "")
        self.assertEqual(report["player"], "blocked")
        self.assertEqual(report["lessonPage"], "blocked")
        self.assertTrue(report["adminHere"].startswith("404"), report)
        # The content policy keeps the SCO's requests on its own origin (and
        # they would carry no session: the site's cookies are another site's).
        for name in ("adminSite", "peopleSite", "validate", "commitOther", "promote"):
            self.assertEqual(report[name], "refused", name)

    def test_an_hr_admin_playing_it_lends_it_nothing(self) -> None:
        before = self.snapshot()
        report = self.play_as(self.cleo)
        self.assert_refused(report)
        self.assert_nothing_changed(before)

    def test_a_manager_playing_it_validates_nothing(self) -> None:
        """Ben may validate Ada's levels on the site; the package, run by him,
        cannot."""
        before = self.snapshot()
        report = self.play_as(self.ben)
        self.assert_refused(report)
        self.assert_nothing_changed(before)
