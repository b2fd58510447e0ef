"""What each reporting page shows, built from the queries, the frames and the
charts, so the views only check who is asking and render."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.queries import courses_for_gaps, recommended_courses
from lms.models import Organisation, User
from reporting import charts, frames
from reporting import dashboard as dashboard_data
from reporting.dashboard import parts
from reporting.forms import DashboardFilterForm
from reporting.models import SummaryRefresh
from reporting.queries import (
    FrameworkLabels,
    Scope,
    competences_by_pk,
    month_start,
    network_area_rows,
    network_growth_rows,
    network_rows,
    network_towns,
    officials_training_rows,
)
from skills.models import Competence, FrameworkVersion, ProficiencyLevel
from skills.queries import (
    CompetenceLevel,
    HistoryRow,
    competences_of,
    current_levels,
    gaps_for_people,
    history_of,
)

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

DATASETS = dashboard_data.DATASETS
DASHBOARD_FILTERS_OUTSIDE_HR = ("months", "area", "competence")


def my_skills(
    user: User, version: FrameworkVersion, *, session_key: str
) -> dict[str, Any]:
    """The page without its two figures, which arrive from URLs of their own
    (``my_skills_part``), each versioned by a digest of what it shows and of
    ``session_key``: the level per competence and why, and the courses that
    close the largest gaps."""
    levels = current_levels(user, version)
    names = {i.competence.code: str(i.competence) for i in levels}
    stamps = {
        "radar": _my_skills_stamp(_radar_rows(levels), version, session_key),
        "history": _my_skills_stamp(
            _history_data(history_of(user, version), names), version, session_key
        ),
    }
    return {
        "version": version,
        "levels": levels,
        "parts": parts.my_skills_urls(stamps),
        "recommendations": recommended_courses(user, levels),
        "gaps": sum(1 for item in levels if item.gap),
    }


def my_skills_part(
    user: User, version: FrameworkVersion, name: str, *, session_key: str
) -> dict[str, Any]:
    """One figure of My skills on its own (``name``: radar or history): its
    heading, plotly JSON (None when there is nothing to draw), table, why it is
    empty (None: it has figures) and ``stamp``, the version its URL carries
    while it shows this."""
    scale = list(version.levels.all())
    if name == "radar":
        rows = _radar_rows(current_levels(user, version))
        data: Any = rows
        figure = _radar_figure(rows, scale)
        table = {
            "header": [_("Competence"), _("My level"), _("Expected")],
            "rows": [
                [
                    f"{r['code']} {r['name']}",
                    r["level"] or frames.BLANK,
                    r["expected"] or frames.BLANK,
                ]
                for r in rows
            ],
        }
        empty = None
    else:
        names = {c.code: str(c) for c in competences_of(version)}
        data = _history_data(history_of(user, version), names)
        frame = frames.history_frame(data["rows"])
        figure = _history_figure(frame, names, scale)
        table = frames.history_table(
            frame, title=_("Competence"), names=names, month=dashboard_data.month_label
        )
        empty = None if data["rows"] else _("No month-end level recorded yet.")
    return {
        "name": name,
        "heading": parts.MY_SKILLS_HEADINGS[name],
        "figure": None if empty else json.loads(figure.to_json()),
        "table": table,
        "empty": empty,
        "stamp": _my_skills_stamp(data, version, session_key),
    }


def _radar_rows(levels: list[CompetenceLevel]) -> list[dict[str, Any]]:
    return [
        {
            "code": i.competence.code,
            "name": i.competence.name,
            "level": i.level,
            "expected": i.expected,
        }
        for i in levels
    ]


def _history_data(rows: list[HistoryRow], names: dict[str, str]) -> dict[str, Any]:
    return {"rows": rows, "names": names}


def _my_skills_stamp(data: object, version: FrameworkVersion, session_key: str) -> str:
    return parts.version(
        refreshed=parts.digest([version.pk, data]),
        today=timezone.localdate(),
        language=get_language(),
        session_key=session_key,
    )


def _radar_figure(
    rows: list[dict[str, Any]], scale: list[ProficiencyLevel]
) -> go.Figure:
    return charts.skills_radar(
        frames.levels_frame(rows),
        top=len(scale),
        labels={"level": _("My level"), "expected": _("Expected")},
    )


def _history_figure(
    frame: pd.DataFrame, names: dict[str, str], scale: list[ProficiencyLevel]
) -> go.Figure:
    return charts.skills_history(
        frame,
        top=len(scale),
        title=_("Level"),
        chart_title=_("My level per competence, month by month"),
        names=names,
        axes=charts.Axes(
            month=dashboard_data.month_label,
            levels={0: "0", **{lv.number: str(lv) for lv in scale}},
        ),
    )


class GapRow(TypedDict):
    competence: Competence
    gap: int


def team_skills(
    user: User, team: QuerySet[User], version: FrameworkVersion
) -> dict[str, Any]:
    """The team's total gap per competence (this month's snapshots), largest
    first, and the courses that close the largest ones."""
    gaps = gaps_for_people(team, version)
    competences = competences_by_pk(gaps)
    rows = sorted(
        (
            GapRow(competence=competences[pk], gap=gap)
            for pk, gap in gaps.items()
            if gap
        ),
        key=lambda row: (-row["gap"], row["competence"].code),
    )
    return {
        "rows": rows,
        "team_size": team.count(),
        "recommendations": courses_for_gaps(user, gaps),
    }


def dashboard_filters(
    params: QueryDict,
    *,
    view: str,
    organisation: Organisation | None,
    labels: FrameworkLabels,
) -> tuple[DashboardFilterForm, dict[str, Any]]:
    """The filter form and the filters that apply: all of them for HR, only the
    period, area and competence for the council and a manager's team."""
    form = DashboardFilterForm(
        params or None, organisation=organisation, competences=labels.competences
    )
    filters = form.cleaned_data if form.is_valid() else {}
    if view != "hr":
        filters = {
            k: v for k, v in filters.items() if k in DASHBOARD_FILTERS_OUTSIDE_HR
        }
    return form, filters


