"""pandas only: one person's levels, for "My skills" (not anonymised: their own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from reporting.frames.dashboard.tables import BLANK


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


def history_table(
    frame: pd.DataFrame,
    *,
    title: str,
    names: Mapping[str, str],
    month: Callable[[Any], str],
) -> dict[str, Any]:
    """The history as a table: one row per competence, one column per month.

    Input: ``history_frame``'s columns. Output: ``header`` (``title``, then each
    month through ``month``, oldest first) and ``rows`` (the competence through
    ``names``, then its month-end level, ``BLANK`` where it had no snapshot),
    competences in code order.
    """
    wide = frame.pivot_table(
        index="code", columns="month", values="level", aggfunc="max"
    ).sort_index()
    wide = wide.reindex(sorted(wide.columns), axis=1)
    return {
        "header": [title, *(month(m) for m in wide.columns)],
        "rows": [
            [
                names.get(str(code), str(code)),
                *(BLANK if pd.isna(v) else int(v) for v in values),
            ]
            for code, values in wide.iterrows()
        ],
    }
