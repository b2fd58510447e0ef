from __future__ import annotations

import uuid
from typing import Any

from django import template

from courses import activities
from courses.queries import catalogue_for, course_outline_for, lesson_state_for
from courses.rendering import (
    BODY_CACHE_SECONDS,
    BodyPart,
    body_cache_key,
    lesson_body_parts,
)
from courses.scoring import display_order, score_quiz
from courses.tree_cache import TREE_CACHE_SECONDS

register = template.Library()


# What a page shows about the person reading it. Pages read it in their
# templates, so page models import no queries.


@register.simple_tag(takes_context=True)
def catalogue(context: dict[str, Any], page: Any) -> dict[str, Any]:
    """The courses the person may take, filtered by the request's query."""
    request = context["request"]
    return catalogue_for(request.user, request.GET)


@register.simple_tag(takes_context=True)
def course_outline(context: dict[str, Any], page: Any) -> Any:
    return course_outline_for(context["request"].user, page)


@register.simple_tag(takes_context=True)
def lesson_state(context: dict[str, Any], page: Any) -> dict[str, Any]:
    return lesson_state_for(context["request"].user, page)


@register.simple_tag(takes_context=True)
def lesson_body(context: dict[str, Any], page: Any) -> list[BodyPart]:
    """The lesson's body: shared HTML cached per revision and language, and the
    blocks that show the person's own state, to render in place."""
    request = context.get("request")
    return lesson_body_parts(page, preview=getattr(request, "is_preview", False))


@register.simple_tag
def tree_cache_seconds() -> int:
    """How long fragments cached under the page tree's version are kept."""
    return TREE_CACHE_SECONDS


@register.simple_tag
def learning_panels() -> list[str]:
    """What the activity kinds add to "My learning" (see ``ActivityKind``)."""
    return activities.learning_panels()


@register.inclusion_tag("courses/blocks/quiz_block.html", takes_context=True)
def quiz(context: dict[str, Any], block: Any, lesson: Any) -> dict[str, Any]:
    """A quiz with the learner's last result and, if allowed, a fresh attempt form.

    Questions and answers keep their original indices in the form, so shuffling
    changes only what the learner sees, never how the server scores.
    """
    value = block.value
    state = context.get("quiz_states", {}).get(block.id)
    outline = context.get("outline")
    enrolled = bool(outline and outline.enrolment)
    last = state.last if state else None
    passed = bool(state and state.passed)
    attempt_count = state.attempts if state else 0
    max_attempts = value["max_attempts"]
    token = uuid.uuid4()
    questions_value = list(value["questions"])
    questions = []
    for q_index in display_order(
        len(questions_value), shuffle=value["shuffle"], seed=str(token)
    ):
        question = questions_value[q_index]
        choices = list(question["choices"])
        order = display_order(
            len(choices), shuffle=value["shuffle"], seed=f"{token}{q_index}"
        )
        questions.append(
            {
                "index": q_index,
                "text": question["text"],
                "kind": question["kind"],
                "choices": [{"index": i, "text": choices[i]["text"]} for i in order],
            }
        )
    feedback = []
    last_percent = None
    if last is not None:
        result = score_quiz(value, {int(k): v for k, v in last.answers.items()})
        last_percent = result.percent
        feedback = [
            {"text": questions_value[r.index]["text"], "result": r}
            for r in result.questions
        ]
    # The questions (unless shuffled) and the feedback on an attempt look the
    # same to everyone: cached with the body, per revision and language.
    request = context.get("request")
    body_key = None if getattr(request, "is_preview", False) else body_cache_key(lesson)
    fragment_key = f"{body_key}:{block.id}" if body_key else None
    return {
        "questions_key": fragment_key if not value["shuffle"] else None,
        "feedback_key": f"{fragment_key}:{last.pk}" if fragment_key and last else None,
        "fragment_seconds": BODY_CACHE_SECONDS,
        "value": value,
        "block_id": block.id,
        "lesson": lesson,
        "questions": questions,
        "token": token,
        "enrolled": enrolled,
        "passed": passed,
        "last_attempt": last,
        "last_percent": last_percent,
        "feedback": feedback,
        "can_attempt": enrolled
        and not passed
        and (not max_attempts or attempt_count < max_attempts),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
