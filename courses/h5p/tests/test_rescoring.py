"""A forged H5P statement (a claimed full score, a wrong answer) is stored as
sent but counts with the server's score: the block does not pass, the lesson
cannot be completed, and no evidence comes of it. A course completed on
content the server scores is evidence scored by the platform."""

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import actions, activities
from courses.demo.builders import make_activity_lesson
from courses.demo.h5p_packages import build, library_json
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PAnswer, H5PPackage, H5PResult
from courses.h5p.scoring import SUB_CONTENT_ID
from courses.h5p.tests.test_scoring import (
    BLANKS,
    DRAG_TEXT,
    MULTIPLE_CHOICE,
    QUESTION_SET,
    RIGHT,
    TRUE_FALSE,
)
from courses.models import CourseCompetence, LessonCompletion, LessonPage
from courses.testing.h5p_lessons import H5PLessonTestCase, statement
from skills.actions import load_digcomp, record_evidence
from skills.models import Evidence
from skills.queries import current_levels

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "h5p"
ABSENT = "shared/fixtures/h5p is absent (a fresh clone has none)"
slugs = itertools.count()


def package_files(library: str, content: dict) -> dict:
    """A small package whose main library is ``library`` (its code is not
    needed: the server reads content.json)."""
    return {
        "h5p.json": {
            "title": library,
            "language": "fr",
            "mainLibrary": library,
            "embedTypes": ["div"],
            "preloadedDependencies": [
                {"machineName": library, "majorVersion": "1", "minorVersion": "0"}
            ],
        },
        "content/content.json": content,
        f"{library}-1.0/library.json": library_json(library),
        f"{library}-1.0/app.js": "// app",
    }


def sent(
    response: str | None, *, claimed: float, verb: str = "answered", sub: str = ""
) -> dict:
    """A statement as the player relays it, claiming the score ``claimed``."""
    data = statement(verb=verb, scaled=claimed, parent=bool(sub))
    data["result"]["success"] = claimed == 1
    if response is not None:
        data["result"]["response"] = response
    definition = data["object"]["definition"]
    if verb == "answered":
        definition["interactionType"] = "choice"
    if sub:
        definition["extensions"] = {SUB_CONTENT_ID: sub}
    return data


class RescoringTestCase(H5PLessonTestCase):
    """Ada plays content the test writes (``play``), in a lesson of its own."""

    def play(
        self, library: str, content: dict, *, pass_mark: int | None = None
    ) -> LessonPage:
        package = h5p_actions.import_h5p(
            build(package_files(library, content)),
            organisation=self.section.organisation,
        )
        return self.play_package(package, pass_mark=pass_mark)

    def play_package(
        self, package: H5PPackage, *, pass_mark: int | None = None
    ) -> LessonPage:
        self.lesson = make_activity_lesson(
            self.section,
            slug=f"rescored-{next(slugs)}",
            block={
                "type": "h5p",
                "value": {"package": package.pk, "pass_mark": pass_mark},
            },
        )
        self.enrolment = actions.enrol(self.ada, self.lesson.course)
        block_id = self.lesson.blocks_of("h5p")[0].id
        self.url = reverse("h5p:statement", args=[self.lesson.pk, block_id])
        return self.lesson

    def passes(self, data: dict) -> bool:
        response = self.post(data)
        self.assertEqual(response.status_code, 200)
        return response.json()["passed"]

    def latest_result(self) -> H5PResult:
        return H5PResult.objects.filter(lesson=self.lesson).latest("created_at")

    def complete(self) -> bool:
        self.client.post(reverse("courses:lesson-complete", args=[self.lesson.pk]))
        return LessonCompletion.objects.filter(lesson=self.lesson).exists()


