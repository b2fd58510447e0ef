"""SCORM 2004 sequencing in Chromium: the post-test package played through
scorm-again's engine (skip to the test, pass it; notes kept in adl.data)."""

import shutil
from decimal import Decimal
from pathlib import Path

from django.test import override_settings

from courses import actions
from courses.demo.builders import make_activity_lesson, make_catalogue, make_section
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormAttempt
from courses.scorm.tests.sequencing_packages import (
    forward_only_package,
    post_test_package,
)
from lms.testing import BrowserTestCase

MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-scorm-sequencing"


@override_settings(MEDIA_ROOT=MEDIA)
class PostTestRollupTests(BrowserTestCase):
    def play(self, package):
        self.addCleanup(shutil.rmtree, MEDIA, True)
        lesson = make_activity_lesson(
            make_section(make_catalogue(), self.town),
            slug="scorm",
            block={"type": "scorm", "value": {"package": package.pk}},
        )
        actions.enrol(self.ada, lesson.course)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        return lesson

    def test_a_forward_only_flow_and_suspend_all_then_resume(self) -> None:
        """No choice, no going back: the contents are greyed out, Previous is
        hidden, Next continues; suspendAll ends the session and the next
        launch resumes the suspended step."""
        lesson = self.play(scorm_actions.import_scorm(forward_only_package()))
        player = self.page.frame_locator("iframe.scorm-frame")
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Step 1").wait_for()
        self.page.wait_for_timeout(300)
        for name in ("Step one", "Step two", "Step three"):
            self.assertEqual(
                player.get_by_role("link", name=name).get_attribute("aria-disabled"),
                "true",
            )
        player.get_by_role("link", name="Suivant").click()
        player.get_by_role("link", name="Step two").and_(
            player.locator("[aria-current=page]")
        ).wait_for()
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Step 2").wait_for()
        self.page.wait_for_timeout(300)
        self.assertFalse(player.get_by_role("link", name="Précédent").is_visible())
        sco.get_by_role("button", name="Suspend").click()
        player.locator("#scorm-ended").wait_for()
        self.page.wait_for_timeout(500)
        self.page.goto(self.url(lesson.url))
        player = self.page.frame_locator("iframe.scorm-frame")
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Step 2").wait_for()
        sco.get_by_text("Entry: resume").wait_for()

    def test_skip_to_the_test_pass_it_and_notes_survive_a_relaunch(self) -> None:
        lesson = self.play(scorm_actions.import_scorm(post_test_package()))
        player = self.page.frame_locator("iframe.scorm-frame")
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Content").wait_for()
        # A pre-condition disables Etiquette until the global objective the
        # post-test writes is satisfied: greyed out in the contents.
        etiquette = player.get_by_role("link", name="Etiquette")
        self.assertEqual(etiquette.get_attribute("aria-disabled"), "true")
        sco.get_by_label("Notes").fill("Keep the head down")
        sco.get_by_role("button", name="Save notes").click()
        sco.get_by_text("Notes saved").wait_for()
        self.page.wait_for_function(
            "() => document.querySelector('iframe.scorm-frame').contentDocument"
            ".body.dataset.scormSequencingSaves >= '1'"
        )
        attempt = ScormAttempt.objects.get()
        self.assertEqual(
            attempt.sequencing_state["sharedData"], {"notes": "Keep the head down"}
        )
        # A relaunch reads the notes back through adl.data.
        self.page.reload()
        player = self.page.frame_locator("iframe.scorm-frame")
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Content").wait_for()
        self.assertEqual(sco.get_by_label("Notes").input_value(), "Keep the head down")
        # Skip to the test: the engine delivers the post-test.
        sco.get_by_role("button", name="Skip to the test").click()
        player.get_by_role("link", name="Post-test").and_(
            player.locator("[aria-current=page]")
        ).wait_for()
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Test").wait_for()
        self.assertEqual(sco.get_by_label("Notes").input_value(), "Keep the head down")
        sco.get_by_role("button", name="Pass the test").click()
        for _ in range(40):  # the engine's save follows the terminate commit
            attempt.refresh_from_db()
            if attempt.completed_at is not None:
                break
            self.page.wait_for_timeout(250)
        self.assertEqual(
            (attempt.completion_status, attempt.success_status), ("completed", "passed")
        )
        self.assertIsNotNone(attempt.completed_at)
        self.assertEqual(attempt.score_scaled, Decimal("0.9"))
        # Back later: the global objective the post-test wrote enables
        # Etiquette, which the engine then delivers.
        self.page.goto(self.url(lesson.url))
        player = self.page.frame_locator("iframe.scorm-frame")
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Content").wait_for()
        etiquette = player.get_by_role("link", name="Etiquette")
        self.page.wait_for_timeout(500)
        self.assertIsNone(etiquette.get_attribute("aria-disabled"))
        etiquette.click()
        player.get_by_role("link", name="Etiquette").and_(
            player.locator("[aria-current=page]")
        ).wait_for()
        self.assert_accessible()
        # A new attempt keeps the global objectives of the last one (the
        # manifest does not say objectivesGlobalToSystem="false").
        restart = player.get_by_role("button", name="Commencer une nouvelle tentative")
        self.page.once("dialog", lambda dialog: dialog.accept())
        restart.click()
        player.get_by_text("Tentative 2").wait_for()
        sco = player.frame_locator("#scorm-content").frame_locator("#sco")
        sco.get_by_role("heading", name="Content").wait_for()
        self.page.wait_for_timeout(500)
        self.assertIsNone(
            player.get_by_role("link", name="Etiquette").get_attribute("aria-disabled")
        )
        second = ScormAttempt.objects.get(number=2)
        self.assertIsNone(second.completed_at)
        self.assertTrue(
            second.sequencing_state["globalObjectiveMap"]["golf_basics"][
                "satisfiedStatus"
            ]
        )
