"""pandas only: the maturity diagnosis's scores (reporting.maturity).

Answers are levels 0–5 (blank: "I don't know", left out of every mean). A
dimension's score is the mean of its respondent groups' means, so that each
group weighs the same whatever its number of respondents; the spread between
the groups' means says whether they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from reporting.frames.privacy import K_ANONYMITY

TOP = 5
# Group means this far apart (in levels) or more: the groups disagree.
DISAGREEMENT = 2.0
ANSWER_COLUMNS = ["dimension", "question_id", "group", "invitation_id", "level"]


def answers_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Input keys: dimension (code), question_id, group, invitation_id, level
    (None: "I don't know"). Output: the same columns, level as float."""
    frame = pd.DataFrame(list(rows), columns=ANSWER_COLUMNS)
    frame["level"] = pd.to_numeric(frame["level"], errors="coerce").astype(float)
    return frame


def group_scores(answers: pd.DataFrame) -> pd.DataFrame:
    """Per dimension and group: score (mean of the levels given), answers (how
    many), respondents (distinct invitations that gave one)."""
    given = answers.dropna(subset=["level"])
    if given.empty:
        return pd.DataFrame(
            columns=["dimension", "group", "score", "answers", "respondents"]
        )
    return (
        given.groupby(["dimension", "group"], as_index=False)
        .agg(
            score=("level", "mean"),
            answers=("level", "size"),
            respondents=("invitation_id", "nunique"),
        )
        .sort_values(["dimension", "group"])
        .reset_index(drop=True)
    )


def dimension_scores(answers: pd.DataFrame, dimensions: Sequence[str]) -> pd.DataFrame:
    """One row per code of ``dimensions``, in that order: score (mean of the
    groups' means, 0–5), spread (highest group mean minus lowest; blank under
    two groups), groups (how many answered), answers. Score blank: no answer."""
    groups = group_scores(answers)
    by_dimension = groups.groupby("dimension").agg(
        score=("score", "mean"),
        high=("score", "max"),
        low=("score", "min"),
        groups=("group", "size"),
        answers=("answers", "sum"),
    )
    frame = by_dimension.reindex(list(dimensions))
    frame["spread"] = (frame["high"] - frame["low"]).where(frame["groups"] >= 2)
    frame["groups"] = frame["groups"].fillna(0).astype(int)
    frame["answers"] = frame["answers"].fillna(0).astype(int)
    frame["score"] = frame["score"].round(2)
    frame["spread"] = frame["spread"].round(2)
    return (
        frame[["score", "spread", "groups", "answers"]]
        .rename_axis("dimension")
        .reset_index()
    )


def question_spread(answers: pd.DataFrame, groups: Sequence[str]) -> pd.DataFrame:
    """Per question answered: dimension, question_id, one column per group of
    ``groups`` (its mean, blank when it did not answer), spread (blank under two
    groups) and disagree (spread of ``DISAGREEMENT`` levels or more)."""
    given = answers.dropna(subset=["level"])
    columns = ["dimension", "question_id", *groups, "spread", "disagree"]
    if given.empty:
        return pd.DataFrame(columns=columns)
    means = given.pivot_table(
        index=["dimension", "question_id"],
        columns="group",
        values="level",
        aggfunc="mean",
    ).reindex(columns=list(groups))
    frame = means.round(2)
    answered = means.notna().sum(axis=1)
    frame["spread"] = (means.max(axis=1) - means.min(axis=1)).where(answered >= 2)
    frame["spread"] = frame["spread"].round(2)
    frame["disagree"] = frame["spread"].fillna(0) >= DISAGREEMENT
    frame.columns.name = None
    return frame.reset_index()[columns]


def overall_score(scores: Iterable[float | None]) -> float | None:
    """The mean of the dimensions that have a score (0–5); None: none has."""
    series = pd.Series(list(scores), dtype=float).dropna()
    return None if series.empty else round(float(series.mean()), 2)


def skills_areas(
    rows: Iterable[Mapping[str, Any]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """The computed skills dimension, by competence area.

    Input keys: person_id, area, expected_count (the person's competences of the
    area with an expected level), met (how many of them the person meets on
    verified evidence). Output columns: area, people (with an expectation in
    the area), at_or_above (people meeting every expectation of the area),
    share (0–1), blank, with at_or_above, under ``k`` people."""
    frame = pd.DataFrame(
        list(rows), columns=["person_id", "area", "expected_count", "met"]
    )
    if frame.empty:
        return pd.DataFrame(columns=["area", "people", "at_or_above", "share"])
    frame["ok"] = frame["met"] >= frame["expected_count"]
    areas = frame.groupby("area", as_index=False).agg(
        people=("person_id", "nunique"), at_or_above=("ok", "sum")
    )
    areas["at_or_above"] = areas["at_or_above"].astype(float)
    areas["share"] = (areas["at_or_above"] / areas["people"]).round(3)
    few = areas["people"] < k
    areas.loc[few, ["at_or_above", "share"]] = float("nan")
    return areas.sort_values("area").reset_index(drop=True)


def skills_score(areas: pd.DataFrame) -> float | None:
    """The skills dimension on the 0–5 scale: five times the mean share of the
    areas shown (an area blank under k people is left out, so nothing of it
    can be worked out from the score). None: no area shown."""
    shares = areas["share"].dropna() if "share" in areas else pd.Series(dtype=float)
    return None if shares.empty else round(TOP * float(shares.mean()), 2)


def band_medians(
    rows: Iterable[Mapping[str, Any]],
    dimensions: Sequence[str],
    *,
    k: int = K_ANONYMITY,
) -> pd.DataFrame:
    """The median score of a size band's towns, per dimension code.

    Input keys: town, dimension, score. Output, one row per code of
    ``dimensions``: towns (with a score), median — blank under ``k`` towns, so
    no town's own score can be read from it and no town is ranked."""
    frame = pd.DataFrame(list(rows), columns=["town", "dimension", "score"])
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce")
    given = frame.dropna(subset=["score"])
    stats = given.groupby("dimension").agg(
        towns=("town", "nunique"), median=("score", "median")
    )
    out = stats.reindex(list(dimensions))
    out["towns"] = out["towns"].fillna(0).astype(int)
    out.loc[out["towns"] < k, "median"] = float("nan")
    out["median"] = out["median"].astype(float).round(2)
    return out.rename_axis("dimension").reset_index()[["dimension", "towns", "median"]]


def radar_frame(
    names: Mapping[str, str],
    *,
    current: Mapping[str, float | None],
    previous: Mapping[str, float | None] | None = None,
    band: Mapping[str, float | None] | None = None,
) -> pd.DataFrame:
    """Columns: dimension (its name, in ``names``' order), score, previous,
    band, change (score − previous). Missing values are blank."""
    codes = list(names)
    frame = pd.DataFrame(
        {
            "code": codes,
            "dimension": [names[c] for c in codes],
            "score": [current.get(c) for c in codes],
            "previous": [(previous or {}).get(c) for c in codes],
            "band": [(band or {}).get(c) for c in codes],
        }
    )
    for column in ("score", "previous", "band"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame["change"] = (frame["score"] - frame["previous"]).round(2)
    return frame
