"""pandas only: the dashboards' frames of levels: growth, heatmap, distribution,
the network's towns, gaps by area, the headline share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from reporting.frames.dashboard.common import (
    _blank,
    _group_label,
    _people_and_sums,
    _protect_means,
    _share_and_mean,
)
from reporting.frames.privacy import (
    K_ANONYMITY,
    suppress_linked,
)


def growth_frame(
    rows: Iterable[Mapping[str, Any]],
    *,
    names: Mapping[Any, str],
    total_label: str,
    k: int = K_ANONYMITY,
) -> pd.DataFrame:
    """Monthly share at or above expectations and mean level, per group.

    Input keys: month, optional group (a department path prefix, or a person),
    competence, people, with_expectation, at_or_above, level_sum.
    Output columns: month (datetime64), group (name), people (distinct: the most
    assessed competence's), share_at_or_above (0–100, of assessments with an
    expectation), mean_level, suppressed — blank under ``k`` people, the share
    blank under ``k`` people with an expectation.
    """
    columns = ["month", "group", "people", "share_at_or_above", "mean_level"]
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=[*columns, "suppressed"])
    keys = ["month", "group"] if "group" in frame else ["month"]
    frame = _people_and_sums(frame, keys)
    _group_label(frame, names, total_label)
    frame["month"] = pd.to_datetime(frame["month"])
    _share_and_mean(frame)
    frame = _protect_means(
        frame[[*columns, "expected_people"]],
        k=k,
        share="share_at_or_above",
        expected="expected_people",
    )
    return (
        frame.drop(columns="expected_people")
        .sort_values(["group", "month"])
        .reset_index(drop=True)
    )


def heatmap_frame(
    rows: Iterable[Mapping[str, Any]],
    *,
    names: Mapping[Any, str],
    total_label: str,
    k: int = K_ANONYMITY,
) -> pd.DataFrame:
    """Mean gap to expectations (levels) per group and competence.

    Output columns: group, competence, people, mean_gap (positive: below
    expectations; of the people with an expectation), suppressed — blank under
    ``k`` people, the gap blank under ``k`` people with an expectation.
    """
    columns = ["group", "competence", "people", "mean_gap"]
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=[*columns, "suppressed"])
    _group_label(frame, names, total_label)
    frame = frame.rename(columns={"competence__code": "competence"})
    with_expectation = frame["with_expectation"].where(frame["with_expectation"] > 0)
    frame["mean_gap"] = (
        (frame["expected_sum"] - frame["level_sum_expected"]) / with_expectation
    ).round(2)
    frame = _protect_means(
        frame[[*columns, "with_expectation"]],
        k=k,
        share="mean_gap",
        expected="with_expectation",
    )
    return frame.drop(columns="with_expectation").reset_index(drop=True)


LEVELS = [f"level_{n}" for n in range(5)]


def distribution_frame(
    rows: Iterable[Mapping[str, Any]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """Assessments per level at each quarter end (long form), from the people
    per level on each competence.

    Input keys: month, competence, people, level_1 … level_4 (level 0: the rest).
    Output columns: month (datetime64), level (0–4), people (assessments: one
    per person and competence), suppressed. A competence whose month has 1 to
    k−1 people at some level is left out of that month whole (``whole``
    relations): the mean level shown elsewhere would otherwise give away the
    split of a partly blanked row. ``suppressed`` marks the months where one was.
    """
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=["month", "level", "people", "suppressed"])
    frame["level_0"] = frame["people"] - frame[LEVELS[1:]].sum(axis=1)
    cells = frame.melt(
        id_vars=["month", "competence"],
        value_vars=LEVELS,
        var_name="level",
        value_name="count",
    )
    relations = pd.DataFrame(
        {
            "relation": cells.groupby(["month", "competence"]).ngroup(),
            "cell": cells.index,
            "total": False,
            "whole": True,
        }
    )
    cells["hidden"] = suppress_linked(cells["count"], relations, k=k)
    cells["shown"] = cells["count"].where(~cells["hidden"], 0)
    long = cells.groupby(["month", "level"], as_index=False).agg(
        people=("shown", "sum"),
        suppressed=("hidden", "any"),
        nothing_shown=("hidden", "all"),
    )
    long["people"] = long["people"].astype(float)
    long.loc[long["nothing_shown"], "people"] = float("nan")
    long["level"] = long["level"].str.removeprefix("level_").astype(int)
    long["month"] = pd.to_datetime(long["month"])
    return (
        long[["month", "level", "people", "suppressed"]]
        .sort_values(["month", "level"])
        .reset_index(drop=True)
    )


def network_frame(
    rows: Iterable[Mapping[str, Any]], *, towns: Sequence[str], k: int = K_ANONYMITY
) -> pd.DataFrame:
    """Per town that shares: people assessed this month (the most assessed
    competence's), share at or above expectations and mean level; a town with
    fewer than ``k`` people, or nothing in the summary, is listed blank.

    Input keys: town, competence, people, with_expectation, at_or_above, level_sum.
    """
    columns = ["town", "people", "share_at_or_above", "mean_level"]
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        frame = pd.DataFrame(
            columns=[
                "town",
                "people",
                "assessments",
                "expected_people",
                "with_expectation",
                "at_or_above",
                "level_sum",
            ]
        )
    else:
        frame = _people_and_sums(frame, ["town"])
    frame = frame.set_index("town").reindex(list(towns)).fillna(0).reset_index()
    _share_and_mean(frame)
    frame = _protect_means(
        frame[[*columns, "expected_people"]],
        k=k,
        share="share_at_or_above",
        expected="expected_people",
    )
    nobody = frame["people"].isna() | (frame["people"] == 0)
    _blank(frame, nobody, ["people", "share_at_or_above", "mean_level"])
    frame["suppressed"] = frame["suppressed"] | nobody
    return frame.drop(columns="expected_people").reset_index(drop=True)


def area_gap_frame(
    rows: Iterable[Mapping[str, Any]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """Mean gap to expectations per group (e.g. a town) and competence area.

    Input keys: group, area, competence and the summary's counts.
    Output columns: group, area, people (distinct: the area's most assessed
    competence's), mean_gap (levels, of the assessments with an expectation),
    suppressed — blank under ``k`` people, the gap blank under ``k`` people with
    an expectation.
    """
    columns = ["group", "area", "people", "mean_gap"]
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=[*columns, "suppressed"])
    frame = _people_and_sums(frame, ["group", "area"])
    with_expectation = frame["with_expectation"].where(frame["with_expectation"] > 0)
    frame["mean_gap"] = (
        (frame["expected_sum"] - frame["level_sum_expected"]) / with_expectation
    ).round(2)
    frame = _protect_means(
        frame[[*columns, "expected_people"]],
        k=k,
        share="mean_gap",
        expected="expected_people",
    )
    return frame.drop(columns="expected_people").reset_index(drop=True)


def headline_share(part: int, whole: int, *, k: int = K_ANONYMITY) -> float | None:
    """``part`` of ``whole`` in percent, or None when it would describe fewer
    than ``k`` people: the whole, the part or the rest between 1 and k−1."""
    if any(0 < n < k for n in (whole, part, whole - part)) or whole <= 0:
        return None
    return 100 * part / whole
