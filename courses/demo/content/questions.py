"""How demo quizzes write a question."""

from __future__ import annotations

from typing import Any


def q(
    kind: str, text: str, choices: list[tuple[str, bool, str]], explanation: str = ""
) -> dict[str, Any]:
    return {
        "kind": kind,
        "text": text,
        "choices": [{"text": t, "correct": c, "feedback": f} for t, c, f in choices],
        "explanation": explanation,
    }
