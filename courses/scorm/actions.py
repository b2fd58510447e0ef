"""Writes for SCORM: importing packages, attempts, launches and run-time commits
(validated, sequenced, rolled up into the attempt)."""

from __future__ import annotations

import shutil
import uuid
import zipfile
from decimal import Decimal
from typing import Any, BinaryIO
from urllib.parse import quote

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.actions import complete_lesson_if_done
from courses.models import Enrolment, LessonPage
from courses.packages import store as package_store
from courses.queries import lesson_is_reachable
from courses.records import xapi
from courses.records.actions import record_event
from courses.scorm import runtime as scorm_runtime
from courses.scorm.manifest import inspect_scorm
from courses.scorm.models import ScormAttempt, ScormPackage, ScormSco, ScormScoState
from lms.models import Organisation, User


def import_scorm(
    source: BinaryIO | str,
    *,
    title: str = "",
    organisation: Organisation | None = None,
    uploaded_by: User | None = None,
) -> ScormPackage:
    """Check and store a SCORM package, whole or not at all (``ScormError``)."""
    info = inspect_scorm(source)
    if hasattr(source, "seek"):
        source.seek(0)
    package = ScormPackage(
        title=(title or info.title)[:255],
        organisation=organisation,
        version=info.version,
        edition=info.edition,
        identifier=info.identifier,
        structure=info.structure,
        outside_hosts=info.outside_hosts,
        sequencing=info.sequencing,
        size_bytes=info.uncompressed_bytes,
        uploaded_by=uploaded_by,
    )
    target = package_store.scorm_root(package.key)
    staging = target.with_name(f"staging-{package.key}")
    try:
        with zipfile.ZipFile(source) as archive:
            archive.extractall(staging)
        with transaction.atomic():
            package.full_clean()
            package.save()
            ScormSco.objects.bulk_create(
                ScormSco(
                    package=package,
                    identifier=sco.identifier,
                    title=sco.title,
                    launch=sco.launch,
                    position=position,
                    visible=sco.visible,
                    is_sco=sco.is_sco,
                    mastery_score=sco.mastery_score,
                    scaled_passing_score=sco.scaled_passing_score,
                    data_from_lms=sco.data_from_lms,
                )
                for position, sco in enumerate(info.scos)
            )
            staging.rename(target)
    except Exception:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return package


def _reachable_scorm_block(
    enrolment: Enrolment, lesson: LessonPage, block_id: str
) -> Any:
    block = next((b for b in lesson.blocks_of("scorm") if b.id == block_id), None)
    if block is None:
        raise ValidationError(_("This content is no longer part of the lesson."))
    if not lesson_is_reachable(enrolment, lesson):
        raise PermissionDenied
    return block


# Attempts are history, kept for reports: a learner may start again often, not
# without end.
MAX_ATTEMPTS_PER_BLOCK = 100


class AttemptsExhausted(ValidationError):
    """No new attempt: the block keeps ``MAX_ATTEMPTS_PER_BLOCK`` at most."""


def current_scorm_attempt(
    enrolment: Enrolment, *, lesson: LessonPage, block_id: str, new: bool = False
) -> ScormAttempt:
    """The learner's latest attempt at a SCORM block (the first one on first
    launch); ``new=True`` starts another, keeping the earlier ones.

    ``lesson`` is the page played (a translation, maybe), whose block names the
    package played; attempts belong to its source lesson, as quiz attempts do,
    so the block is done in every language, and the same package resumes in
    either (a translation playing another package has attempts of its own)."""
    package = _reachable_scorm_block(enrolment, lesson, block_id).value["package"]
    lesson = lesson.source
    attempts = ScormAttempt.objects.filter(
        enrolment=enrolment, lesson=lesson, block_id=block_id, package=package
    )
    latest = attempts.order_by("-number").first()
    if latest is not None and not new:
        return latest
    if latest is not None and latest.number >= MAX_ATTEMPTS_PER_BLOCK:
        raise AttemptsExhausted(
            _("You have started this activity %(count)s times, the most it keeps.")
            % {"count": MAX_ATTEMPTS_PER_BLOCK}
        )
    try:
        with transaction.atomic():
            return ScormAttempt.objects.create(
                enrolment=enrolment,
                lesson=lesson,
                block_id=block_id,
                package=package,
                number=latest.number + 1 if latest else 1,
                sequencing_state=_carried_objectives(package, latest),
            )
    except IntegrityError:  # the same launch in two tabs at once
        return attempts.latest("number")


