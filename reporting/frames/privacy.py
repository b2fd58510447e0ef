"""pandas only: the privacy rule of every published figure (docs/reporting.md).

No published figure may describe fewer than ``K_ANONYMITY`` people, nor be worked
out from the others:

- ``pool_small_cells`` builds the skills summary from cells of at least k people
  (a department's small job roles, then small departments, are merged upwards), so
  every skills figure, under any filter, is a sum of whole cells of k people or more;
- ``suppress_linked`` decides which figures of a frame stay blank: fewer than k
  people (primary suppression), and enough others that no blank can be recovered
  from a total or its siblings (complementary suppression); ``tree_cells`` states
  the sums of a department tree for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lms.anonymity import K_ANONYMITY


def suppress_linked(
    people: pd.Series, relations: pd.DataFrame | None = None, *, k: int = K_ANONYMITY
) -> pd.Series:
    """Which cells to leave blank so that no figure about fewer than ``k`` people
    can be read, or worked out from the figures that are shown.

    ``people``: one entry per cell (any unique index), the number of distinct
    people the cell counts. ``relations``: the sums that hold between cells, one
    row per member — columns ``relation`` (a key), ``cell`` (an index of
    ``people``), ``total`` (True for the sum, False for a part) and, optionally,
    ``whole`` (True: the parts are blanked together or not at all).
    Returns a boolean Series on ``people``'s index: True for a blank.

    1. Primary: a cell counting 1 to k−1 people is blank.
    2. Complementary, repeated until nothing changes, in every relation:
       - the blank parts counting people are none, or at least two that
         together count k people or more; otherwise the smallest part still
         shown is blanked too (the total itself when no part is left). This
         holds whether the total is shown or not, as a blank total may be known
         from another sum;
       - a blank total has a blank part counting people (else it is the sum of
         the others), and its zero parts are blank too: "0 done, 0 late" beside
         a blank total of three would say what those three did;
       - ``whole``: one blank part blanks them all, zeros included.
    Otherwise a zero is shown: it describes nobody, and blanking it protects
    nobody. Ties go to the cell that comes first. ``k`` 1 blanks nothing (a
    manager's own team).
    """
    hidden = (people > 0) & (people < k)
    if relations is None or relations.empty or k <= 1:
        return hidden
    links = pd.DataFrame(
        {
            "relation": relations["relation"].to_numpy(),
            "cell": relations["cell"].to_numpy(),
            "total": relations["total"].astype(bool).to_numpy(),
            "whole": (
                relations["whole"].astype(bool).to_numpy()
                if "whole" in relations
                else False
            ),
        }
    )
    links["size"] = people.reindex(links["cell"]).to_numpy()
    position = pd.Series(range(len(people)), index=people.index)
    links["order"] = position.reindex(links["cell"]).to_numpy()
    parts = links[~links["total"]]
    totals = links[links["total"]].drop_duplicates("relation").set_index("relation")
    keys = pd.Index(links["relation"].unique())
    has_total = keys.isin(totals.index)
    whole = parts.groupby("relation")["whole"].any().reindex(keys, fill_value=False)
    while True:
        part_hidden = hidden.reindex(parts["cell"]).to_numpy()
        blank = (
            parts[part_hidden & (parts["size"] > 0).to_numpy()]
            .groupby("relation")["size"]
            .agg(["count", "sum"])
            .reindex(keys, fill_value=0)
        )
        count, total = blank["count"].to_numpy(), blank["sum"].to_numpy()
        total_hidden = (
            hidden.reindex(totals["cell"])
            .set_axis(totals.index)
            .reindex(keys, fill_value=False)
            .to_numpy(dtype=bool)
        )
        short = has_total & (
            ((count > 0) & ((count < 2) | (total < k))) | (total_hidden & (count == 0))
        )
        shown = parts[~part_hidden]
        chosen = (
            shown[shown["relation"].isin(keys[short]) & (shown["size"] > 0)]
            .sort_values(["size", "order"])
            .drop_duplicates("relation")
        )
        new = set(chosen["cell"])
        stuck = keys[short].difference(pd.Index(chosen["relation"].unique()))
        new |= set(totals.loc[totals.index.intersection(stuck), "cell"])
        whole_blank = keys[whole.to_numpy(dtype=bool) & (count > 0)]
        new |= set(shown.loc[shown["relation"].isin(whole_blank), "cell"])
        zeros = shown["relation"].isin(keys[total_hidden]) & (shown["size"] == 0)
        new |= set(shown.loc[zeros, "cell"])
        more = people.index.isin(list(new)) & ~hidden.to_numpy()
        if not more.any():
            return hidden
        hidden = hidden | pd.Series(more, index=people.index)


SUMMARY_KEYS = ["organisation_id", "path", "job_role_id", "competence_id", "month"]
# The counts about people with an expected level (for the share at or above it
# and the mean gap), which may move without the rest of their cell.
EXPECTATION_COUNTS = [
    "with_expectation",
    "at_or_above",
    "expected_sum",
    "level_sum_expected",
]


def pool_small_cells(
    rows: Iterable[Mapping[str, Any]], *, step: int, k: int = K_ANONYMITY
) -> list[dict[str, Any]]:
    """The skills summary with no cell describing 1 to k−1 people.

    Input rows: ``SUMMARY_KEYS`` — organisation_id, ``path`` (the department's
    materialised path, "" or None for no department), job_role_id (None for
    none), competence_id, month — and additive counts, among them ``people`` and
    ``with_expectation``. ``step``: characters per level of the department tree.
    Output rows: the same keys and counts, job_role_id None for a department's
    "other roles", with ``people`` and ``with_expectation`` each 0 or ≥ k.

    Per organisation, competence and month, from the deepest departments up:
    1. a department's job roles under k go to its "other roles" cell;
    2. while that cell is under k people, the department's smallest job role
       joins it;
    3. a department still under k people moves, whole, to its parent's "other
       roles"; one whose people with an expectation are under k moves only their
       ``EXPECTATION_COUNTS``;
    4. what is still under k above the directions is left out of every figure.
    So every figure is a sum of whole cells of k people or more, and subtracting
    one figure from another (a department minus a job role, a direction minus its
    services) can only ever isolate k people or more.
    """
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        return []
    counts = [c for c in frame.columns if c not in SUMMARY_KEYS]
    expectation = [c for c in EXPECTATION_COUNTS if c in counts]
    frame["path"] = frame["path"].fillna("").astype(str)
    frame["job_role_id"] = frame["job_role_id"].astype("Int64")
    frame[counts] = frame[counts].fillna(0).astype("int64")
    department = ["organisation_id", "path", "competence_id", "month"]

    def combine(cells: pd.DataFrame) -> pd.DataFrame:
        return cells.groupby(SUMMARY_KEYS, dropna=False, sort=False, as_index=False)[
            counts
        ].sum()

    def few(cells: pd.DataFrame, column: str) -> pd.Series:
        return (cells[column] > 0) & (cells[column] < k)

    finished: list[pd.DataFrame] = []
    frame = combine(frame)
    for depth in range(int(frame["path"].str.len().max()) // step, -1, -1):
        here = frame["path"].str.len() == depth * step
        level, frame = frame[here].copy(), frame[~here]
        small_role = few(level, "people") | few(level, "with_expectation")
        level.loc[level["job_role_id"].notna() & small_role, "job_role_id"] = pd.NA
        level = combine(level)
        while True:
            pools = level[level["job_role_id"].isna() & few(level, "people")]
            inside = pd.MultiIndex.from_frame(level[department]).isin(
                pd.MultiIndex.from_frame(pools[department])
            )
            candidates = level[inside & level["job_role_id"].notna()]
            if candidates.empty:
                break
            joining = (
                candidates.sort_values(["people", "job_role_id"])
                .drop_duplicates(department)
                .index
            )
            level.loc[joining, "job_role_id"] = pd.NA
            level = combine(level)
        pool = level["job_role_id"].isna()
        leaving = pool & few(level, "people")
        thin = pool & ~leaving & few(level, "with_expectation")
        moved = [level[leaving]]
        if expectation:
            moved.append(
                level[thin].assign(**{c: 0 for c in counts if c not in expectation})
            )
            level.loc[thin, expectation] = 0
        finished.append(level[~leaving])
        if depth > 0:
            up = pd.concat(moved, ignore_index=True)
            up["path"] = up["path"].str[:-step]
            frame = combine(pd.concat([frame, up], ignore_index=True))
    pooled = pd.concat(finished, ignore_index=True)
    pooled = pooled[(pooled[counts] > 0).any(axis=1)]
    pooled["job_role_id"] = (
        pooled["job_role_id"].astype(object).where(pooled["job_role_id"].notna(), None)
    )
    return pooled.to_dict("records")


@dataclass(frozen=True)
class Grouping:
    """How a dashboard groups people by department.

    ``within``: the path of the filtered department ("" for the whole
    organisation); ``length``: the path length of a group (the departments one
    level below ``within``), None for one group of everyone; ``step``: characters
    per tree level. People of ``within`` itself form a group of its own path.
    """

    within: str
    length: int | None
    step: int

    def group_of(self, path: str) -> tuple[str, str] | None:
        """The published cell holding someone of department ``path``: ("subtree",
        prefix) or ("direct", path); None when outside the filter."""
        if self.length is None:
            return ("subtree", "")
        if path == self.within:
            return ("direct", path)
        if path.startswith(self.within):
            return ("subtree", path[: self.length])
        return None


def tree_cells(
    direct: pd.DataFrame, *, by: list[str], counts: list[str], step: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every department cell of a tree as one count per row, and how they add up.

    ``direct``: per ``by`` and ``path``, the ``counts`` (first: the row total) of
    people belonging to that department itself. Returns ``cells`` (columns ``by``,
    kind "direct"/"subtree", path, column, value) and ``relations`` for
    ``suppress_linked``: a department's subtree is its own people plus its
    children's subtrees, for every count; a row total is the sum of the others.
    """
    ancestors = direct.assign(
        prefix=direct["path"].map(lambda p: [p[:n] for n in range(0, len(p) + 1, step)])
    ).explode("prefix")
    subtree = (
        ancestors.groupby([*by, "prefix"], as_index=False)[counts]
        .sum()
        .rename(columns={"prefix": "path"})
    )
    nodes = pd.concat(
        [direct.assign(kind="direct"), subtree.assign(kind="subtree")],
        ignore_index=True,
    )
    cells = nodes.melt(
        id_vars=[*by, "kind", "path"],
        value_vars=counts,
        var_name="column",
        value_name="value",
    ).reset_index(drop=True)
    cells["cell"] = cells.index
    in_tree = cells.assign(
        parent=cells["path"].where(
            cells["kind"] == "direct", cells["path"].str[:-step]
        ),
        total=False,
    )
    in_tree = in_tree[(in_tree["kind"] == "direct") | (in_tree["path"] != "")]
    totals = cells[cells["kind"] == "subtree"].assign(
        parent=lambda f: f["path"], total=True
    )
    tree = pd.concat([in_tree, totals], ignore_index=True)
    tree_key = [*by, "parent", "column"]
    rows = cells.assign(total=cells["column"] == counts[0])
    row_key = [*by, "kind", "path"]
    relations = pd.concat(
        [
            pd.DataFrame(
                {
                    "relation": "t" + tree.groupby(tree_key).ngroup().astype(str),
                    "cell": tree["cell"],
                    "total": tree["total"],
                }
            ),
            pd.DataFrame(
                {
                    "relation": "r" + rows.groupby(row_key).ngroup().astype(str),
                    "cell": rows["cell"],
                    "total": rows["total"],
                }
            ),
        ],
        ignore_index=True,
    )
    return cells, relations
