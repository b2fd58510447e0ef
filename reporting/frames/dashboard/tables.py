"""pandas only: a frame as the accessible table shown under each chart."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from reporting.frames.dashboard.training import STATUSES

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
