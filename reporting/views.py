from __future__ import annotations

import json
from typing import Any

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from courses.queries import courses_for_gaps, recommended_courses
from lms.queries import reports_of
from reporting import charts, exports, frames
from reporting import dashboard as dashboard_data
from reporting.forms import DashboardFilterForm
from reporting.models import SummaryRefresh
from reporting.queries import (
    framework_labels,
    month_start,
    network_area_rows,
    network_growth_rows,
    network_rows,
    network_towns,
    officials_training_rows,
    scope_for,
)
from skills.models import Competence
from skills.queries import (
    current_framework_version,
    current_levels,
    gaps_for_people,
    history_of,
)

# plotly.js injects its own stylesheet at run time; scripts stay 'self' only.
chart_page = csp_update({"style-src": ["'unsafe-inline'"]})


@login_required
@chart_page
def my_skills(request: HttpRequest) -> HttpResponse:
    """Current vs expected levels (radar), levels over time (lines), the evidence
    behind each level, and the courses that close the largest gaps."""
    version = current_framework_version()
    if version is None or request.user.is_elected:
        raise Http404
    levels = current_levels(request.user, version)
    scale = list(version.levels.all())
    top = len(scale)
    level_frame = frames.levels_frame(
        {
            "code": i.competence.code,
            "name": i.competence.name,
            "level": i.level,
            "expected": i.expected,
        }
        for i in levels
    )
    radar = charts.skills_radar(
        level_frame, top=top, labels={"level": _("My level"), "expected": _("Expected")}
    )
    history = charts.skills_history(
        frames.history_frame(history_of(request.user, version)),
        top=top,
        title=_("Level"),
        chart_title=_("My level per competence, month by month"),
        names={i.competence.code: str(i.competence) for i in levels},
        axes=charts.Axes(
            month=dashboard_data.month_label,
            levels={0: "0", **{lv.number: str(lv) for lv in scale}},
        ),
    )
    return render(
        request,
        "reporting/my_skills.html",
        {
            "version": version,
            "levels": levels,
            "radar": json.loads(radar.to_json()),
            "history": json.loads(history.to_json()),
            "recommendations": recommended_courses(request.user, levels),
            "gaps": sum(1 for item in levels if item.gap),
        },
    )


@login_required
def team_skills(request: HttpRequest) -> HttpResponse:
    """A manager's team: total gap per competence (this month's snapshots) and
    the courses that close the largest ones."""
    version = current_framework_version()
    team = reports_of(request.user)
    if version is None or not team.exists():
        raise Http404
    gaps = gaps_for_people(team, version)
    competences = {c.pk: c for c in Competence.objects.filter(pk__in=gaps)}
    rows = sorted(
        (
            {"competence": competences[pk], "gap": gap}
            for pk, gap in gaps.items()
            if gap
        ),
        key=lambda row: (-row["gap"], row["competence"].code),
    )
    return render(
        request,
        "reporting/team_skills.html",
        {
            "rows": rows,
            "team_size": team.count(),
            "recommendations": courses_for_gaps(request.user, gaps),
        },
    )


DATASETS = ("growth", "gaps", "distribution", "compliance", "activity", "funnel")


@login_required
@chart_page
def dashboard(request: HttpRequest, view: str = "hr") -> HttpResponse:
    """HR (own organisation), council (organisation-wide only) or a manager's team."""
    organisation_id = _int(request.GET.get("organisation"))
    labels = framework_labels()
    form = DashboardFilterForm(
        request.GET or None,
        organisation=request.user.organisation,
        competences=labels.competences,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    if view != "hr":
        filters = {
            k: v for k, v in filters.items() if k in ("months", "area", "competence")
        }
    scope = scope_for(
        request.user, view=view, organisation_id=organisation_id, filters=filters
    )
    data = dashboard_data.build(scope, labels)
    group = _("Person") if view == "team" else _("Department")
    export = request.GET.get("export")
    if export in DATASETS:
        table = dashboard_data.table(
            data[export], export, group_title=group, labels=labels, month=_iso_month
        )
        fmt = request.GET.get("format", "csv")
        return exports.response(
            table, town=scope.organisation.slug, dataset=export, fmt=fmt
        )
    return render(
        request,
        "reporting/dashboard.html",
        {
            "view": view,
            "scope": scope,
            "too_few": scope.filtered and data["growth"].empty,
            "k": frames.K_ANONYMITY,
            "form": form,
            "competence_choices": form.competence_map,
            "figures": {
                f"{k}-data": v
                for k, v in dashboard_data.figures(data, labels=labels).items()
            },
            "empty": dashboard_data.empty_states(data, scope),
            "headlines": (
                dashboard_data.headlines(data, officials_training_rows(scope))
                if view == "council"
                else None
            ),
            "tables": dashboard_data.tables(data, group_title=group, labels=labels),
            "peer": (dashboard_data.peer_learning(scope) if view != "team" else None),
            "datasets": DATASETS,
            "refreshed": SummaryRefresh.objects.order_by("-finished_at").first(),
        },
    )


@login_required
@chart_page
def network(request: HttpRequest) -> HttpResponse:
    """Towns that share their indicators, compared in charts and a table, each
    figure describing at least k people."""
    towns = network_towns(request.user)
    names = [town.name for town in towns]
    frame = frames.network_frame(network_rows(towns), towns=names)
    data = dashboard_data.network(
        names,
        framework_labels(),
        growth_rows=network_growth_rows(towns, month_start(12)),
        area_rows=network_area_rows(towns),
    )
    town = _("Town")
    return render(
        request,
        "reporting/network.html",
        {
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
        },
    )


def _iso_month(month: Any) -> str:
    """Months in a download: 2026-12, which every spreadsheet sorts."""
    return f"{month:%Y-%m}"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
