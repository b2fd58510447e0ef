"""Quiz scoring: pure functions over a quiz block's value and a learner's answers."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True)
class QuestionResult:
    index: int
    correct: bool
    chosen: tuple[int, ...]
    feedback: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class QuizResult:
    score: Decimal  # 0 to 1
    passed: bool
    questions: tuple[QuestionResult, ...]

    @property
    def percent(self) -> int:
        return int((self.score * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class InvalidAnswers(ValueError):
    """Answers that do not fit the quiz (unknown question or choice)."""


def score_quiz(quiz: Mapping[str, Any], answers: dict[int, list[int]]) -> QuizResult:
    """Score ``answers`` (question index → chosen choice indices) against ``quiz``.

    A question counts when exactly the correct choices are chosen. An unanswered
    question counts as wrong.
    """
    questions = list(quiz["questions"])
    for question_index, chosen in answers.items():
        if not 0 <= question_index < len(questions):
            raise InvalidAnswers(f"question {question_index}")
        choices = list(questions[question_index]["choices"])
        if any(not 0 <= c < len(choices) for c in chosen):
            raise InvalidAnswers(f"choice in question {question_index}")
        if questions[question_index]["kind"] != "multiple" and len(chosen) > 1:
            raise InvalidAnswers(f"several choices in question {question_index}")
    results = []
    for index, question in enumerate(questions):
        choices = list(question["choices"])
        picked = tuple(sorted(set(answers.get(index, []))))
        expected = tuple(i for i, choice in enumerate(choices) if choice["correct"])
        results.append(
            QuestionResult(
                index=index,
                correct=bool(picked) and picked == expected,
                chosen=picked,
                feedback=tuple(
                    choices[i]["feedback"] for i in picked if choices[i]["feedback"]
                ),
                explanation=question["explanation"] or "",
            )
        )
    correct = sum(1 for r in results if r.correct)
    score = (Decimal(correct) / Decimal(len(results))).quantize(Decimal("0.0001"))
    return QuizResult(
        score=score,
        passed=score * 100 >= Decimal(quiz["pass_mark"]),
        questions=tuple(results),
    )


def display_order(count: int, *, shuffle: bool, seed: str) -> list[int]:
    """Indices in the order to show them: shuffled per attempt, scored by index."""
    order = list(range(count))
    if shuffle:
        random.Random(seed).shuffle(order)  # noqa: S311 - presentation only
    return order
