"""pandas only: turn rows from ``reporting.queries`` into tidy frames."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd


def levels_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Current and expected level per competence.

    Input keys: ``code``, ``name``, ``level``, ``expected`` (None when no expectation).
    Output columns: code (str), name (str), level (int), expected (int, 0 if none),
    gap (int, expected − level, never below 0), sorted by code.
    """
    frame = pd.DataFrame(list(rows), columns=["code", "name", "level", "expected"])
    frame["expected"] = frame["expected"].fillna(0).astype(int)
    frame["level"] = frame["level"].astype(int)
    frame["gap"] = (frame["expected"] - frame["level"]).clip(lower=0)
    return frame.sort_values("code").reset_index(drop=True)


def history_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Month-end level per competence over time.

    Input keys: ``competence__code``, ``month`` (date), ``level``.
    Output columns: month (datetime64), code (str), level (int), sorted.
    """
    frame = pd.DataFrame(list(rows), columns=["competence__code", "month", "level"])
    frame = frame.rename(columns={"competence__code": "code"})
    frame["month"] = pd.to_datetime(frame["month"])
    frame["level"] = frame["level"].astype(int)
    return frame.sort_values(["code", "month"]).reset_index(drop=True)


K_ANONYMITY = 5


def suppress_small(
    frame: pd.DataFrame,
    *,
    count: str = "people",
    k: int = K_ANONYMITY,
    keys: tuple[str, ...] = ("level",),
) -> pd.DataFrame:
    """Blank every figure of a row describing fewer than ``k`` people.

    Adds a boolean ``suppressed`` column; the count itself is blanked too, so a
    suppressed cell reveals nothing but the fact that it is small.
    """
    frame = frame.copy()
    small = frame[count] < k
    value_columns = [
        c for c in frame.columns if frame[c].dtype.kind in "if" and c not in keys
    ]
    frame[value_columns] = frame[value_columns].astype(float)
    frame.loc[small, value_columns] = float("nan")
    frame["suppressed"] = small
    return frame


def _add_share_and_mean(frame: pd.DataFrame) -> None:
    """Add share_at_or_above (0–100, of people with an expectation; blank when none
    has one) and mean_level, from the summary's sums, in place."""
    with_expectation = frame["with_expectation"].where(frame["with_expectation"] > 0)
    frame["share_at_or_above"] = (100 * frame["at_or_above"] / with_expectation).round(
        1
    )
    frame["mean_level"] = (frame["level_sum"] / frame["people"]).round(2)


def growth_frame(
    rows: Iterable[Mapping[str, Any]], *, names: Mapping[str, str], total_label: str
) -> pd.DataFrame:
    """Monthly share at or above expectations and mean level, per department group.

    Input keys: month, optional group (department path prefix), people,
    with_expectation, at_or_above, level_sum. Output columns: month (datetime64),
    group (name), people, share_at_or_above (0–100, of people with an expectation),
    mean_level, suppressed — small groups blanked (``suppress_small``).
    """
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(
            columns=[
                "month",
                "group",
                "people",
                "share_at_or_above",
                "mean_level",
                "suppressed",
            ]
        )
    if "group" not in frame:
        frame["group"] = total_label
    else:
        frame["group"] = frame["group"].map(lambda p: names.get(p, p))
    frame["month"] = pd.to_datetime(frame["month"])
    _add_share_and_mean(frame)
    frame = frame[["month", "group", "people", "share_at_or_above", "mean_level"]]
    return suppress_small(frame).sort_values(["group", "month"]).reset_index(drop=True)


def heatmap_frame(
    rows: Iterable[Mapping[str, Any]], *, names: Mapping[str, str], total_label: str
) -> pd.DataFrame:
    """Mean gap to expectations (levels) per department group and competence.

    Output columns: group, competence, people, mean_gap (positive: below
    expectations), suppressed.
    """
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(
            columns=["group", "competence", "people", "mean_gap", "suppressed"]
        )
    frame["group"] = (
        frame["group"].map(lambda p: names.get(p, p))
        if "group" in frame
        else total_label
    )
    frame = frame.rename(columns={"competence__code": "competence"})
    with_expectation = frame["with_expectation"].where(frame["with_expectation"] > 0)
    frame["mean_gap"] = (
        (frame["expected_sum"] - frame["level_sum_expected"]) / with_expectation
    ).round(2)
    frame = frame[["group", "competence", "people", "mean_gap"]]
    return suppress_small(frame).reset_index(drop=True)


def distribution_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """People per level at each quarter end (long form).

    Output columns: month (datetime64), level (0–4), people (blank when < 5).
    """
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=["month", "level", "people", "suppressed"])
    frame["level_0"] = frame["people"] - frame[
        ["level_1", "level_2", "level_3", "level_4"]
    ].sum(axis=1)
    long = frame.drop(columns=["people"]).melt(
        id_vars=["month"],
        value_vars=[f"level_{n}" for n in range(5)],
        var_name="level",
        value_name="people",
    )
    long["level"] = long["level"].str.removeprefix("level_").astype(int)
    long["month"] = pd.to_datetime(long["month"])
    return suppress_small(long.sort_values(["month", "level"]).reset_index(drop=True))


def compliance_frame(
    rows: Iterable[Mapping[str, Any]], *, names: Mapping[str, str]
) -> pd.DataFrame:
    """Per assignment and department group, counts per status (blank when < 5)."""
    frame = pd.DataFrame(list(rows))
    statuses = ["done", "done_late", "in_progress", "late", "not_started"]
    if frame.empty:
        return pd.DataFrame(
            columns=["assignment", "group", "people", *statuses, "suppressed"]
        )
    frame["group"] = frame["group"].map(lambda p: names.get(p, p))
    frame["people"] = frame[statuses].sum(axis=1)
    frame = frame[["assignment", "group", "people", *statuses]]
    return suppress_small(frame).reset_index(drop=True)


def activity_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Per month: active learners and completions (blank when < 5 active)."""
    frame = pd.DataFrame(list(rows), columns=["month", "active", "completions"])
    frame["month"] = pd.to_datetime(frame["month"])
    return suppress_small(frame, count="active")


def as_table(frame: pd.DataFrame) -> dict[str, Any]:
    """Header and rows for an HTML table or an export; months as YYYY-MM and
    blanked cells as "—"."""
    shown = frame.copy()
    if "month" in shown:
        shown["month"] = pd.to_datetime(shown["month"]).dt.strftime("%Y-%m")
    shown = shown.astype(object).where(shown.notna(), "—")
    return {"header": list(shown.columns), "rows": shown.values.tolist()}


def network_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Per town: people assessed this month, share at or above expectations and
    mean level; towns with fewer than 5 people blanked."""
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(
            columns=["town", "people", "share_at_or_above", "mean_level", "suppressed"]
        )
    frame = frame.rename(columns={"organisation__name": "town"})
    _add_share_and_mean(frame)
    return suppress_small(frame[["town", "people", "share_at_or_above", "mean_level"]])


def funnel_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Per course: enrolled, started, completed (blank when fewer than 5 enrolled)."""
    frame = pd.DataFrame(
        list(rows), columns=["course__title", "enrolled", "started", "completed"]
    ).rename(columns={"course__title": "course"})
    return suppress_small(frame, count="enrolled")
