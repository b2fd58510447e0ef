"""The player runs within its policy, with the policies enforced: no violation
reported, and its fonts load on the content origin."""

import shutil
from pathlib import Path
from unittest import skipUnless

from django.test import override_settings

from courses import actions
from courses.demo.builders import make_activity_lesson, make_catalogue, make_section
from courses.h5p import actions as h5p_actions
from lms.testing import BrowserTestCase

FIXTURE = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "fixtures"
    / "h5p"
    / "h5p-standalone_test_TrueFalse.h5p"
)
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p-policy"


@skipUnless(FIXTURE.exists(), "shared/fixtures/h5p is absent (a fresh clone has none)")
@override_settings(MEDIA_ROOT=MEDIA)
class PlayerPolicyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        with FIXTURE.open("rb") as handle:
            package = h5p_actions.import_h5p(handle, organisation=self.town)
        self.lesson = make_activity_lesson(
            make_section(make_catalogue(), self.town),
            slug="interactive",
            block={"type": "h5p", "value": {"package": package.pk}},
        )
        actions.enrol(self.ada, self.lesson.course)
        self.context.close()
        self.context = self.browser.new_context(locale="fr-FR")  # no CSP bypass
        self.page = self.context.new_page()

    def test_the_player_reports_no_violation_and_loads_its_fonts(self) -> None:
        console: list[str] = []
        self.page.on("console", lambda message: console.append(message.text))
        failed: list[str] = []
        self.sign_in("ada")
        # Counted from the lesson on, once the sign-in pages are quiet: their own
        # icon request, still in flight, is cut short by the navigation that
        # follows (seen twice on a loaded CI).
        self.page.wait_for_load_state("networkidle")
        self.page.on("requestfailed", lambda request: failed.append(request.url))
        self.page.goto(self.url(self.lesson.url))
        player = self.page.frame_locator("iframe.h5p-frame")
        player.get_by_text("False", exact=True).wait_for()
        frame = next(f for f in self.page.frames if "/c/h5p/" in f.url)
        fonts = frame.evaluate(
            """async () => {
                await document.fonts.load("16px Inter");
                await document.fonts.ready;
                return [...document.fonts].filter(f => f.status !== "unloaded")
                    .map(f => [f.family.replaceAll('"', ""), f.status]);
            }"""
        )
        self.assertIn(["Inter", "loaded"], fonts)  # the player's, from /static/
        self.assertIn(["H5PFontIcons", "loaded"], fonts)  # a library's
        self.assertNotIn("error", {status for _, status in fonts})
        self.assertEqual(failed, [])
        self.assertEqual([m for m in console if "Content Security Policy" in m], [])
