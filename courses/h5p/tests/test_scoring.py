"""The server scores H5P answers itself, the way each content type's own code
does, from the package's content.json and the answer the statement carries."""

import json
import zipfile
from pathlib import Path
from unittest import skipUnless

from django.test import SimpleTestCase

from courses.h5p.scoring import (
    SUB_CONTENT_ID,
    Score,
    find_part,
    is_scored,
    score_response,
    score_set,
    score_statement,
    set_parts,
)

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "h5p"
ABSENT = "shared/fixtures/h5p is absent (a fresh clone has none)"

# Small contents, as H5P's editor saves them (the parts scoring reads).
MULTIPLE_CHOICE = {
    "question": "<p>Which are strong passwords?</p>",
    "answers": [
        {"text": "<div>Tr0ub4dor&amp;3</div>", "correct": True},
        {"text": "<div>123456</div>", "correct": False},
        {"text": "<div>correct horse battery staple</div>", "correct": True},
    ],
    "behaviour": {"type": "auto", "singlePoint": False, "passPercentage": 100},
}
TRUE_FALSE = {"question": "<p>A USB key found outside is safe.</p>", "correct": "false"}
BLANKS = {
    "questions": [
        "<p>Report a *phishing/phish:the fake mail* mail to the *IT desk*.</p>"
    ],
    "behaviour": {"caseSensitive": False, "acceptSpellingErrors": False},
}
DRAG_TEXT = {
    "textField": "Lock your *screen:Windows+L* when you *leave\\+Good\\-No*.",
    "distractors": "*open*",
}
QUESTIONS = {
    "mc-1": ("H5P.MultiChoice 1.16", MULTIPLE_CHOICE),
    "tf-1": ("H5P.TrueFalse 1.8", TRUE_FALSE),
    "bl-1": ("H5P.Blanks 1.14", BLANKS),
    "dt-1": ("H5P.DragText 1.10", DRAG_TEXT),
}
QUESTION_SET = {
    "passPercentage": 60,
    "questions": [
        {"library": library, "params": params, "subContentId": sub}
        for sub, (library, params) in QUESTIONS.items()
    ],
}
# Right answers to each question of QUESTION_SET, as their statements send them.
RIGHT = {
    "mc-1": "0[,]2",
    "tf-1": "false",
    "bl-1": "Phish[,]it desk",
    "dt-1": "screen[,]leave",
}


def fixture_content(name: str) -> dict:
    with zipfile.ZipFile(FIXTURES / name) as package:
        return json.loads(package.read("content/content.json").decode("utf-8-sig"))


def answered(response: object, sub_content_id: str = "") -> dict:
    """An ``answered`` statement as H5P sends it (the parts scoring reads)."""
    definition: dict = {"interactionType": "choice"}
    if sub_content_id:
        definition["extensions"] = {SUB_CONTENT_ID: sub_content_id}
    return {
        "object": {"definition": definition},
        "result": {"score": {"scaled": 1.0}, "response": response},
    }


