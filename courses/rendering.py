"""A lesson's body, rendered once per published revision and language.

Most blocks (headings, text, callouts, images, videos, files) look the same to
every learner: their HTML is rendered once and kept in each process's ``local``
cache (an entry never changes under its key, so no round trip to Redis), under
the page, its live revision, its publication time and the language. The blocks that depend on who reads them (a quiz with the person's
attempts, the registered activity kinds with their signed, per-person content
addresses) are never cached: the page renders them on each request, in place.

Cached blocks render without the request, so nothing about the person reading
can end up in the shared HTML. A lesson's new revision gets new keys; an image or
file replaced under an unchanged revision shows within ``BODY_CACHE_SECONDS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from courses import activities
from courses.models import LessonPage

BODY_CACHE_SECONDS = 60 * 60

# Block types rendered per request: what the reader sees depends on who reads.
LIVE_BLOCK_TYPES = ("quiz",)


@dataclass(frozen=True)
class BodyPart:
    """Either the HTML of consecutive shared blocks, or one live block."""

    html: SafeString | None = None
    block: Any = None


def live_block_types() -> tuple[str, ...]:
    return (*LIVE_BLOCK_TYPES, *sorted(activities.names()))


def body_cache_key(page: LessonPage) -> str | None:
    """``None`` when the body is not a published revision (a preview, a page
    built without revisions): then nothing is cached."""
    if page.live_revision_id is None or page.last_published_at is None:
        return None
    return (
        f"lesson-body:{page.pk}:{page.live_revision_id}:"
        f"{page.last_published_at.timestamp()}:{get_language()}"
    )


def lesson_body_parts(page: LessonPage, *, preview: bool = False) -> list[BodyPart]:
    """The body in order: shared HTML from the cache (rendered on a miss), and
    the live blocks for the page to render with the person's state."""
    key = None if preview else body_cache_key(page)
    local = caches["local"]
    plan = local.get(key) if key else None
    if plan is None:
        plan = _render_shared(page)
        if key:
            local.set(key, plan, BODY_CACHE_SECONDS)
    # Only live blocks are converted from the stored JSON on a cache hit.
    return [
        BodyPart(html=mark_safe(item))  # noqa: S308 - rendered by block templates
        if isinstance(item, str)
        else BodyPart(block=page.body[item])
        for item in plan
    ]


def _render_shared(page: LessonPage) -> list[str | int]:
    """Runs of shared blocks as HTML strings; a live block as its index."""
    live = set(live_block_types())
    plan: list[str | int] = []
    run: list[str] = []
    for index, block in enumerate(page.body):
        if block.block_type in live:
            if run:
                plan.append("".join(run))
                run = []
            plan.append(index)
        else:
            run.append(str(block.render(context={"page": page})))
    if run:
        plan.append("".join(run))
    return plan
