"""The network view: towns that share their indicators, compared."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from reporting import charts, frames, queries
from reporting.dashboard.data import _json, month_label


def network(
    towns: list[str],
    labels: queries.FrameworkLabels,
    *,
    growth_rows: list[dict[str, Any]],
    area_rows: list[dict[str, Any]],
) -> dict[str, Any]:
    """The network view's frames: growth per town, gap per town and area."""
    areas = {code: f"{code} {name}" for _c, _n, code, name in labels.competences}
    growth = frames.growth_frame(
        growth_rows, names={t: t for t in towns}, total_label=""
    )
    gaps = frames.area_gap_frame(area_rows)
    gaps["area"] = gaps["area"].map(lambda a: areas.get(a, a))
    return {"growth": growth, "gaps": gaps}


def network_figures(data: dict[str, Any]) -> dict[str, Any]:
    axes = charts.Axes(month=month_label)
    return {
        "growth": _json(
            charts.growth_lines(
                data["growth"],
                title=_("Share of people at or above the expected level, per town"),
                y_title=_("Share at or above the expected level"),
                axes=axes,
            )
        ),
        "gaps": _json(
            charts.gap_heatmap(
                data["gaps"],
                title=_("Mean gap to the expected level, by town and competence area"),
                colour_title=_("Gap (levels)"),
                column="area",
            )
        ),
    }
