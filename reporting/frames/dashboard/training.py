"""pandas only: the dashboards' frames of training: compliance with mandatory
training, activity, the funnel from enrolment to completion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from reporting.frames.dashboard.common import _blank, _group_label
from reporting.frames.privacy import (
    K_ANONYMITY,
    Grouping,
    suppress_linked,
    tree_cells,
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
