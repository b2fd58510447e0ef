import json
import shutil
from pathlib import Path
from unittest import skipUnless

from django.test import override_settings
from django.urls import reverse

from courses import actions
from courses.demo.builders import (
    make_activity_lesson,
    make_catalogue,
    make_section,
)
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PAnswer, H5PResult, H5PUserData
from courses.models import LessonCompletion
from lms.testing import BrowserTestCase

FIXTURE = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "fixtures"
    / "h5p"
    / "h5p-standalone_test_TrueFalse.h5p"
)
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p-browser"


@skipUnless(FIXTURE.exists(), "shared/fixtures/h5p is absent (a fresh clone has none)")
@override_settings(MEDIA_ROOT=MEDIA)
class H5PJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        with FIXTURE.open("rb") as handle:
            package = h5p_actions.import_h5p(handle, organisation=self.town)
        self.lesson = make_activity_lesson(
            make_section(make_catalogue(), self.town),
            slug="interactive",
            block={"type": "h5p", "value": {"package": package.pk, "pass_mark": 100}},
        )
        actions.enrol(self.ada, self.lesson.course)

    def test_a_learner_answers_true_false_and_the_server_records_it(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.lesson.url))
        player = self.page.frame_locator("iframe.h5p-frame")
        self.assert_accessible()
        player.get_by_text("False", exact=True).click()
        player.get_by_role("button", name="Check").click()
        self.page.wait_for_function(
            "document.querySelector('.h5p-status').textContent.trim().length > 0"
        )
        result = H5PResult.objects.get()
        self.assertTrue(result.passed)
        self.assertEqual(float(result.scaled), 1.0)
        self.press("Marquer cette leçon comme terminée", then="**/learning/")
        self.assertTrue(LessonCompletion.objects.filter(lesson=self.lesson).exists())

    def test_a_learner_who_leaves_mid_way_finds_their_answer_again(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.lesson.url))
        player = self.page.frame_locator("iframe.h5p-frame")
        player.get_by_text("False", exact=True).click()
        self.page.wait_for_function("document.body.dataset.h5pSaved > 0")
        self.assertEqual(json.loads(H5PUserData.objects.get().data), {"answer": False})
        self.page.reload()
        false = self.page.frame_locator("iframe.h5p-frame").get_by_role(
            "radio", name="False"
        )
        false.wait_for()
        self.assertEqual(false.get_attribute("aria-checked"), "true")
        self.assertFalse(H5PResult.objects.exists())  # nothing was checked yet

    def test_the_author_sees_the_answer_in_the_statistics(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.lesson.url))
        player = self.page.frame_locator("iframe.h5p-frame")
        player.get_by_text("True", exact=True).click()
        player.get_by_role("button", name="Check").click()
        for _ in range(50):  # the statement is relayed after the click
            if H5PAnswer.objects.exists():
                break
            self.page.wait_for_timeout(100)
        answer = H5PAnswer.objects.get()
        self.assertEqual(answer.interaction_type, "true-false")
        self.assertIs(answer.success, False)
        self.page.context.clear_cookies()
        self.sign_in("aurore")
        self.page.goto(
            self.url(reverse("h5p_admin:statistics", args=[answer.package_id]))
        )
        self.assertEqual(
            self.page.locator("#h5p-questions tbody th").inner_text(), answer.question
        )
        self.assert_accessible()