def _carried_objectives(
    package: ScormPackage, latest: ScormAttempt | None
) -> dict[str, Any]:
    """What a new attempt of a sequenced package starts with: the previous
    attempt's global objectives, unless the manifest keeps them to one attempt
    (``objectivesGlobalToSystem="false"``)."""
    if (
        latest is None
        or not package.sequenced
        or package.sequencing.get("objectivesGlobalToSystem") is False
    ):
        return {}
    carried = latest.sequencing_state.get("globalObjectiveMap")
    return {"globalObjectiveMap": carried} if isinstance(carried, dict) else {}


def launch_sco(attempt: ScormAttempt, sco: ScormSco) -> ScormScoState:
    """Open a new session of a SCO. The previous session's time is closed into
    the total; its id is kept, because the last commit of a page that is being
    left (a beacon) reaches the server after the next page has launched. The
    launch stamps ``updated_at``: the SCO launched last is where the learner
    resumes (``scorm_player_state``)."""
    with transaction.atomic():
        ScormScoState.objects.get_or_create(attempt=attempt, sco=sco)
        state = ScormScoState.objects.select_for_update().get(attempt=attempt, sco=sco)
        state.closed_seconds += state.session_seconds
        state.previous_session = state.session
        state.previous_sequence = state.sequence
        state.previous_seconds = state.session_seconds
        state.session = uuid.uuid4()
        state.sequence = 0
        state.session_seconds = 0
        state.launches += 1
        state.updated_at = timezone.now()
        state.save()
    return state


def commit_scorm(state: ScormScoState, commit: scorm_runtime.Commit) -> bool:
    """Apply one run-time commit; returns whether it changed anything.

    A commit of the current session applies when its sequence number is higher
    than the last one's. A late commit of the previous session (the beacon of the
    page just left) adds its time, and its data too while the current session
    has committed nothing. Anything else (a replay, an older session) changes
    nothing. The terminate commit of a SCORM 1.2 SCO that set no status
    completes it (``read_commit``). Raises ``CommitInvalid``.
    """
    sco = state.sco
    reading = scorm_runtime.read_commit(
        commit.cmi,
        version=sco.package.version,
        mastery_score=sco.mastery_score,
        scaled_passing_score=sco.scaled_passing_score,
        terminate=commit.terminate,
    )
    with transaction.atomic():
        current = (
            ScormScoState.objects.select_for_update(of=("self",))
            .select_related(
                "attempt__enrolment__user__organisation",
                "attempt__enrolment__user__department",
                "attempt__enrolment__user__job_role",
            )
            .get(pk=state.pk)
        )
        before = (
            current.completion_status,
            current.success_status,
            current.score_scaled,
        )
        if commit.session == current.session and commit.sequence > current.sequence:
            current.sequence = commit.sequence
            current.session_seconds = reading.session_seconds
            _keep_reading(current, reading)
        elif (
            commit.session == current.previous_session
            and commit.sequence > current.previous_sequence
        ):
            current.previous_sequence = commit.sequence
            current.closed_seconds += reading.session_seconds - current.previous_seconds
            current.previous_seconds = reading.session_seconds
            if current.sequence == 0:
                _keep_reading(current, reading)
        else:
            return False
        if not commit.terminate:
            # A SCO's closing commit may reach the server after the next SCO's
            # launch: it must not make the SCO just left look like the latest.
            current.updated_at = timezone.now()
        current.save()
        if (
            current.completion_status,
            current.success_status,
            current.score_scaled,
        ) != before:
            completed = _roll_up(current.attempt, sco.package)
            _record_scorm_change(current, sco)
            if completed:
                _complete_lesson(current.attempt)
    return True


