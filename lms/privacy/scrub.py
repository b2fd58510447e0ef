"""What anonymising removes from stored records: pure functions on their data."""

from __future__ import annotations

from typing import Any

# How an xAPI actor may name a person (xAPI 1.0.3, 2.4.2.3 "Inverse Functional
# Identifier", plus the display name). The account (this platform and a row id)
# stays: it names no one outside the database.
ACTOR_NAMES = frozenset({"name", "mbox", "mbox_sha1sum", "openid"})

# SCORM run-time data that names the learner (1.2: cmi.core.student_*, 2004:
# cmi.learner_*).
SCORM_NAMES = frozenset({"student_name", "learner_name"})
# Also what the learner wrote or left to resume with: comments, the saved
# location and suspend data. Interactions (the answers statistics count) stay.
SCORM_PERSONAL = SCORM_NAMES | frozenset(
    {
        "student_id",
        "learner_id",
        "comments",
        "comments_from_learner",
        "lesson_location",
        "location",
        "suspend_data",
    }
)


def statement_without_names(data: dict[str, Any]) -> dict[str, Any]:
    """The statement with its actor's name and personal identifiers removed."""
    actor = data.get("actor")
    if not isinstance(actor, dict):
        return data
    kept = {key: value for key, value in actor.items() if key not in ACTOR_NAMES}
    return {**data, "actor": kept}


def statement_names_person(data: Any) -> bool:
    actor = data.get("actor") if isinstance(data, dict) else None
    return isinstance(actor, dict) and bool(ACTOR_NAMES & actor.keys())


def cmi_without(cmi: Any, keys: frozenset[str]) -> Any:
    """``cmi`` without the elements named ``keys``, wherever they sit.

    Reads nested objects (``{"core": {"student_name": …}}``) and dotted names
    (``{"cmi.core.student_name": …}``) alike: an element goes when the last part
    of its name is one of ``keys``.
    """
    if isinstance(cmi, dict):
        return {
            key: cmi_without(value, keys)
            for key, value in cmi.items()
            if str(key).rsplit(".", 1)[-1] not in keys
        }
    if isinstance(cmi, list):
        return [cmi_without(value, keys) for value in cmi]
    return cmi