def dashboard(
    *,
    view: str,
    scope: Scope,
    labels: FrameworkLabels,
    form: DashboardFilterForm,
    params: QueryDict,
    session_key: str,
) -> dict[str, Any]:
    """The dashboard page without its figures and tables, which each arrive
    from a URL of their own (``parts.urls``: the filters in ``params``, a
    version from the last summary rebuild and ``session_key``): filters, the
    warning when a filter leaves too few people, peer learning (HR and council)
    and, for the council, headlines."""
    refreshed = SummaryRefresh.objects.order_by("-finished_at").first()
    stamp = parts.version(
        refreshed=refreshed.pk if refreshed else None,
        today=timezone.localdate(),
        language=get_language(),
        session_key=session_key,
    )
    only = ("growth", "compliance") if view == "council" else ("growth",)
    data = (
        dashboard_data.build(scope, labels, only=only)
        if view == "council" or scope.filtered
        else {}
    )
    return {
        "view": view,
        "scope": scope,
        "too_few": scope.filtered and data["growth"].empty,
        "k": frames.K_ANONYMITY,
        "form": form,
        "competence_choices": form.competence_map,
        "parts": parts.urls(view, params, stamp),
        "headlines": (
            dashboard_data.headlines(data, officials_training_rows(scope))
            if view == "council"
            else None
        ),
        "peer": dashboard_data.peer_learning(scope) if view != "team" else None,
        "datasets": DATASETS,
        "refreshed": refreshed,
    }


def dashboard_part(
    *, view: str, scope: Scope, name: str, labels: FrameworkLabels
) -> dict[str, Any]:
    """One dataset of a dashboard on its own: its heading, its figure (plotly
    JSON; None for the funnel, a table only, and when there is nothing to
    draw), its table, and why it is empty (None: it has figures)."""
    data = dashboard_data.build(scope, labels, only=(name,))
    empty = dashboard_data.empty_states(data, scope).get(name)
    return {
        "view": view,
        "scope": scope,
        "name": name,
        "heading": parts.HEADINGS[name],
        "figure": None
        if empty
        else dashboard_data.figures(data, labels=labels).get(name),
        "table": dashboard_data.table(
            data[name], name, group_title=dashboard_group(view), labels=labels
        ),
        "empty": empty,
        "k": frames.K_ANONYMITY,
    }


def dashboard_group(view: str) -> str:
    """What a dashboard's rows are: people for a manager's team, else departments."""
    return _("Person") if view == "team" else _("Department")


def network(user: User, labels: FrameworkLabels) -> dict[str, Any]:
    """Towns that share their indicators, compared in charts and a table, each
    figure describing at least k people."""
    towns = network_towns(user)
    names = [town.name for town in towns]
    frame = frames.network_frame(network_rows(towns), towns=names)
    data = dashboard_data.network(
        names,
        labels,
        growth_rows=network_growth_rows(towns, month_start(12)),
        area_rows=network_area_rows(towns),
    )
    town = _("Town")
    return {
        "table": dashboard_data.table(frame, "network", group_title=town),
        "tables": {
            name: dashboard_data.table(f, name, group_title=town)
            for name, f in data.items()
        },
        "figures": {
            f"{k}-data": v for k, v in dashboard_data.network_figures(data).items()
        },
        "empty": dashboard_data.empty_states(data, None),
        "k": frames.K_ANONYMITY,
    }
