"""pandas only: what the dashboards' frames share: blanking cells, group labels,
people and sums, shares and means, the protection of means.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from reporting.frames.privacy import suppress_linked


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
