"""The answers a SCO recorded (``cmi.interactions``), in the platform's terms."""

from __future__ import annotations

from dataclasses import dataclass

# cmi.interactions.n.result: 1.2 (RTE 3.4.2.7.6) says "wrong", 2004 (RTE 4.2.9.8)
# "incorrect"; "unanticipated", "neutral" and numbers are neither.
CORRECT_RESULTS = {"correct"}
INCORRECT_RESULTS = {"wrong", "incorrect"}


@dataclass(frozen=True)
class Interaction:
    """One recorded answer (``cmi.interactions.n``), in the platform's terms."""

    id: str
    type: str
    description: str  # SCORM 2004 only
    result: str  # correct | incorrect | other (neutral, unanticipated, a number, none)


def interactions_of(committed: object) -> list[Interaction]:
    """The interactions of a committed ``cmi.interactions``, in order.

    The API sends the array as an object of indexes (``{"0": {...}}``); a list
    reads alike. Entries without an id are skipped; a SCO that journals answers
    (one entry per answer, the same id) gives one ``Interaction`` per answer.
    """
    if isinstance(committed, dict):
        indexed = sorted(
            (int(key), value) for key, value in committed.items() if key.isdigit()
        )
        entries = [value for _index, value in indexed]
    elif isinstance(committed, list):
        entries = committed
    else:
        return []
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        result = str(entry.get("result") or "").strip().lower()
        found.append(
            Interaction(
                id=str(entry["id"]),
                type=str(entry.get("type") or ""),
                description=str(entry.get("description") or ""),
                result="correct"
                if result in CORRECT_RESULTS
                else "incorrect"
                if result in INCORRECT_RESULTS
                else "other",
            )
        )
    return found