def _complete_lesson(attempt: ScormAttempt) -> None:
    """An attempt just completed may leave nothing else to do in its lesson: the
    lesson is then complete, as after a quiz (no extra click). The attempt's
    lesson is the source: its blocks decide, in whatever language played."""
    complete_lesson_if_done(attempt.enrolment, attempt.lesson)


def _keep_reading(state: ScormScoState, reading: scorm_runtime.Reading) -> None:
    state.cmi = reading.cmi
    state.completion_status = reading.completion
    state.success_status = reading.success
    state.score_scaled = reading.score_scaled
    state.exit = reading.exit


def save_sequencing(attempt: ScormAttempt, save: scorm_runtime.SequencingSave) -> None:
    """Keep the sequencing engine's state for an attempt (activity tree, global
    objectives, ``adl.data``) and take the root activity's rollup as the
    attempt's completion, success and score: complete once the root is
    completed and not failed (kept once reached, as for other packages)."""
    root = save.root
    with transaction.atomic():
        current = ScormAttempt.objects.select_for_update().get(pk=attempt.pk)
        current.sequencing_state = save.state
        current.completion_status = root.completion
        current.success_status = root.success
        current.score_scaled = None if root.scaled is None else round(root.scaled, 4)
        completed = (
            current.completed_at is None
            and root.completion == "completed"
            and root.success != "failed"
        )
        if completed:
            current.completed_at = timezone.now()
        current.save(
            update_fields=[
                "sequencing_state",
                "completion_status",
                "success_status",
                "score_scaled",
                "completed_at",
            ]
        )
        if completed:
            _complete_lesson(current)


def _roll_up(attempt: ScormAttempt, package: ScormPackage) -> bool:
    """The attempt is complete once every required SCO (tracked and visible) is
    completed and not failed; its score is the mean of the SCOs' scaled scores.
    A package played by the sequencing engine rolls up there instead
    (``save_sequencing``). Returns whether the attempt completed just now."""
    if package.sequenced:
        return False
    states = {s.sco_id: s for s in ScormScoState.objects.filter(attempt=attempt)}
    required = [sco for sco in package.scos.all() if sco.counts]
    scores = [s.score_scaled for s in states.values() if s.score_scaled is not None]
    attempt.score_scaled = (
        round(sum(scores, Decimal(0)) / len(scores), 4) if scores else None
    )
    completed = attempt.completed_at is None and all(
        sco.pk in states and states[sco.pk].satisfied for sco in required
    )
    if completed:
        attempt.completed_at = timezone.now()
    attempt.save(update_fields=["score_scaled", "completed_at"])
    return completed


def _record_scorm_change(state: ScormScoState, sco: ScormSco) -> None:
    attempt = state.attempt
    user = attempt.enrolment.user
    if state.success_status in ("passed", "failed"):
        verb = state.success_status
    elif state.completion_status == "completed":
        verb = "completed"
    else:
        verb = "scored" if state.score_scaled is not None else "attempted"
    result: dict[str, Any] = {
        "completion": state.completion_status == "completed",
        "duration": scorm_runtime.format_duration(state.total_seconds, "2004"),
    }
    if state.success_status != "unknown":
        result["success"] = state.success_status == "passed"
    if state.score_scaled is not None:
        result["score"] = {"scaled": float(state.score_scaled)}
    record_event(
        user,
        verb=verb,
        activity_kind="scorm",
        activity_key=f"{sco.package.key}/{quote(sco.identifier, safe='')}",
        activity_name=sco.title,
        statement_id=xapi.event_id(
            "scorm",
            state.pk,
            state.completion_status,
            state.success_status,
            state.score_scaled,
        ),
        result=result,
        parent=("lesson", attempt.lesson_id),
    )
