"""The activity registry: content types that lesson blocks can hold.

The course core knows no content type. Each one (H5P, SCORM; an LTI tool
later) registers an ``ActivityKind`` in its app config's ``ready()``: the block
authors put in a lesson, and which of a lesson's blocks a person has done. The
lesson body offers every registered block; ``complete_lesson`` and the lesson
page ask the registry instead of branching on kinds. A block renders itself
with its own template (``{% include_block %}`` gives it ``id`` and the page's
context).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from wagtail.blocks import Block

if TYPE_CHECKING:
    from courses.models import Enrolment, LessonPage


@dataclass(frozen=True)
class ActivityKind:
    """One content type: ``name`` is its block type in lesson bodies."""

    name: str
    block: Callable[[], Block]
    done_blocks: Callable[[Enrolment, LessonPage], set[str]]
    # Whether the platform scores it ("server") or takes what the content
    # reported from the learner's browser ("content"): evidence of a course
    # completed on such blocks carries that trust (skills.rules).
    trust: str = "content"
    # The same for one block, when it depends on what the block holds (H5P:
    # the server scores some content types itself); else ``trust``.
    trust_of_block: Callable[[Any], str] | None = None
    # A template "My learning" includes for this kind (a training's sign-ups),
    # with the page's context; empty when the kind adds nothing there.
    learning_panel: str = ""


_kinds: dict[str, ActivityKind] = {}


def register(kind: ActivityKind) -> None:
    _kinds[kind.name] = kind


def kinds() -> list[ActivityKind]:
    return list(_kinds.values())


def names() -> set[str]:
    return set(_kinds)


def lesson_blocks() -> list[tuple[str, Block]]:
    """The blocks of every registered kind, in registration (app) order."""
    if not apps.ready:
        raise ImproperlyConfigured(
            "Lesson blocks were read before every app registered its activities."
        )
    return [(kind.name, kind.block()) for kind in _kinds.values()]


def learning_panels() -> list[str]:
    """Templates the registered kinds add to "My learning", in app order."""
    return [kind.learning_panel for kind in _kinds.values() if kind.learning_panel]


def done_blocks(enrolment: Enrolment, lesson: LessonPage) -> set[str]:
    """Ids of the lesson's activity blocks ``enrolment`` has done: one query per
    kind the lesson holds, none for the others."""
    present = {block.block_type for block in lesson.activity_blocks()}
    done: set[str] = set()
    for kind in _kinds.values():
        if kind.name in present:
            done |= kind.done_blocks(enrolment, lesson)
    return done


def trust_of(lessons: Iterable[LessonPage]) -> str:
    """How a course made of ``lessons`` is established: by the platform's own
    scoring, unless one of its activity blocks reports results from the
    content."""
    for lesson in lessons:
        for block in lesson.activity_blocks():
            kind = _kinds[block.block_type]
            trust = (
                kind.trust
                if kind.trust_of_block is None
                else kind.trust_of_block(block)
            )
            if trust != "server":
                return "content"
    return "server"
