from decimal import Decimal

from django.test import SimpleTestCase

from courses.demo.builders import quiz_value
from courses.scoring import InvalidAnswers, display_order, score_quiz


class ScoreQuizTests(SimpleTestCase):
    def test_all_correct_scores_one_and_passes(self) -> None:
        result = score_quiz(quiz_value(), {0: [1], 1: [0, 2]})
        self.assertEqual(result.score, Decimal("1"))
        self.assertTrue(result.passed)
        self.assertEqual(result.percent, 100)

    def test_a_multiple_choice_needs_exactly_the_correct_set(self) -> None:
        result = score_quiz(quiz_value(), {0: [1], 1: [0]})
        self.assertEqual([q.correct for q in result.questions], [True, False])
        self.assertEqual(result.score, Decimal("0.5"))

    def test_the_pass_mark_is_inclusive(self) -> None:
        self.assertTrue(score_quiz(quiz_value(pass_mark=50), {0: [1]}).passed)
        self.assertFalse(score_quiz(quiz_value(pass_mark=51), {0: [1]}).passed)

    def test_unanswered_questions_count_as_wrong(self) -> None:
        result = score_quiz(quiz_value(), {})
        self.assertEqual(result.score, Decimal("0"))
        self.assertFalse(result.passed)

    def test_chosen_feedback_and_explanation_are_returned(self) -> None:
        result = score_quiz(quiz_value(), {0: [0]})
        self.assertEqual(result.questions[0].feedback, ("No.",))
        self.assertEqual(result.questions[0].explanation, "Because.")

    def test_answers_that_do_not_fit_the_quiz_are_refused(self) -> None:
        for answers in ({5: [0]}, {0: [9]}, {0: [0, 1]}, {0: [-1]}):
            with self.subTest(answers=answers), self.assertRaises(InvalidAnswers):
                score_quiz(quiz_value(), answers)


class DisplayOrderTests(SimpleTestCase):
    def test_without_shuffle_the_order_is_the_authors(self) -> None:
        self.assertEqual(display_order(4, shuffle=False, seed="x"), [0, 1, 2, 3])

    def test_shuffling_is_a_permutation_stable_for_one_seed(self) -> None:
        first = display_order(10, shuffle=True, seed="token")
        self.assertEqual(sorted(first), list(range(10)))
        self.assertEqual(first, display_order(10, shuffle=True, seed="token"))
