"""The real H5P player's statements, scored by the server: for the shared
fixtures played in a browser, the server's score is the one the content itself
computed, so honest learners never see the two disagree."""

import shutil
from decimal import Decimal
from pathlib import Path

from django.test import override_settings

from courses import actions
from courses.demo.builders import make_activity_lesson, make_catalogue, make_section
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PAnswer, H5PResult
from courses.records.models import Statement
from lms.testing import BrowserTestCase

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "h5p"
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p-rescoring"


@override_settings(MEDIA_ROOT=MEDIA)
class RealPlayerTests(BrowserTestCase):
    def play(self, name: str) -> None:
        path = FIXTURES / name
        if not path.exists():
            self.skipTest("shared/fixtures/h5p is absent (a fresh clone has none)")
        self.addCleanup(shutil.rmtree, MEDIA, True)
        with path.open("rb") as handle:
            package = h5p_actions.import_h5p(handle, organisation=self.town)
        lesson = make_activity_lesson(
            make_section(make_catalogue(), self.town),
            slug="rescored",
            block={"type": "h5p", "value": {"package": package.pk}},
        )
        actions.enrol(self.ada, lesson.course)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        self.player = self.page.frame_locator("iframe.h5p-frame")

    def wait_for(self, model: type, count: int = 1) -> list:
        for _ in range(100):  # each statement is relayed after the click
            if model.objects.count() >= count:
                break
            self.page.wait_for_timeout(100)
        return list(model.objects.order_by("created_at"))

    def assert_same_score(self, row: H5PResult | H5PAnswer) -> None:
        claimed = Statement.objects.get(pk=row.statement_id).data["result"]["score"]
        self.assertEqual(row.scaled, Decimal(str(claimed["scaled"])))

    def test_multiple_choice(self) -> None:
        """Its answers are shuffled on screen; the right one is first in
        content.json."""
        self.play("H5P.MultiChoice.h5p")
        self.player.get_by_role("radio", name="Blue").click()
        self.player.get_by_role("button", name="Check").click()
        [wrong] = self.wait_for(H5PResult)
        self.assertEqual((wrong.rescored, wrong.scaled), (True, 0))
        self.assert_same_score(wrong)
        self.player.get_by_role("button", name="Retry").click()
        self.player.get_by_role("radio", name="Very dark purple").click()
        self.player.get_by_role("button", name="Check").click()
        right = self.wait_for(H5PResult, 2)[-1]
        self.assertEqual((right.rescored, right.scaled, right.passed), (True, 1, True))
        self.assert_same_score(right)

    def test_fill_in_the_blanks(self) -> None:
        """It checks itself once every blank is filled in (case does not
        matter); its statement has no verdict."""
        self.play("H5P.Blanks.h5p")
        blanks = self.player.locator("input.h5p-text-input")
        for index, word in enumerate(["Blue", "cloud", "red"]):
            blanks.nth(index).fill(word)
            blanks.nth(index).press("Tab")
        result = self.wait_for(H5PResult)[-1]
        self.assertEqual((result.rescored, result.scaled), (True, Decimal("0.6667")))
        self.assert_same_score(result)

    def test_questions_of_a_question_set(self) -> None:
        """Its first question has no right answer: checking none is right."""
        self.play("H5P.QuestionSet.h5p")
        self.player.get_by_role("button", name="Check").first.click()
        [answer] = self.wait_for(H5PAnswer)
        self.assertEqual((answer.success, answer.scaled), (True, 1))
        self.assert_same_score(answer)
