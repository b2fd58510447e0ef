"""Peer learning on the HR dashboard and council summary: communities of
practice and mentoring, each figure describing nobody or at least k people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from reporting import frames, queries
from reporting.dashboard.data import month_label


@dataclass
class PeerPart:
    """One part of the peer-learning section: ``state`` "shown", "too_few"
    (people in it, fewer than k) or "none" (nobody yet), and its table."""

    state: str
    table: dict[str, Any]


def peer_learning(scope: queries.Scope) -> dict[str, PeerPart]:
    """The town's communities of practice per month and its mentoring, as
    tables whose figures each describe nobody or at least k people; a part
    about 1 to k−1 people shows no figure at all."""
    rows = queries.community_rows(scope)
    people = rows["people"][0]["people"]
    community = frames.community_frame(rows)
    community_table = frames.as_table(
        community,
        headers={
            "month": _("Month"),
            "active": _("Members who posted"),
            "questions": _("Questions asked"),
            "answered": _("Questions answered"),
            "accepted": _("Answers accepted"),
            "suppressed": _("Partly hidden (fewer than %(k)s people)")
            % {"k": frames.K_ANONYMITY},
        },
        month=month_label,
        yes_no=(_("yes"), _("no")),
    )
    mentoring_rows = queries.mentoring_rows(scope)
    mentoring = frames.mentoring_frame(mentoring_rows)
    mentoring_table = frames.as_table(
        mentoring,
        headers={
            "people": _("People in a mentoring"),
            "active": _("Mentorings active"),
            "finished": _("Mentorings finished"),
            "sessions": _("Sessions logged"),
            "hours": _("Hours"),
            "moved": _("Finished mentees whose level rose after (%)"),
            "suppressed": _("Partly hidden (fewer than %(k)s people)")
            % {"k": frames.K_ANONYMITY},
        },
        yes_no=(_("yes"), _("no")),
    )
    mentored = int(mentoring["people"].fillna(0).iloc[0]) or len(mentoring_rows)
    return {
        "community": PeerPart(_peer_state(people), community_table),
        "mentoring": PeerPart(_peer_state(mentored), mentoring_table),
    }


def _peer_state(people: int) -> str:
    if not people:
        return "none"
    return "shown" if people >= frames.K_ANONYMITY else "too_few"
