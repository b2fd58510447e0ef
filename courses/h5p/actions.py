"""Writes for H5P: what the player sends for a block (statements that may
complete it, state saved to resume). Importing a package is ``importing``'s,
re-exported here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.actions import complete_lesson_if_done
from courses.h5p import scoring
from courses.h5p.importing import import_h5p as import_h5p
from courses.h5p.models import (
    H5PAnswer,
    H5PPackage,
    H5PResult,
    H5PUserData,
)
from courses.h5p.package import content_pass_percentage
from courses.h5p.queries import passed_h5p_blocks
from courses.models import Enrolment, LessonPage
from courses.queries import lesson_is_reachable
from courses.records import xapi
from courses.records.actions import record_statement
from courses.records.intake import IncomingUserData
from courses.records.models import Statement

COUNTING_VERBS = {xapi.VERBS["completed"], xapi.VERBS["answered"]}
# What one person may store: ample for real content (a long course sends a few
# hundred statements a day, a block saves a handful of states), a wall for a
# script that posts in a loop.
MAX_STATEMENTS_PER_DAY = 5_000
MAX_USER_DATA_PER_BLOCK = 200
# The pass mark of a block whose author and content set none.
DEFAULT_PASS_MARK = 50


def record_h5p_statement(
    enrolment: Enrolment, *, lesson: LessonPage, block_id: str, incoming: Any
) -> tuple[bool, bool, bool]:
    """Store a statement the H5P player emitted for one block; returns
    (stored now, block passed, lesson completed by it).

    The server decides: the actor is the signed-in person, only a top-level
    ``completed``/``answered`` statement with ``result.score.scaled`` counts,
    and it completes the block when its score passes (``_passes``: the block's
    pass mark, else the content's own). The same statement id twice is stored
    once. Inner statements (questions of a set) are stored, never counted.

    The score is the server's own whenever it can compute it
    (``courses.h5p.scoring``): from the answer the statement carries, checked
    against the package's ``content.json``, or for a Question Set from the
    answers to its questions since its previous result. The statement is
    stored as sent, whatever score it claims; ``H5PResult.rescored`` says which
    score counted.

    The id the player chose is the person's own: stored under an id derived
    from it and the person, so that nobody can take another learner's id first
    (dropping their statement as a replay). A person stores at most
    ``MAX_STATEMENTS_PER_DAY`` statements a day.

    ``lesson`` is the page played (a translation, maybe): its block is the
    content played and scored, while the result belongs to its source lesson,
    as quiz attempts do, so the block is done in every language. The language
    played is the statement's ``context.language``.
    """
    block = _reachable_h5p_block(enrolment, lesson, block_id)
    package = block.value["package"]
    source = lesson.source
    user = enrolment.user
    since = timezone.now() - dt.timedelta(days=1)
    if (
        Statement.objects.filter(actor=user, timestamp__gte=since).count()
        >= MAX_STATEMENTS_PER_DAY
    ):
        raise ValidationError(
            _("Too many results were sent today; try again tomorrow.")
        )
    data = incoming.model_dump(mode="json", exclude_none=True)
    data["id"] = str(xapi.event_id("h5p", user.pk, data["id"]))
    data["actor"] = xapi.actor_for(user)
    data["version"] = xapi.XAPI_VERSION
    data["timestamp"] = timezone.now().isoformat()
    context = data.setdefault("context", {})
    context.setdefault("extensions", {}).update(xapi.people_context(user))
    context["platform"] = "CivicSkills (H5P)"
    context["language"] = lesson.locale.language_code
    with transaction.atomic():
        statement, created = record_statement(data, actor=user)
        if statement.actor_id != user.pk:
            raise PermissionDenied
        counts = (
            created
            and incoming.is_top_level
            and incoming.verb.id in COUNTING_VERBS
            and incoming.scaled is not None
        )
        answers = (
            created
            and incoming.verb.id == xapi.VERBS["answered"]
            and incoming.interaction_type not in (None, "compound")
        )
        content = package.content() if counts or answers else None
        server = (
            scoring.score_statement(package.main_library_name, content, data)
            if content is not None
            else None
        )
        if counts:
            if server is None and content is not None:
                server = _set_score(enrolment, package, content)
            scaled = incoming.scaled if server is None else server.scaled
            success = incoming.result.success if server is None else server.success
            H5PResult.objects.create(
                statement=statement,
                enrolment=enrolment,
                lesson=source,
                block_id=block_id,
                package=package,
                scaled=round(scaled, 4),
                passed=_passes(block.value, content, scaled=scaled, success=success),
                rescored=server is not None,
            )
        if answers:
            reported = incoming.result.success if incoming.result else None
            H5PAnswer.objects.create(
                statement=statement,
                enrolment=enrolment,
                package=package,
                sub_content_id=incoming.sub_content_id,
                question=incoming.question,
                interaction_type=incoming.interaction_type,
                success=reported if server is None else server.success,
                scaled=_rounded(incoming.scaled if server is None else server.scaled),
            )
    passed = block_id in passed_h5p_blocks(enrolment, lesson)
    # A result that passes may leave nothing else to do in the lesson: it is
    # then complete, as after a quiz, with no "Mark this lesson as done" click.
    lesson_done = bool(counts and passed) and (
        complete_lesson_if_done(enrolment, lesson) is not None
    )
    return created, passed, lesson_done


def _set_score(
    enrolment: Enrolment, package: H5PPackage, content: object
) -> scoring.Score | None:
    """A Question Set's score on the server: the latest answer to each of its
    questions since the learner's previous result for this content (a retry
    starts afresh), each scored again from its statement."""
    library = package.main_library_name
    parts = scoring.set_parts(library, content)
    if parts is None:
        return None
    answers = H5PAnswer.objects.filter(
        enrolment=enrolment, package=package, sub_content_id__in=parts
    )
    previous = (
        H5PResult.objects.filter(enrolment=enrolment, package=package)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if previous is not None:
        answers = answers.filter(created_at__gt=previous)
    latest: dict[str, scoring.Score] = {}
    for answer in answers.select_related("statement").order_by("created_at", "pk"):
        score = scoring.score_statement(library, content, answer.statement.data)
        if score is not None:
            latest[answer.sub_content_id] = score
    return scoring.score_set(library, content, latest)


def _rounded(scaled: float | None) -> float | None:
    return None if scaled is None else round(scaled, 4)


def _passes(
    block_value: Any, content: object, *, scaled: float, success: bool | None
) -> bool:
    """Whether a scored top-level result passes the block. The pass mark is, in
    this order: the block's, when the author set one; the content's own pass
    percentage (``content_pass_percentage``); the content's own verdict
    (``success``: the server's when it scored the answers, else the
    statement's), when there is one; else 50 %."""
    percent = scaled * 100
    if block_value.get("pass_mark") is not None:
        return bool(percent >= block_value["pass_mark"])
    content_mark = None if content is None else content_pass_percentage(content)
    if content_mark is not None:
        return bool(percent >= content_mark)
    if success is not None:
        return bool(success)
    return bool(percent >= DEFAULT_PASS_MARK)


def _reachable_h5p_block(
    enrolment: Enrolment, lesson: LessonPage, block_id: str
) -> Any:
    block = next((b for b in lesson.blocks_of("h5p") if b.id == block_id), None)
    if block is None:
        raise ValidationError(_("This content is no longer part of the lesson."))
    if not lesson_is_reachable(enrolment, lesson):
        raise PermissionDenied
    return block


def save_h5p_user_data(
    enrolment: Enrolment,
    *,
    lesson: LessonPage,
    block_id: str,
    incoming: IncomingUserData,
) -> None:
    """Keep (or, for ``data=None``, forget) what the content saved to resume,
    against the source lesson: the same package resumes in either language (a
    translation that plays another package never gets this one's state)."""
    block = _reachable_h5p_block(enrolment, lesson, block_id)
    source = lesson.source
    key = {
        "enrolment": enrolment,
        "lesson": source,
        "block_id": block_id,
        "package": block.value["package"],
        "sub_content_id": incoming.subContentId,
        "data_type": incoming.dataType,
    }
    if incoming.data is None:
        H5PUserData.objects.filter(**key).delete()
        return
    saved = H5PUserData.objects.filter(
        enrolment=enrolment, lesson=source, block_id=block_id
    )
    if saved.count() >= MAX_USER_DATA_PER_BLOCK and not saved.filter(**key).exists():
        raise ValidationError(
            _("This activity saved too much to resume; its progress is not saved.")
        )
    else:
        H5PUserData.objects.update_or_create(
            **key, defaults={"data": incoming.data, "updated_at": timezone.now()}
        )
