"""The SCORM run-time data model on the server: what a commit may say, what it means.

The browser runs the API (scorm-again); each commit sends the CMI object it holds.
``read_commit`` validates it against the data model of the package's version
(vocabularies, score ranges, string sizes, durations) and reduces it to what the
platform tracks: completion, success, scaled score, location, suspend data, exit
and session time; on a SCORM 1.2 finish it applies the LMS's own rules (a status
the SCO never set becomes "completed"). ``launch`` builds what the API starts
with, ``interactions`` reads the answers recorded, ``durations`` reads and writes
timespans. Nothing here touches the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from courses.scorm.runtime.durations import seconds_of

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


# The engine's state is about 4–5 KB per activity once played.
MAX_SEQUENCING_BYTES = 2 * 1024 * 1024


class RootStatus(BaseModel):
    """The root activity's rolled-up status, as the engine computed it."""

    model_config = ConfigDict(extra="forbid")

    completion: str = Field(pattern=r"^(completed|incomplete|not attempted|unknown)$")
    success: str = Field(pattern=r"^(passed|failed|unknown)$")
    scaled: Decimal | None = Field(default=None, ge=-1, le=1)


class SequencingSave(BaseModel):
    """What the player sends after the engine processed a navigation or a
    commit: its serialized state (activity tree, global objectives, adl.data)
    and the root's rollup."""

    model_config = ConfigDict(extra="forbid")

    state: dict[str, Any]
    root: RootStatus
    csrf: str = Field(default="", max_length=128)


def parse_sequencing(body: bytes) -> SequencingSave:
    if len(body) > MAX_SEQUENCING_BYTES:
        raise CommitInvalid(["The sequencing state is larger than 2 MB."])
    try:
        return SequencingSave.model_validate_json(body)
    except ValidationError as error:
        raise CommitInvalid(
            [
                f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}"
                for item in error.errors()[:5]
            ]
        ) from None


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


def _number(value: object, name: str, problems: list[str]) -> Decimal | None:
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


def _string(value: object, name: str, limit: int, problems: list[str]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{name}: not a string")
        return ""
    if len(value) > limit:
        problems.append(f"{name}: longer than {limit} characters")
    return value


def _vocabulary(
    value: object, name: str, allowed: set[str], problems: list[str]
) -> str:
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
    terminate: bool = False,
) -> Reading:
    """Validate a committed CMI object; raises ``CommitInvalid`` with every problem.

    ``terminate``: the commit of ``LMSFinish``/``Terminate``, or of the page
    being left without one (the SCO is over either way).
    """
    problems: list[str] = []
    if version == "1.2":
        reading = _read_12(cmi, mastery_score, problems, finished=terminate)
    else:
        reading = _read_2004(cmi, scaled_passing_score, problems)
    if problems:
        raise CommitInvalid(problems)
    return reading


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _read_12(
    cmi: dict[str, Any],
    mastery: Decimal | None,
    problems: list[str],
    *,
    finished: bool = False,
) -> Reading:
    core = as_dict(cmi.get("core"))
    score = as_dict(core.get("score"))
    status = _vocabulary(
        core.get("lesson_status") or "not attempted",
        "cmi.core.lesson_status",
        LESSON_STATUS_12,
        problems,
    )
    # RTE 3.4.2.1.7 (p. 3-25): the LMS starts a SCO "not attempted"; a SCO may
    # never set that value, so a SCO that finishes still "not attempted" set no
    # status, and the LMS sets "completed" (then the mastery rule below).
    set_by_lms = finished and status == "not attempted"
    if set_by_lms:
        status = "completed"
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
    if set_by_lms:
        # What the LMS decided is what the next launch reads.
        decided = success if success in ("passed", "failed") else status
        cmi = {**cmi, "core": {**core, "lesson_status": decided}}
    return Reading(
        completion=completion,
        success=success,
        score_scaled=None
        if scaled is None
        else round(max(min(scaled, Decimal(1)), Decimal(0)), 4),
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
    score = as_dict(cmi.get("score"))
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


def _session(value: object, version: str, problems: list[str]) -> float:
    if value in (None, ""):
        return 0.0
    try:
        return seconds_of(str(value), version)
    except ValueError:
        problems.append(f"session_time: {value!r} is not a SCORM {version} duration")
        return 0.0
