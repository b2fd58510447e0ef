from __future__ import annotations

import json
from typing import Any

import tablib
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from courses.queries import courses_for_gaps, recommended_courses
from lms.people_file import neutralise_formula
from lms.queries import reports_of
from reporting import charts, frames
from reporting import dashboard as dashboard_data
from reporting.forms import DashboardFilterForm
from reporting.models import SummaryRefresh
from reporting.queries import network_rows, scope_for
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
    top = version.levels.count()
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
    organisation = request.user.organisation
    form = DashboardFilterForm(request.GET or None, organisation=organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    if view != "hr":
        filters = {
            k: v for k, v in filters.items() if k in ("months", "area", "competence")
        }
    scope = scope_for(
        request.user, view=view, organisation_id=organisation_id, filters=filters
    )
    data = dashboard_data.build(scope)
    export = request.GET.get("export")
    if export in DATASETS:
        return _export(data[export], export, request.GET.get("format", "csv"))
    return render(
        request,
        "reporting/dashboard.html",
        {
            "view": view,
            "scope": scope,
            "form": form,
            "figures": {
                f"{k}-data": v for k, v in dashboard_data.figures(data).items()
            },
            "tables": dashboard_data.tables(data),
            "datasets": DATASETS,
            "refreshed": SummaryRefresh.objects.order_by("-finished_at").first(),
        },
    )


@login_required
def network(request: HttpRequest) -> HttpResponse:
    rows = network_rows(request.user)
    table = frames.as_table(frames.network_frame(rows))
    return render(request, "reporting/network.html", {"table": table})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _export(frame: Any, name: str, fmt: str) -> HttpResponse:
    table = frames.as_table(frame)
    dataset = tablib.Dataset(headers=table["header"])
    for row in table["rows"]:
        dataset.append([neutralise_formula(cell) for cell in row])
    if fmt == "xlsx":
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        fmt = "csv"
        response = HttpResponse(
            dataset.export("csv").encode("utf-8-sig"),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
