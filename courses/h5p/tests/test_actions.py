"""Which pass mark decides an H5P block: the author's when set, else the
content's own pass percentage, else the content's own verdict, else 50 %."""

from pathlib import Path
from unittest import skipUnless

from django.test import SimpleTestCase
from django.urls import reverse

from courses import actions
from courses.demo.builders import make_activity_lesson
from courses.demo.h5p_packages import build, valid_files
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PResult
from courses.h5p.package import content_pass_percentage
from courses.models import LessonPage
from courses.testing.h5p_lessons import H5PLessonTestCase, statement

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "h5p"
MULTIPLE_CHOICE = FIXTURES / "H5P.MultiChoice.h5p"


def new_lesson(case: H5PLessonTestCase, slug: str, value: dict) -> LessonPage:
    """A new lesson holding an H5P block with ``value``, Ada enrolled."""
    lesson = make_activity_lesson(
        case.section, slug=slug, block={"type": "h5p", "value": value}
    )
    actions.enrol(case.ada, lesson.course)
    return lesson


def statements_url(lesson: LessonPage) -> str:
    return reverse("h5p:statement", args=[lesson.pk, lesson.blocks_of("h5p")[0].id])


class ContentPassPercentageTests(SimpleTestCase):
    def test_it_reads_where_real_content_types_keep_it(self) -> None:
        cases = {
            "Question Set": ({"passPercentage": 70, "questions": []}, 70),
            "Single Choice Set": ({"behaviour": {"passPercentage": 80}}, 80),
            "Essay": ({"behaviour": {"percentagePassing": 40}}, 40),
            "Course Presentation": ({"presentation": {"slides": []}}, None),
        }
        for kind, (content, expected) in cases.items():
            with self.subTest(kind):
                self.assertEqual(content_pass_percentage(content), expected)

    def test_it_ignores_what_is_not_a_percentage(self) -> None:
        for value in ("80", True, None, -1, 101, [50]):
            with self.subTest(value=value):
                self.assertIsNone(content_pass_percentage({"passPercentage": value}))
        self.assertIsNone(content_pass_percentage([]))
        self.assertIsNone(content_pass_percentage({"behaviour": "strict"}))

    def test_only_the_top_level_content_counts(self) -> None:
        """A question inside a set keeps its own percentage for itself."""
        content = {"questions": [{"params": {"behaviour": {"passPercentage": 100}}}]}
        self.assertIsNone(content_pass_percentage(content))


class PassMarkTests(H5PLessonTestCase):
    """Ada plays a lesson whose block sets no pass mark (unless a test says so)."""

    def play(self, content: dict, *, pass_mark: int | None = None) -> None:
        files = {**valid_files(), "content/content.json": content}
        package = h5p_actions.import_h5p(
            build(files), organisation=self.section.organisation
        )
        value: dict = {"package": package.pk}
        if pass_mark is not None:
            value["pass_mark"] = pass_mark
        self.played = new_lesson(self, "own-mark", value)
        self.url = statements_url(self.played)

    def passes(self, scaled: float, success: bool | None = None) -> bool:
        data = statement(verb="completed", scaled=scaled)
        if success is not None:
            data["result"]["success"] = success
        passed = self.post(data).json()["passed"]
        self.assertEqual(H5PResult.objects.filter(passed=True).exists(), passed)
        return passed

    def test_a_block_without_a_pass_mark_has_an_empty_one(self) -> None:
        self.play({"behaviour": {"passPercentage": 80}})
        block = LessonPage.objects.get(pk=self.played.pk).blocks_of("h5p")[0]
        self.assertIsNone(block.value["pass_mark"])

    def test_a_score_below_the_contents_pass_percentage_does_not_pass(
        self,
    ) -> None:
        """Even when the statement claims success: the server decides."""
        self.play({"behaviour": {"passPercentage": 80}})
        self.assertFalse(self.passes(0.75, success=True))

    def test_a_score_at_the_contents_pass_percentage_passes(self) -> None:
        self.play({"passPercentage": 80})
        self.assertTrue(self.passes(0.8))

    def test_the_blocks_pass_mark_overrides_the_contents(self) -> None:
        self.play({"behaviour": {"passPercentage": 80}}, pass_mark=60)
        self.assertTrue(self.passes(0.7))

    def test_an_authors_pass_mark_of_fifty_is_kept(self) -> None:
        """Lessons saved before the field was optional hold 50: it still decides."""
        self.play({"behaviour": {"passPercentage": 100}}, pass_mark=50)
        self.assertTrue(self.passes(0.5))

    def test_without_a_percentage_the_contents_verdict_decides(self) -> None:
        self.play({"presentation": {"slides": []}})
        self.assertFalse(self.passes(0.9, success=False))

    def test_without_a_percentage_a_successful_result_passes(self) -> None:
        self.play({"presentation": {"slides": []}})
        self.assertTrue(self.passes(0.3, success=True))

    def test_without_a_percentage_or_a_verdict_half_the_score_passes(self) -> None:
        self.play({"presentation": {"slides": []}})
        self.assertFalse(self.passes(0.49))
        self.assertTrue(self.passes(0.5))


@skipUnless(
    MULTIPLE_CHOICE.exists(), "shared/fixtures/h5p is absent (a fresh clone has none)"
)
class RealContentPassMarkTests(H5PLessonTestCase):
    def test_multiple_choice_passes_at_its_own_percentage(self) -> None:
        """The fixture's Multiple Choice sets ``behaviour.passPercentage`` 100;
        the server scores the answer itself (its first answer is the right one)."""
        with MULTIPLE_CHOICE.open("rb") as handle:
            package = h5p_actions.import_h5p(handle)
        url = statements_url(new_lesson(self, "multi", {"package": package.pk}))
        wrong, right = statement(scaled=0.75), statement(scaled=1.0)
        wrong["result"]["response"], right["result"]["response"] = "1", "0"
        self.assertFalse(self.post(wrong, url=url).json()["passed"])
        self.assertTrue(self.post(right, url=url).json()["passed"])
