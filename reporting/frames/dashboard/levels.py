"""pandas only: the dashboards' frames, each blanked by the privacy rule
(``reporting.frames.privacy``) before it is drawn, tabled or downloaded."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from reporting.frames.privacy import (
    K_ANONYMITY,
    Grouping,
    suppress_linked,
    tree_cells,
)


def _blank(frame: pd.DataFrame, rows: pd.Series, columns: Sequence[str]) -> None:
    """Blank ``columns`` of the ``rows`` (a boolean mask) in place, as floats."""
    frame[list(columns)] = frame[list(columns)].astype(float)
    frame.loc[rows.to_numpy(), list(columns)] = float("nan")


def _group_label(frame: pd.DataFrame, names: Mapping[Any, str], total: str) -> None:
    if "group" in frame:
        frame["group"] = frame["group"].map(lambda p: names.get(p, str(p)))
    else:
        frame["group"] = total


def _people_and_sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows per competence summed over competences: ``people`` and
    ``expected_people`` are the largest numbers of people (with an expectation)
    on one competence, so no one is counted twice; ``assessments`` the person ×
    competence pairs; the other counts are summed."""
    counts = [c for c in frame.columns if c not in [*keys, "competence"]]
    summed = frame.groupby(keys, as_index=False, dropna=False)[counts].sum()
    largest = frame.groupby(keys, dropna=False)[["people", "with_expectation"]].max()
    summed["assessments"] = summed["people"]
    summed["people"] = largest["people"].to_numpy()
    summed["expected_people"] = largest["with_expectation"].to_numpy()
    return summed


def _share_and_mean(frame: pd.DataFrame) -> None:
    """Add share_at_or_above (0–100, of assessments with an expectation; blank when
    none has one) and mean_level (mean over assessments), in place."""
    with_expectation = frame["with_expectation"].where(frame["with_expectation"] > 0)
    frame["share_at_or_above"] = (100 * frame["at_or_above"] / with_expectation).round(
        1
    )
    frame["mean_level"] = (frame["level_sum"] / frame["assessments"]).round(2)


def _protect_means(
    frame: pd.DataFrame, *, k: int, share: str, expected: str
) -> pd.DataFrame:
    """Blank a row describing fewer than ``k`` people, and ``share`` when fewer
    than ``k`` of them (column ``expected``) have an expectation; add
    ``suppressed``."""
    few = suppress_linked(frame["people"], k=k)
    few_expected = suppress_linked(frame[expected], k=k)
    figures = [c for c in frame.columns if frame[c].dtype.kind in "if"]
    _blank(frame, few, figures)
    _blank(frame, few_expected, [share])
    frame["suppressed"] = few | few_expected
    return frame


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


STATUSES = ["done", "done_late", "in_progress", "late", "not_started"]


def compliance_frame(
    rows: Iterable[Mapping[str, Any]],
    *,
    names: Mapping[Any, str],
    grouping: Grouping | None,
    total_label: str,
    k: int = K_ANONYMITY,
) -> pd.DataFrame:
    """Per assignment and group, people per training status.

    Input keys: assignment, ``path`` (each person's department, "" for none) and
    one count per status — for the whole organisation, whatever the filter, so
    that a cell is blanked the same way on every page; with ``grouping`` None,
    ``group`` instead of ``path`` and no suppression (a manager's own team).
    Output columns: assignment, group, people, done, done_late, in_progress, late,
    not_started, suppressed — every department and subtree total is linked
    to its parts (``suppress_linked``), so a direction minus its other services
    or a row total minus its other statuses never gives a blank back.
    """
    columns = ["assignment", "group", "people", *STATUSES]
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return pd.DataFrame(columns=[*columns, "suppressed"])
    frame["people"] = frame[STATUSES].sum(axis=1)
    if grouping is None:
        frame = frame.groupby(["assignment", "group"], as_index=False)[
            ["people", *STATUSES]
        ].sum()
        _group_label(frame, names, total_label)
        frame["suppressed"] = False
        return frame[[*columns, "suppressed"]]
    direct = frame.groupby(["assignment", "path"], as_index=False)[
        ["people", *STATUSES]
    ].sum()
    cells, relations = tree_cells(
        direct, by=["assignment"], counts=["people", *STATUSES], step=grouping.step
    )
    cells["hidden"] = suppress_linked(cells["value"], relations, k=k)
    shown = direct["path"].map(grouping.group_of).dropna().drop_duplicates()
    wanted = pd.DataFrame(shown.tolist(), columns=["kind", "path"])
    published = cells.merge(wanted, on=["kind", "path"])
    published["value"] = published["value"].where(~published["hidden"])
    index = ["assignment", "kind", "path"]
    result = published.pivot(index=index, columns="column", values="value")
    result = result.reindex(columns=["people", *STATUSES]).astype(float)
    hidden = published.pivot(index=index, columns="column", values="hidden")
    result["suppressed"] = hidden.astype(bool).any(axis=1)
    result = result.reset_index()
    if grouping.length is None:
        result["group"] = total_label
    else:
        result["group"] = result["path"].map(lambda p: names.get(p, p))
    return result[[*columns, "suppressed"]].reset_index(drop=True)