class MultipleChoiceTests(SimpleTestCase):
    def score(self, response: object, **behaviour: object) -> Score | None:
        params = {
            **MULTIPLE_CHOICE,
            "behaviour": {**MULTIPLE_CHOICE["behaviour"], **behaviour},
        }
        return score_response("H5P.MultiChoice", params, response)

    def test_each_right_answer_scores_a_point_and_a_wrong_one_takes_one(
        self,
    ) -> None:
        """The response lists the chosen answers by their index in content.json."""
        cases = {"0[,]2": 2, "2[,]0": 2, "0": 1, "0[,]1": 0, "1": 0, "": 0}
        for response, raw in cases.items():
            with self.subTest(response=response):
                self.assertEqual(self.score(response), Score(raw, 2, raw == 2))

    def test_a_single_point_needs_the_pass_percentage(self) -> None:
        self.assertEqual(self.score("0[,]2", singlePoint=True), Score(1, 1, True))
        self.assertEqual(self.score("0", singlePoint=True), Score(0, 1, False))
        half = self.score("0", singlePoint=True, passPercentage=50)
        self.assertEqual(half, Score(1, 1, True))

    def test_an_answer_it_cannot_read_scores_nothing(self) -> None:
        for response in ("x", "3", "0[,]0", "-1", "0,2", None, 2, ["0"]):
            with self.subTest(response=response):
                self.assertEqual(self.score(response), Score(0, 2, False))

    def test_one_right_answer_is_a_radio_button(self) -> None:
        params = {
            "answers": [{"correct": False}, {"correct": True}],
            "behaviour": {"singlePoint": False},
        }
        self.assertEqual(score_response("H5P.MultiChoice", params, "1").raw, 1)
        self.assertEqual(score_response("H5P.MultiChoice", params, "0").raw, 0)
        self.assertEqual(score_response("H5P.MultiChoice", params, "0[,]1").raw, 0)

    def test_with_no_right_answer_choosing_nothing_is_right(self) -> None:
        params = {"answers": [{"correct": False}, {"correct": False}]}
        self.assertEqual(
            score_response("H5P.MultiChoice", params, ""), Score(1, 1, True)
        )
        self.assertEqual(score_response("H5P.MultiChoice", params, "0").raw, 0)

    @skipUnless((FIXTURES / "H5P.MultiChoice.h5p").exists(), ABSENT)
    def test_the_real_package(self) -> None:
        """One right answer of three, shuffled on screen, a single point."""
        content = fixture_content("H5P.MultiChoice.h5p")
        self.assertTrue(content["behaviour"]["randomAnswers"])
        right = score_response("H5P.MultiChoice", content, "0")
        self.assertEqual(right, Score(1, 1, True))
        for wrong in ("1", "2", "", "0[,]1"):
            with self.subTest(wrong):
                self.assertEqual(
                    score_response("H5P.MultiChoice", content, wrong).raw, 0
                )


class TrueFalseTests(SimpleTestCase):
    def test_the_right_word_scores_the_point(self) -> None:
        self.assertEqual(score_response("H5P.TrueFalse", TRUE_FALSE, "false").raw, 1)
        for wrong in ("true", "", "False", None):
            with self.subTest(wrong):
                result = score_response("H5P.TrueFalse", TRUE_FALSE, wrong)
                self.assertEqual(result, Score(0, 1, False))

    def test_true_is_right_unless_the_content_says_otherwise(self) -> None:
        self.assertEqual(score_response("H5P.TrueFalse", {}, "true").raw, 1)

    @skipUnless((FIXTURES / "h5p-standalone_test_TrueFalse.h5p").exists(), ABSENT)
    def test_the_real_package(self) -> None:
        content = fixture_content("h5p-standalone_test_TrueFalse.h5p")
        self.assertEqual(score_response("H5P.TrueFalse", content, "false").raw, 1)
        self.assertEqual(score_response("H5P.TrueFalse", content, "true").raw, 0)


