"""The council summary's headline indicators, each blank under k people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils import formats
from django.utils.translation import gettext as _

from reporting import frames
from reporting.dashboard.data import month_label


@dataclass
class Headline:
    """One council indicator: its figure (None: not shown, see ``note``) and
    what it means in plain words."""

    label: str
    value: str | None
    text: str


def _percent(value: float) -> str:
    return formats.number_format(round(value), 0) + " %"


def headlines(data: dict[str, Any], officials: list[dict[str, Any]]) -> list[Headline]:
    """The council's indicators, each blank under k people (k-anonymity)."""
    k = frames.K_ANONYMITY
    hidden = _("hidden: fewer than %(k)s people") % {"k": k}
    nothing = _("no data yet")
    growth = data["growth"].dropna(subset=["share_at_or_above"])
    result = []
    if growth.empty:
        share = Headline(_("Staff at the expected level"), None, nothing)
        change = Headline(_("Change over 12 months"), None, nothing)
        people = Headline(_("People assessed"), None, nothing)
    else:
        last, first = growth.iloc[-1], growth.iloc[0]
        share = Headline(
            _("Staff at the expected level"),
            _percent(last["share_at_or_above"]),
            _(
                "of assessments meet the level expected for the person's role "
                "(%(month)s)."
            )
            % {"month": month_label(last["month"])},
        )
        points = last["share_at_or_above"] - first["share_at_or_above"]
        change = Headline(
            _("Change over 12 months"),
            ("+" if points >= 0 else "−")
            + formats.number_format(abs(round(points)), 0)
            + " "
            + _("points"),
            _("since %(month)s, in the share at the expected level.")
            % {"month": month_label(first["month"])},
        )
        people = Headline(
            _("People assessed"),
            formats.number_format(int(last["people"]), 0),
            _("members of staff with at least one assessed competence."),
        )
    result += [share, change, people]
    result.append(_done_on_time(data["compliance"], nothing, hidden))
    result.append(_officials(officials, k, nothing, hidden))
    return result


def _done_on_time(frame: pd.DataFrame, nothing: str, hidden: str) -> Headline:
    label = _("Mandatory training done on time")
    if frame.empty:
        return Headline(label, None, nothing)
    shown = frame.dropna(subset=["people", "done"])
    total = shown["people"].sum()
    if not total:
        return Headline(label, None, hidden)
    return Headline(
        label,
        _percent(100 * shown["done"].sum() / total),
        _(
            "of the people assigned a mandatory course completed it before its due date."
        ),
    )


def _officials(
    rows: list[dict[str, Any]], k: int, nothing: str, hidden: str
) -> Headline:
    label = _("Officials' own awareness track")
    total = sum(sum(row[s] for s in frames.STATUSES) for row in rows)
    done = sum(row["done"] + row["done_late"] for row in rows)
    if not total:
        return Headline(label, None, _("no course assigned to elected officials yet"))
    share = frames.headline_share(done, total, k=k)
    if share is None:
        return Headline(label, None, hidden)
    return Headline(
        label,
        _percent(share),
        _("of the courses assigned to elected officials are completed."),
    )
