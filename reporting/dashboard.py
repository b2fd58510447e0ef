"""The glue between queries, frames and charts for every dashboard view."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from reporting import charts, frames, queries


def build(scope: queries.Scope) -> dict[str, Any]:
    """Every dataset of a dashboard as frames (small cells already blanked)."""
    names = queries.group_names(scope) if scope.team is None else {}
    total = _("Team") if scope.team is not None else scope.organisation.name
    return {
        "growth": frames.growth_frame(
            queries.growth_rows(scope), names=names, total_label=total
        ),
        "gaps": frames.heatmap_frame(
            queries.heatmap_rows(scope), names=names, total_label=total
        ),
        "distribution": frames.distribution_frame(queries.distribution_rows(scope)),
        "compliance": frames.compliance_frame(
            queries.compliance_rows(scope), names=names
        ),
        "activity": frames.activity_frame(queries.activity_rows(scope)),
        "funnel": frames.funnel_frame(queries.funnel_rows(scope)),
    }


STATUS_LABELS = {
    "done": "Done on time",
    "done_late": "Done late",
    "in_progress": "In progress",
    "late": "Late",
    "not_started": "Not started",
}


def figures(data: dict[str, Any]) -> dict[str, Any]:
    built = {
        "growth": charts.growth_lines(
            data["growth"], title=_("Share at or above the expected level"), y_title="%"
        ),
        "gaps": charts.gap_heatmap(
            data["gaps"], title=_("Gap to expectations (levels)"), colour_title=_("Gap")
        ),
        "distribution": charts.level_distribution(
            data["distribution"],
            title=_("People per level, by quarter"),
            level_label=_("Level"),
        ),
        "compliance": charts.compliance_bars(
            data["compliance"],
            title=_("Mandatory training"),
            labels={key: _(label) for key, label in STATUS_LABELS.items()},
        ),
        "activity": charts.activity_lines(
            data["activity"],
            title=_("Learning activity"),
            labels={"active": _("Active learners"), "completions": _("Completions")},
        ),
    }
    return {name: json.loads(figure.to_json()) for name, figure in built.items()}


def tables(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Text alternatives of every chart (see ``frames.as_table``)."""
    return {name: frames.as_table(frame) for name, frame in data.items()}