class ForgedStatementTests(RescoringTestCase):
    def test_a_claimed_full_score_with_a_wrong_answer_does_not_pass(self) -> None:
        self.play("H5P.MultiChoice", MULTIPLE_CHOICE)
        self.assertFalse(self.passes(sent("1", claimed=1.0)))
        result = self.latest_result()
        self.assertEqual((result.scaled, result.rescored), (0, True))
        stored = result.statement.data["result"]  # as sent
        self.assertEqual((stored["score"]["scaled"], stored["response"]), (1.0, "1"))
        answer = H5PAnswer.objects.get(statement=result.statement)
        self.assertEqual((answer.success, answer.scaled), (False, 0))
        self.assertFalse(self.complete())
        with self.assertRaises(ValidationError):
            actions.complete_lesson(self.enrolment, self.lesson)

    def test_the_right_answer_passes_whatever_score_is_claimed(self) -> None:
        self.play("H5P.MultiChoice", MULTIPLE_CHOICE)
        self.assertTrue(self.passes(sent("0[,]2", claimed=0.0)))
        result = self.latest_result()
        self.assertEqual(
            (result.scaled, result.rescored, result.passed), (1, True, True)
        )
        self.assertTrue(self.complete())

    def test_a_claimed_score_without_an_answer_scores_nothing(self) -> None:
        self.play("H5P.MultiChoice", MULTIPLE_CHOICE)
        self.assertFalse(self.passes(sent(None, claimed=1.0, verb="completed")))
        self.assertEqual(self.latest_result().scaled, 0)

    def test_the_blocks_pass_mark_applies_to_the_servers_score(self) -> None:
        """One right answer of two is 50 %: enough for a 50 % block, not for
        the content's own 100 %."""
        self.play("H5P.MultiChoice", MULTIPLE_CHOICE, pass_mark=50)
        self.assertTrue(self.passes(sent("0", claimed=0.0)))
        self.play("H5P.MultiChoice", MULTIPLE_CHOICE)
        self.assertFalse(self.passes(sent("0", claimed=1.0)))
        self.assertEqual(self.latest_result().scaled, 0.5)

    def test_every_question_type_is_scored_both_ways(self) -> None:
        cases = [
            ("H5P.TrueFalse", TRUE_FALSE, "true", RIGHT["tf-1"]),
            ("H5P.Blanks", BLANKS, "fish[,]", RIGHT["bl-1"]),
            ("H5P.DragText", DRAG_TEXT, "leave[,]screen", RIGHT["dt-1"]),
        ]
        for library, content, wrong, right in cases:
            with self.subTest(library):
                self.play(library, content)
                self.assertFalse(self.passes(sent(wrong, claimed=1.0)))
                self.assertFalse(self.complete())
                self.assertTrue(self.passes(sent(right, claimed=0.0)))
                self.assertTrue(self.latest_result().rescored)
                self.assertTrue(self.complete())


