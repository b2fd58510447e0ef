"""The SCORM run-time data model on the server: what a commit may say, what it means.

The browser runs the API (scorm-again); each commit sends the CMI object it holds.
``read_commit`` validates it against the data model of the package's version
(vocabularies, score ranges, string sizes, durations) and reduces it to what the
platform tracks: completion, success, scaled score, location, suspend data, exit
and session time. ``launch_data`` builds what the API starts with: the learner,
the saved location and suspend data, ``entry`` and the total time so far.
Nothing here touches the database.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_COMMIT_BYTES = 512 * 1024

# SCORM 1.2 (RTE 3.4) and 2004 (RTE 4.2) vocabularies and sizes.
LESSON_STATUS_12 = {
    "passed",
    "completed",
    "failed",
    "incomplete",
    "browsed",
    "not attempted",
}
EXIT_12 = {"", "time-out", "suspend", "logout"}
COMPLETION_2004 = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_2004 = {"passed", "failed", "unknown"}
EXIT_2004 = {"", "time-out", "suspend", "logout", "normal"}
SUSPEND_DATA_MAX = {"1.2": 4096, "2004": 64000}
LOCATION_MAX = {"1.2": 255, "2004": 1000}

DURATION_12 = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
DURATION_2004 = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
    r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$"
)


class CommitInvalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Commit(BaseModel):
    """The envelope the player sends around scorm-again's CMI object."""

    model_config = ConfigDict(extra="forbid")

    session: uuid.UUID
    sequence: int = Field(ge=1, le=10_000_000)
    terminate: bool = False
    cmi: dict[str, Any]
    # A beacon (how the API sends its last commit as a page closes) cannot
    # carry headers: the CSRF token travels in the body then.
    csrf: str = Field(default="", max_length=128)


@dataclass
class Reading:
    """What one commit says, in the platform's terms (both versions alike)."""

    completion: str  # completed | incomplete | not attempted | unknown
    success: str  # passed | failed | unknown
    score_scaled: Decimal | None
    location: str
    suspend_data: str
    exit: str
    session_seconds: float
    cmi: dict[str, Any]


def parse_commit(body: bytes) -> Commit:
    if len(body) > MAX_COMMIT_BYTES:
        raise CommitInvalid(["The commit is larger than 512 KB."])
    try:
        return Commit.model_validate_json(body)
    except ValidationError as error:
        raise CommitInvalid(
            [
                f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}"
                for item in error.errors()[:5]
            ]
        ) from None


def seconds_of(duration: str, version: str) -> float:
    """A SCORM 1.2 timespan (HHHH:MM:SS.SS) or 2004 ISO 8601 duration, in seconds."""
    if version == "1.2":
        match = DURATION_12.match(duration)
        if not match:
            raise ValueError(duration)
        hours, minutes, seconds, fraction = match.groups()
        return (
            int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(fraction or 0)
        )
    match = DURATION_2004.match(duration)
    if not match or duration in ("P", "PT") or duration.endswith("T"):
        raise ValueError(duration)
    years, months, days, hours, minutes, seconds = match.groups()
    return (
        (int(years or 0) * 365 + int(months or 0) * 30 + int(days or 0)) * 86400
        + int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + float(seconds or 0)
    )


def format_duration(seconds: float, version: str) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    hundredths = int(round((seconds - whole) * 100)) % 100
    if version == "1.2":
        return f"{min(hours, 9999):04d}:{minutes:02d}:{secs:02d}.{hundredths:02d}"
    return f"PT{hours}H{minutes}M{secs}.{hundredths:02d}S"


