"""pandas only: peer learning of one town (communities of practice, mentoring)
as published figures, each describing nobody or at least ``k`` people."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from reporting.frames.privacy import K_ANONYMITY

COMMUNITY_COLUMNS = ["month", "active", "questions", "answered", "accepted"]
MENTORING_COLUMNS = ["people", "active", "finished", "sessions", "hours", "moved"]


def _month_starts(values: pd.Series) -> pd.Series:
    """Each month as a naive timestamp of its first day, read on the wall clock:
    ``TruncMonth`` gives midnight of the month's first day in the current time
    zone, and converting that to UTC first would file a month start east of
    Greenwich under the month before."""
    naive = values.map(
        lambda v: v.replace(tzinfo=None) if getattr(v, "tzinfo", None) else v
    )
    return pd.to_datetime(naive).dt.to_period("M").dt.to_timestamp()


def _shown(people: pd.Series, k: int) -> pd.Series:
    """True where a count of people may be published: none, or at least k."""
    people = people.fillna(0)
    return (people == 0) | (people >= k)


def community_frame(
    rows: Mapping[str, Sequence[Mapping[str, Any]]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """Per month (only months with activity): active (people who posted),
    questions asked, questions answered, accepted answers, suppressed.

    Input: ``reporting.queries.community_rows``' ``active`` (month, active),
    ``questions`` (month, questions, askers, answered, answered_askers,
    unanswered_askers) and ``accepted`` (month, accepted_answers, answerers).
    A count is blank when the people behind it are 1 to k−1; *answered* also
    when the askers of the unanswered are (questions − answered would give them
    away), or when *questions* is blank.
    """
    active = pd.DataFrame(list(rows.get("active", [])), columns=["month", "active"])
    questions = pd.DataFrame(
        list(rows.get("questions", [])),
        columns=[
            "month",
            "questions",
            "askers",
            "answered",
            "answered_askers",
            "unanswered_askers",
        ],
    )
    accepted = pd.DataFrame(
        list(rows.get("accepted", [])),
        columns=["month", "accepted_answers", "answerers"],
    ).rename(columns={"accepted_answers": "accepted"})
    for part in (active, questions, accepted):
        part["month"] = _month_starts(part["month"])
    frame = active.merge(questions, on="month", how="outer").merge(
        accepted, on="month", how="outer"
    )
    frame = frame.sort_values("month").reset_index(drop=True)
    counts = ["active", "questions", "answered", "accepted"]
    people = ["active", "askers", "answered_askers", "unanswered_askers", "answerers"]
    frame[[*counts, *people[1:]]] = frame[[*counts, *people[1:]]].fillna(0)
    blank = {
        "active": ~_shown(frame["active"], k),
        "questions": ~_shown(frame["askers"], k),
        "accepted": ~_shown(frame["answerers"], k),
    }
    blank["answered"] = (
        blank["questions"]
        | ~_shown(frame["answered_askers"], k)
        | ~_shown(frame["unanswered_askers"], k)
    )
    result = frame[COMMUNITY_COLUMNS].copy()
    result[counts] = result[counts].astype(float)
    for column, mask in blank.items():
        result.loc[mask.to_numpy(), column] = float("nan")
    result["suppressed"] = pd.concat(blank, axis=1).any(axis=1)
    return result


def mentoring_frame(
    rows: Iterable[Mapping[str, Any]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """One row: people of the town in a mentoring (distinct mentors and
    mentees), mentorings active and finished, sessions logged, hours, moved
    (percent of the town's finished mentees whose level rose after), suppressed.

    Input keys (one per mentoring, ``reporting.queries.mentoring_rows``):
    status, mentor, mentee (an id when of the town, else None), sessions,
    minutes, moved (levels gained, or None).
    Everything is blank when the people are 1 to k−1; *active* and *finished*
    when the town's people in them are; *moved* when the finished mentees, those
    whose level rose or those whose level did not are 1 to k−1.
    """
    pairs = pd.DataFrame(
        list(rows),
        columns=["status", "mentor", "mentee", "sessions", "minutes", "moved"],
    )

    def people(part: pd.DataFrame) -> int:
        ids = pd.concat([part["mentor"], part["mentee"]]).dropna()
        return int(ids.nunique())

    everyone = people(pairs)
    active = pairs[pairs["status"] == "active"]
    finished = pairs[pairs["status"] == "finished"]
    mentees = finished.dropna(subset=["mentee"])
    whole = int(mentees["mentee"].nunique())
    rose = int(mentees.loc[mentees["moved"].fillna(0) > 0, "mentee"].nunique())
    row: dict[str, float] = {
        "people": float(everyone),
        "active": float(len(active)),
        "finished": float(len(finished)),
        "sessions": float(pairs["sessions"].sum()),
        "hours": round(float(pairs["minutes"].sum()) / 60, 1),
        "moved": round(100 * rose / whole) if whole else float("nan"),
    }
    nan = float("nan")
    if not _shown(pd.Series([everyone]), k).all():
        row = dict.fromkeys(MENTORING_COLUMNS, nan)
    else:
        for column, part in (("active", active), ("finished", finished)):
            if not _shown(pd.Series([people(part)]), k).all():
                row[column] = nan
        if not _shown(pd.Series([whole, rose, whole - rose]), k).all():
            row["moved"] = nan
    frame = pd.DataFrame([row], columns=MENTORING_COLUMNS)
    counted = [c for c in MENTORING_COLUMNS if c != "moved" or whole]
    frame["suppressed"] = frame[counted].isna().any(axis=1)
    return frame
