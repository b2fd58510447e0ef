"""What the API starts a session with: the learner, the saved location and
suspend data, ``entry`` and the total time so far."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from courses.scorm.runtime.commit import as_dict
from courses.scorm.runtime.durations import format_duration


def launch_data(
    *,
    version: str,
    learner_id: str,
    learner_name: str,
    saved: dict[str, Any],
    completion: str,
    success: str,
    exit: str,
    first_launch: bool,
    total_seconds: float,
    data_from_lms: str,
    mastery_score: Decimal | None,
    scaled_passing_score: Decimal | None,
) -> dict[str, Any]:
    """The CMI object the API starts a session with (``loadFromJSON``).

    ``entry`` is "ab-initio" on the first launch, "resume" after a suspended
    exit, empty otherwise; every session is for credit, in normal mode (the
    platform has no browse or review mode). Location, suspend data, status and
    score come back from the last commit (a 1.2 SCO never launched or never
    given a status starts "not attempted"); the total time is the server's sum
    of session times.
    """
    resumed = exit == "suspend"
    entry = "ab-initio" if first_launch else "resume" if resumed else ""
    if version == "1.2":
        core = as_dict(saved.get("core"))
        cmi: dict[str, Any] = {
            "core": {
                "student_id": learner_id,
                "student_name": learner_name,
                "entry": entry,
                "credit": "credit",
                "lesson_mode": "normal",
                "total_time": format_duration(total_seconds, "1.2"),
                "lesson_location": core.get("lesson_location") or "",
                "lesson_status": core.get("lesson_status") or "not attempted",
                "score": as_dict(core.get("score")),
            },
            "suspend_data": saved.get("suspend_data") or "",
            "launch_data": data_from_lms,
        }
        if mastery_score is not None:
            cmi["student_data"] = {"mastery_score": _plain(mastery_score)}
        return cmi
    cmi = {
        "learner_id": learner_id,
        "learner_name": learner_name,
        "entry": entry,
        "credit": "credit",
        "mode": "normal",
        "total_time": format_duration(total_seconds, "2004"),
        "location": saved.get("location") or "",
        "suspend_data": saved.get("suspend_data") or "",
        "completion_status": completion or "unknown",
        "success_status": success or "unknown",
        "score": as_dict(saved.get("score")),
        "launch_data": data_from_lms,
    }
    if saved.get("progress_measure") not in (None, ""):
        cmi["progress_measure"] = saved["progress_measure"]
    if scaled_passing_score is not None:
        cmi["scaled_passing_score"] = _plain(scaled_passing_score)
    return cmi


def _plain(number: Decimal) -> str:
    """``0.7000`` as ``0.7`` and ``80.0000`` as ``80``, as SCORM writes reals."""
    return format(number.normalize(), "f")