class FillInTheBlanksTests(SimpleTestCase):
    def score(self, response: str, **behaviour: object) -> Score | None:
        params = {**BLANKS, "behaviour": {**BLANKS["behaviour"], **behaviour}}
        return score_response("H5P.Blanks", params, response)

    def test_each_blank_is_a_point_and_any_alternative_will_do(self) -> None:
        self.assertEqual(self.score("phishing[,]IT desk"), Score(2, 2))
        self.assertEqual(self.score("phish[,] it desk "), Score(2, 2))
        self.assertEqual(self.score("the fake mail[,]IT"), Score(0, 2))
        self.assertEqual(self.score("phish"), Score(1, 2))

    def test_case_matters_when_the_content_says_so(self) -> None:
        self.assertEqual(self.score("Phish[,]it desk", caseSensitive=True).raw, 0)
        self.assertEqual(self.score("phish[,]IT desk", caseSensitive=True).raw, 2)

    def test_minor_spelling_errors_when_the_content_accepts_them(self) -> None:
        self.assertEqual(self.score("phishnig[,]IT dsk").raw, 0)
        self.assertEqual(
            self.score("phishnig[,]IT dsk", acceptSpellingErrors=True).raw, 2
        )
        self.assertEqual(self.score("fish[,]", acceptSpellingErrors=True).raw, 0)

    def test_blanks_read_as_the_content_reads_them(self) -> None:
        """Markup inside a blank is dropped, entities decoded, ``**`` is no
        blank, and the character right after a blank is never a blank's
        start (h5p-blanks' own parsing)."""
        params = {"questions": ["*<em>R&amp;D</em>* ** *a**b*"]}
        self.assertEqual(score_response("H5P.Blanks", params, "R&D[,]a"), Score(2, 2))

    @skipUnless((FIXTURES / "H5P.Blanks.h5p").exists(), ABSENT)
    def test_the_real_package(self) -> None:
        """Three berries, case does not matter."""
        content = fixture_content("H5P.Blanks.h5p")
        score = score_response("H5P.Blanks", content, "Blue[,]cloud[,]BLACK")
        self.assertEqual(score, Score(3, 3))
        wrong = score_response("H5P.Blanks", content, "blue[,]rasp[,]")
        self.assertEqual(wrong, Score(1, 3))


class DragTheWordsTests(SimpleTestCase):
    def test_each_gap_holding_its_word_is_a_point(self) -> None:
        """Tips and feedback are not part of the word; an empty gap is ""."""
        score = score_response("H5P.DragText", DRAG_TEXT, "screen[,]leave")
        self.assertEqual(score, Score(2, 2))
        self.assertEqual(
            score_response("H5P.DragText", DRAG_TEXT, "leave[,]screen").raw, 0
        )
        self.assertEqual(score_response("H5P.DragText", DRAG_TEXT, "[,]open").raw, 0)
        self.assertEqual(score_response("H5P.DragText", DRAG_TEXT, "screen[,]").raw, 1)

    def test_content_without_a_text_plays_the_content_types_own(self) -> None:
        default = score_response("H5P.DragText", {}, "nice[,]flexible")
        self.assertEqual(default, Score(2, 5))