def activity_frame(
    rows: Iterable[Mapping[str, Any]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """Per month: active learners and learners who completed a course (distinct
    people each), each blank under ``k``."""
    frame = pd.DataFrame(list(rows), columns=["month", "active", "completed"])
    frame["month"] = pd.to_datetime(frame["month"])
    hidden = {c: suppress_linked(frame[c], k=k) for c in ("active", "completed")}
    for column, blank in hidden.items():
        _blank(frame, blank, [column])
    frame["suppressed"] = hidden["active"] | hidden["completed"]
    return frame


def funnel_frame(
    rows: Iterable[Mapping[str, Any]], *, k: int = K_ANONYMITY
) -> pd.DataFrame:
    """Per course: people enrolled, then how many have not started, are in
    progress, have completed — a partition of the enrolled, so a blank status has
    a blank sibling (``suppress_linked``) and the total cannot give it back.

    Input keys: ``course__title``, enrolled, started, completed.
    """
    frame = pd.DataFrame(
        list(rows), columns=["course__title", "enrolled", "started", "completed"]
    ).rename(columns={"course__title": "course"})
    counts = ["enrolled", "not_started", "in_progress", "completed"]
    if frame.empty:
        return pd.DataFrame(columns=["course", *counts, "suppressed"])
    frame["not_started"] = frame["enrolled"] - frame["started"]
    frame["in_progress"] = frame["started"] - frame["completed"]
    frame = frame[["course", *counts]]
    cells = frame.reset_index(names="row").melt(
        id_vars=["row"], value_vars=counts, var_name="column", value_name="value"
    )
    relations = pd.DataFrame(
        {
            "relation": cells["row"],
            "cell": cells.index,
            "total": cells["column"] == "enrolled",
        }
    )
    cells["hidden"] = suppress_linked(cells["value"], relations, k=k)
    hidden = cells.pivot(index="row", columns="column", values="hidden")
    frame = frame.astype(dict.fromkeys(counts, float))
    for column in counts:
        frame.loc[hidden[column].reindex(frame.index, fill_value=False), column] = (
            float("nan")
        )
    frame["suppressed"] = hidden.reindex(frame.index, fill_value=False).any(axis=1)
    return frame


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


COUNT_COLUMNS = {
    "people",
    "active",
    "completed",
    "questions",
    "answered",
    "accepted",
    "finished",
    "sessions",
    "moved",
    "enrolled",
    "not_started",
    "in_progress",
    "level",
    *STATUSES,
}
BLANK = "—"


def as_table(
    frame: pd.DataFrame,
    *,
    headers: Mapping[str, str] | None = None,
    month: Callable[[Any], str] | None = None,
    yes_no: tuple[str, str] = ("yes", "no"),
) -> dict[str, Any]:
    """Header and rows for an HTML table or an export: headers through
    ``headers`` (column → label), months through ``month`` (default YYYY-MM),
    counts as integers, ``suppressed`` as ``yes_no``, blanked cells as "—"."""
    shown = frame.copy()
    if "month" in shown:
        months = pd.to_datetime(shown["month"])
        shown["month"] = months.map(month) if month else months.dt.strftime("%Y-%m")
    if "suppressed" in shown:
        shown["suppressed"] = shown["suppressed"].map(
            lambda hidden: yes_no[0] if hidden else yes_no[1]
        )
    shown = shown.astype(object).where(shown.notna(), BLANK)
    for column in COUNT_COLUMNS.intersection(shown.columns):
        shown[column] = shown[column].map(
            lambda v: int(float(v)) if isinstance(v, numbers.Real) else v
        )
    labels = headers or {}
    return {
        "header": [labels.get(c, c) for c in shown.columns],
        "columns": list(shown.columns),  # the frame's own names, for code
        "rows": shown.values.tolist(),
    }