def _number(value: Any, name: str, problems: list[str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        problems.append(f"{name}: not a number")
        return None
    if not number.is_finite():
        problems.append(f"{name}: not a number")
        return None
    return number


def _string(value: Any, name: str, limit: int, problems: list[str]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{name}: not a string")
        return ""
    if len(value) > limit:
        problems.append(f"{name}: longer than {limit} characters")
    return value


def _vocabulary(value: Any, name: str, allowed: set[str], problems: list[str]) -> str:
    text = value if isinstance(value, str) else ""
    if text not in allowed:
        problems.append(f"{name}: {value!r} is not one of {sorted(allowed)}")
    return text


def read_commit(
    cmi: dict[str, Any],
    *,
    version: str,
    mastery_score: Decimal | None = None,
    scaled_passing_score: Decimal | None = None,
) -> Reading:
    """Validate a committed CMI object; raises ``CommitInvalid`` with every problem."""
    problems: list[str] = []
    if version == "1.2":
        reading = _read_12(cmi, mastery_score, problems)
    else:
        reading = _read_2004(cmi, scaled_passing_score, problems)
    if problems:
        raise CommitInvalid(problems)
    return reading


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _read_12(
    cmi: dict[str, Any], mastery: Decimal | None, problems: list[str]
) -> Reading:
    core = _dict(cmi.get("core"))
    score = _dict(core.get("score"))
    status = _vocabulary(
        core.get("lesson_status") or "not attempted",
        "cmi.core.lesson_status",
        LESSON_STATUS_12,
        problems,
    )
    raw = _number(score.get("raw"), "cmi.core.score.raw", problems)
    low = _number(score.get("min"), "cmi.core.score.min", problems)
    high = _number(score.get("max"), "cmi.core.score.max", problems)
    for name, value in (("raw", raw), ("min", low), ("max", high)):
        if value is not None and not 0 <= value <= 100:
            problems.append(f"cmi.core.score.{name}: outside 0–100")
    session = _session(core.get("session_time"), "1.2", problems)
    completion = (
        "completed"
        if status in ("passed", "completed", "failed")
        else "not attempted"
        if status == "not attempted"
        else "incomplete"
    )
    success = status if status in ("passed", "failed") else "unknown"
    if mastery is not None and raw is not None and completion == "completed":
        # RTE 3.4.2.2: with a mastery score, the LMS decides passed or failed.
        success = "passed" if raw >= mastery else "failed"
    scaled = None
    if raw is not None:
        bottom = low if low is not None else Decimal(0)
        top = high if high is not None else Decimal(100)
        scaled = (raw - bottom) / (top - bottom) if top > bottom else None
    return Reading(
        completion=completion,
        success=success,
        score_scaled=None if scaled is None else round(max(min(scaled, 1), 0), 4),
        location=_string(
            core.get("lesson_location"), "cmi.core.lesson_location", 255, problems
        ),
        suspend_data=_string(
            cmi.get("suspend_data"), "cmi.suspend_data", 4096, problems
        ),
        exit=_vocabulary(core.get("exit") or "", "cmi.core.exit", EXIT_12, problems),
        session_seconds=session,
        cmi=cmi,
    )


def _read_2004(
    cmi: dict[str, Any], passing: Decimal | None, problems: list[str]
) -> Reading:
    score = _dict(cmi.get("score"))
    completion = _vocabulary(
        cmi.get("completion_status") or "unknown",
        "cmi.completion_status",
        COMPLETION_2004,
        problems,
    )
    success = _vocabulary(
        cmi.get("success_status") or "unknown",
        "cmi.success_status",
        SUCCESS_2004,
        problems,
    )
    scaled = _number(score.get("scaled"), "cmi.score.scaled", problems)
    if scaled is not None and not -1 <= scaled <= 1:
        problems.append("cmi.score.scaled: outside −1–1")
    for name in ("raw", "min", "max"):
        _number(score.get(name), f"cmi.score.{name}", problems)
    progress = _number(cmi.get("progress_measure"), "cmi.progress_measure", problems)
    if progress is not None and not 0 <= progress <= 1:
        problems.append("cmi.progress_measure: outside 0–1")
    if passing is not None and scaled is not None:
        # RTE 4.2.22: the scaled passing score decides success.
        success = "passed" if scaled >= passing else "failed"
    return Reading(
        completion=completion,
        success=success,
        score_scaled=None if scaled is None else round(scaled, 4),
        location=_string(cmi.get("location"), "cmi.location", 1000, problems),
        suspend_data=_string(
            cmi.get("suspend_data"), "cmi.suspend_data", 64000, problems
        ),
        exit=_vocabulary(cmi.get("exit") or "", "cmi.exit", EXIT_2004, problems),
        session_seconds=_session(cmi.get("session_time"), "2004", problems),
        cmi=cmi,
    )


def _session(value: Any, version: str, problems: list[str]) -> float:
    if value in (None, ""):
        return 0.0
    try:
        return seconds_of(str(value), version)
    except ValueError:
        problems.append(f"session_time: {value!r} is not a SCORM {version} duration")
        return 0.0


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

    The learner resumes (``entry=resume``) after a suspended exit; location,
    suspend data, status and score come back from the last commit; the total
    time is the server's sum of session times.
    """
    resumed = exit == "suspend"
    entry = "ab-initio" if first_launch else "resume" if resumed else ""
    if version == "1.2":
        core = _dict(saved.get("core"))
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
                "score": _dict(core.get("score")),
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
        "score": _dict(saved.get("score")),
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