class QuestionSetTests(SimpleTestCase):
    def test_its_score_is_the_sum_of_its_questions(self) -> None:
        self.assertEqual(set_parts("H5P.QuestionSet", QUESTION_SET), list(QUESTIONS))
        answers = {
            sub: score_statement("H5P.QuestionSet", QUESTION_SET, answered(r, sub))
            for sub, r in RIGHT.items()
        }
        self.assertEqual(
            score_set("H5P.QuestionSet", QUESTION_SET, answers), Score(7, 7, True)
        )
        del answers["bl-1"], answers["dt-1"]  # never checked: 0
        self.assertEqual(
            score_set("H5P.QuestionSet", QUESTION_SET, answers), Score(3, 7, False)
        )

    def test_a_question_is_found_by_its_sub_content_id(self) -> None:
        self.assertEqual(find_part(QUESTION_SET, "tf-1"), ("H5P.TrueFalse", TRUE_FALSE))
        wrong = score_statement(
            "H5P.QuestionSet", QUESTION_SET, answered("true", "tf-1")
        )
        self.assertEqual(wrong, Score(0, 1, False))
        self.assertIsNone(
            score_statement("H5P.QuestionSet", QUESTION_SET, answered("0", "nope"))
        )

    def test_its_own_statement_carries_no_answer(self) -> None:
        self.assertIsNone(
            score_statement("H5P.QuestionSet", QUESTION_SET, answered("0"))
        )

    def test_a_set_the_server_cannot_score_whole_is_not_scored(self) -> None:
        """Another question type, a random pool, unchecked questions, or
        questions it cannot tell apart."""
        other = {"library": "H5P.Essay 1.5", "params": {}, "subContentId": "e-1"}
        cases = {
            "another type": {"questions": [*QUESTION_SET["questions"], other]},
            "a pool": {**QUESTION_SET, "poolSize": 2},
            "no check": {**QUESTION_SET, "override": {"checkButton": False}},
            "same ids": {"questions": [QUESTION_SET["questions"][0]] * 2},
            "no questions": {"questions": []},
        }
        for case, content in cases.items():
            with self.subTest(case):
                self.assertIsNone(set_parts("H5P.QuestionSet", content))
                self.assertFalse(is_scored("H5P.QuestionSet", content))
        self.assertTrue(is_scored("H5P.QuestionSet", QUESTION_SET))
        whole_pool = {**QUESTION_SET, "poolSize": 4}
        self.assertTrue(is_scored("H5P.QuestionSet", whole_pool))

    @skipUnless((FIXTURES / "H5P.QuestionSet.h5p").exists(), ABSENT)
    def test_the_real_package(self) -> None:
        """Its Drag and Drop and Mark the Words questions are not scored, so
        neither is the set; its other questions are, each by its id."""
        content = fixture_content("H5P.QuestionSet.h5p")
        self.assertFalse(is_scored("H5P.QuestionSet", content))
        true_false = "e0c46024-cdc0-4687-b02d-40ec1db2ef67"  # "true" is right
        choice = "dc24f82e-b506-4924-a3e7-c985f9cf8194"  # no answer is right
        blanks = "78c1419b-7b9a-40cf-aa56-ef4abd3e728b"  # H5P's default blank
        words = "f28892fc-75b3-408e-857d-99a664001331"  # H5P's default text
        cases = [
            (true_false, "true", Score(1, 1, True)),
            (true_false, "false", Score(0, 1, False)),
            (choice, "", Score(1, 1, True)),
            (choice, "1", Score(0, 1, False)),
            (blanks, "Norway", Score(1, 1)),
            (blanks, "norway", Score(0, 1)),
            (words, "nice[,]flexible[,]wonderful[,]exciting[,]fantastic", Score(5, 5)),
        ]
        for sub, response, expected in cases:
            with self.subTest(sub=sub, response=response):
                statement = answered(response, sub)
                self.assertEqual(
                    score_statement("H5P.QuestionSet", content, statement), expected
                )
        drag_and_drop = answered("0[.]0", "43780850-0e51-4f64-9549-146edc41c08d")
        self.assertIsNone(score_statement("H5P.QuestionSet", content, drag_and_drop))


class WhatIsScoredTests(SimpleTestCase):
    def test_each_supported_question_type_is_scored(self) -> None:
        for library, params in QUESTIONS.values():
            with self.subTest(library):
                self.assertTrue(is_scored(library.split()[0], params))

    def test_other_content_types_are_not(self) -> None:
        """Single Choice Set reports the position its shuffled alternatives had
        on screen, not which one was chosen: the server cannot tell."""
        single_choice_set = {
            "choices": [{"question": "?", "answers": ["a", "b"], "subContentId": "c"}]
        }
        cases = {
            "H5P.SingleChoiceSet": single_choice_set,
            "H5P.CoursePresentation": {"presentation": {"slides": []}},
            "H5P.Mini": {"question": "?"},
        }
        for library, content in cases.items():
            with self.subTest(library):
                self.assertFalse(is_scored(library, content))
                self.assertIsNone(score_statement(library, content, answered("0")))

    def test_content_it_cannot_read_is_not_scored(self) -> None:
        cases = [
            ("H5P.MultiChoice", {"answers": "all"}),
            ("H5P.Blanks", {"questions": ["no blank here"]}),
            ("H5P.DragText", {"textField": None}),
            ("H5P.TrueFalse", []),
        ]
        for library, content in cases:
            with self.subTest(library):
                self.assertFalse(is_scored(library, content))

    def test_the_scaled_score_is_rounded_as_h5p_rounds_it(self) -> None:
        self.assertEqual(Score(2, 3).scaled, 0.6667)
        self.assertEqual(Score(0, 0).scaled, 0.0)