class QuestionSetTests(RescoringTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.play("H5P.QuestionSet", QUESTION_SET)

    def answer(self, sub: str, response: str, claimed: float) -> None:
        self.assertFalse(self.passes(sent(response, claimed=claimed, sub=sub)))

    def finish(self, claimed: float) -> bool:
        return self.passes(sent(None, claimed=claimed, verb="completed"))

    def test_its_score_is_that_of_the_answers_to_its_questions(self) -> None:
        """4 points of 7 (57 %) claimed as 7, then every answer right claimed as 0;
        only the set's own result counts, at its own pass percentage (60)."""
        self.answer("mc-1", RIGHT["mc-1"], claimed=0.0)
        self.answer("tf-1", RIGHT["tf-1"], claimed=0.0)
        self.answer("bl-1", "phish[,]helpdesk", claimed=1.0)
        self.answer("dt-1", "leave[,]screen", claimed=1.0)
        self.assertFalse(self.finish(claimed=1.0))
        self.assertEqual(self.latest_result().scaled, Decimal("0.5714"))
        self.assertFalse(self.complete())
        for sub, response in RIGHT.items():  # a retry
            self.answer(sub, response, claimed=0.0)
        self.assertTrue(self.finish(claimed=0.0))
        self.assertEqual(self.latest_result().scaled, 1)
        self.assertEqual(H5PResult.objects.filter(lesson=self.lesson).count(), 2)
        self.assertTrue(self.complete())

    def test_a_set_finished_without_answers_scores_nothing(self) -> None:
        self.assertFalse(self.finish(claimed=1.0))
        self.assertEqual(self.latest_result().scaled, 0)

    def test_answers_count_for_one_result_only(self) -> None:
        """A retry starts afresh: the answers before the previous result are
        not counted again."""
        for sub, response in RIGHT.items():
            self.answer(sub, response, claimed=1.0)
        self.assertTrue(self.finish(claimed=1.0))
        self.finish(claimed=1.0)
        again = self.latest_result()
        self.assertEqual((again.scaled, again.passed), (0, False))

    def test_each_answer_is_stored_with_the_servers_verdict(self) -> None:
        self.answer("tf-1", "true", claimed=1.0)
        answer = H5PAnswer.objects.get(sub_content_id="tf-1")
        self.assertEqual((answer.success, answer.scaled), (False, 0))
        self.assertFalse(H5PResult.objects.filter(lesson=self.lesson).exists())


class ContentTheServerDoesNotScoreTests(RescoringTestCase):
    def test_the_reported_score_counts_as_before(self) -> None:
        """The lesson of ``H5PLessonTestCase`` plays H5P.Mini (pass mark 60)."""
        self.assertTrue(self.passes(statement(scaled=0.8)))
        result = self.latest_result()
        self.assertEqual((result.scaled, result.rescored), (Decimal("0.8"), False))

    def test_a_set_with_a_question_it_cannot_score_is_not_rescored(self) -> None:
        essay = {"library": "H5P.Essay 1.5", "params": {}, "subContentId": "e-1"}
        content = {**QUESTION_SET, "questions": [*QUESTION_SET["questions"], essay]}
        self.play("H5P.QuestionSet", content)
        self.assertTrue(self.passes(sent(None, claimed=1.0, verb="completed")))
        self.assertFalse(self.latest_result().rescored)
        self.assertEqual(activities.trust_of([self.lesson]), "content")


class CourseEvidenceTests(RescoringTestCase):
    """Ben validated Ada at level 2 yesterday; the course demonstrates level 3."""

    def setUp(self) -> None:
        super().setUp()
        self.version = load_digcomp()
        self.competence = self.version.competences.get(code="4.1")
        record_evidence(
            self.ada,
            competence=self.competence,
            level=2,
            source="manager",
            recorded_by=self.ben,
            observed_at=timezone.now() - dt.timedelta(days=1),
        )

    def demonstrates(self, lesson: LessonPage) -> None:
        CourseCompetence.objects.create(
            course=lesson.course, competence=self.competence, level=3
        )

    def level(self) -> tuple[int, str]:
        decision = next(
            item.decision
            for item in current_levels(self.ada, self.version)
            if item.competence == self.competence
        )
        return decision.level, decision.reason

    def test_a_course_on_answers_the_server_scored_is_platform_evidence(
        self,
    ) -> None:
        """Scored by the platform, it raises the validated level."""
        self.demonstrates(self.play("H5P.QuestionSet", QUESTION_SET))
        self.assertEqual(activities.trust_of([self.lesson]), "server")
        for sub, response in RIGHT.items():
            self.post(sent(response, claimed=1.0, sub=sub))
        self.assertTrue(self.passes(sent(None, claimed=1.0, verb="completed")))
        self.assertTrue(self.complete())
        evidence = Evidence.objects.get(person=self.ada, source="course")
        self.assertEqual(evidence.trust, "server")
        self.assertEqual(self.enrolment.certificate.established, "server")
        self.assertEqual(self.level(), (3, "assessed"))

    def test_a_course_on_reported_results_stays_reported_evidence(self) -> None:
        """Reported by the content, it never moves the validated level."""
        self.demonstrates(self.lesson)  # H5PLessonTestCase's, playing H5P.Mini
        self.assertTrue(self.passes(statement(scaled=1.0)))
        self.assertTrue(self.complete())
        evidence = Evidence.objects.get(person=self.ada, source="course")
        self.assertEqual(evidence.trust, "content")
        self.assertEqual(self.enrolment.certificate.established, "content")
        self.assertEqual(self.level(), (2, "validated"))

    def test_a_forged_score_gives_no_evidence(self) -> None:
        self.demonstrates(self.play("H5P.MultiChoice", MULTIPLE_CHOICE))
        self.assertFalse(self.passes(sent("1", claimed=1.0)))
        self.assertFalse(self.complete())
        self.assertFalse(Evidence.objects.filter(source="course").exists())
        self.assertEqual(self.level(), (2, "validated"))


class RealPackageTests(RescoringTestCase):
    """The shared fixtures, as h5p.org exports them."""

    def play_fixture(self, name: str) -> LessonPage:
        path = FIXTURES / name
        if not path.exists():
            self.skipTest(ABSENT)
        with path.open("rb") as handle:
            return self.play_package(h5p_actions.import_h5p(handle))

    def test_multiple_choice(self) -> None:
        """One right answer of three (the first in content.json)."""
        self.play_fixture("H5P.MultiChoice.h5p")
        self.assertFalse(self.passes(sent("2", claimed=1.0)))
        self.assertTrue(self.passes(sent("0", claimed=0.0)))
        self.assertEqual(activities.trust_of([self.lesson]), "server")

    def test_true_false(self) -> None:
        """Its right answer is "false"."""
        self.play_fixture("h5p-standalone_test_TrueFalse.h5p")
        self.assertFalse(self.passes(sent("true", claimed=1.0)))
        self.assertTrue(self.passes(sent("false", claimed=0.0)))
        self.assertEqual(activities.trust_of([self.lesson]), "server")

    def test_fill_in_the_blanks(self) -> None:
        """Three berries; no pass percentage, no verdict: 50 % passes."""
        self.play_fixture("H5P.Blanks.h5p")
        self.assertFalse(self.passes(sent("blue[,]rasp[,]red", claimed=1.0)))
        self.assertEqual(self.latest_result().scaled, Decimal("0.3333"))
        self.assertTrue(self.passes(sent("Blue[,]cloud[,]x", claimed=0.0)))
        self.assertEqual(activities.trust_of([self.lesson]), "server")

    def test_question_set(self) -> None:
        """Drag and Drop and Mark the Words are not scored: the set's own
        report counts, but each True/False answer gets the server's verdict."""
        self.play_fixture("H5P.QuestionSet.h5p")
        self.assertEqual(activities.trust_of([self.lesson]), "content")
        true_false = "e0c46024-cdc0-4687-b02d-40ec1db2ef67"  # "true" is right
        self.passes(sent("true", claimed=0.0, sub=true_false))
        answer = H5PAnswer.objects.get(sub_content_id=true_false)
        self.assertEqual((answer.success, answer.scaled), (True, 1))
        self.assertTrue(self.passes(sent(None, claimed=1.0, verb="completed")))
        self.assertFalse(self.latest_result().rescored)
