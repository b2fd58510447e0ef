from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import conditional_page

from lms.http import AuthenticatedHttpRequest
from lms.queries import reports_of
from reporting import context, exports
from reporting import dashboard as dashboard_data
from reporting.dashboard import parts
from reporting.forms import DashboardFilterForm
from reporting.queries import FrameworkLabels, Scope, framework_labels, scope_for
from skills.models import FrameworkVersion
from skills.queries import current_framework_version

if TYPE_CHECKING:
    import pandas as pd

_CHART_CSP = csp_update({"style-src": ["'unsafe-inline'"]})
View = TypeVar("View", bound=Callable[..., HttpResponse])


def chart_page(view: View) -> View:
    """plotly.js injects its own stylesheet at run time; scripts stay 'self' only."""
    return cast(View, _CHART_CSP(view))


@login_required
@chart_page
def my_skills(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Current vs expected levels and the evidence behind each, and the courses
    that close the largest gaps; the radar and the levels over time come from
    ``my_skills_part``."""
    version = _my_framework_version(request)
    return render(
        request,
        "reporting/my_skills.html",
        context.my_skills(request.user, version, session_key=_session_key(request)),
    )


@login_required
@conditional_page
def my_skills_part(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    """One figure of My skills as JSON for the page's script: its plotly figure
    and its table as HTML, always the person's own (the URL names nobody).
    Kept by the browser for a day when the version it was asked for is still
    what it shows (``parts.cache_control``)."""
    part = _my_skills_part(request, name)
    html = render_to_string("reporting/includes/part.html", part)
    response = JsonResponse(
        {"figure": part["figure"], "html": html, "empty": bool(part["empty"])}
    )
    current = request.GET.get("v") == part["stamp"]
    patch_cache_control(response, **parts.cache_control(name, current=current))
    return response


@login_required
def my_skills_part_page(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    """The same table as a page of its own, for a browser without JavaScript."""
    return render(
        request, "reporting/my_skills_part.html", _my_skills_part(request, name)
    )


def _my_skills_part(request: AuthenticatedHttpRequest, name: str) -> dict[str, Any]:
    if name not in parts.MY_SKILLS_PARTS:
        raise Http404
    version = _my_framework_version(request)
    return context.my_skills_part(
        request.user, version, name, session_key=_session_key(request)
    )


def _my_framework_version(request: AuthenticatedHttpRequest) -> FrameworkVersion:
    """The framework My skills shows (404: none yet, or an elected official,
    who has no skills page)."""
    version = current_framework_version()
    if version is None or request.user.is_elected:
        raise Http404
    return version


def _session_key(request: AuthenticatedHttpRequest) -> str:
    return request.session.session_key or ""


@login_required
def team_skills(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A manager's team: total gap per competence (this month's snapshots) and
    the courses that close the largest ones."""
    version = current_framework_version()
    team = reports_of(request.user)
    if version is None or not team.exists():
        raise Http404
    return render(
        request,
        "reporting/team_skills.html",
        context.team_skills(request.user, team, version),
    )


DATASETS = context.DATASETS


@login_required
@chart_page
def dashboard(request: AuthenticatedHttpRequest, view: str = "hr") -> HttpResponse:
    """HR (own organisation), council (organisation-wide only) or a manager's
    team; each chart's figures and table come from ``dashboard_part``."""
    labels = framework_labels()
    form, scope = _dashboard_scope(request, view, labels)
    export = request.GET.get("export")
    if export in DATASETS:
        frame = dashboard_data.build(scope, labels, only=(export,))[export]
        return _dashboard_export(request, view, scope, frame, export, labels)
    return render(
        request,
        "reporting/dashboard.html",
        context.dashboard(
            view=view,
            scope=scope,
            labels=labels,
            form=form,
            params=request.GET,
            session_key=_session_key(request),
        ),
    )


@login_required
@conditional_page
def dashboard_part(
    request: AuthenticatedHttpRequest, name: str, view: str = "hr"
) -> HttpResponse:
    """One chart of a dashboard as JSON for the page's script: its plotly
    figure, and its table (or why it is empty) as HTML. Who may ask, and the
    filters, are the dashboard's own; how long the browser keeps it:
    ``parts.cache_control``. No CSRF token or other secret in it."""
    part = _dashboard_part(request, view, name)
    html = render_to_string("reporting/includes/part.html", part)
    response = JsonResponse(
        {"figure": part["figure"], "html": html, "empty": bool(part["empty"])}
    )
    patch_cache_control(response, **parts.cache_control(name))
    return response


@login_required
def dashboard_part_page(
    request: AuthenticatedHttpRequest, name: str, view: str = "hr"
) -> HttpResponse:
    """The same table as a page of its own, for a browser without JavaScript."""
    part = _dashboard_part(request, view, name)
    part["back"] = reverse(f"reporting:{parts.PAGES[view]}")
    part["query"] = parts.filters_query(request.GET)
    return render(request, "reporting/dashboard_part.html", part)


def _dashboard_part(
    request: AuthenticatedHttpRequest, view: str, name: str
) -> dict[str, Any]:
    if name not in DATASETS:
        raise Http404
    labels = framework_labels()
    _form, scope = _dashboard_scope(request, view, labels)
    return context.dashboard_part(view=view, scope=scope, name=name, labels=labels)


def _dashboard_scope(
    request: AuthenticatedHttpRequest, view: str, labels: FrameworkLabels
) -> tuple[DashboardFilterForm, Scope]:
    """The filter form and what the person may see with it (or 403), for the
    dashboard and each of its parts alike."""
    form, filters = context.dashboard_filters(
        request.GET, view=view, organisation=request.user.organisation, labels=labels
    )
    scope = scope_for(
        request.user,
        view=view,
        organisation_id=_int(request.GET.get("organisation")),
        filters=filters,
    )
    return form, scope


def _dashboard_export(
    request: AuthenticatedHttpRequest,
    view: str,
    scope: Scope,
    frame: pd.DataFrame,
    dataset: str,
    labels: FrameworkLabels,
) -> HttpResponse:
    """One of the dashboard's datasets as a download (``?format=``, CSV default)."""
    table = dashboard_data.table(
        frame,
        dataset,
        group_title=context.dashboard_group(view),
        labels=labels,
        month=_iso_month,
    )
    return exports.response(
        table,
        town=scope.organisation.slug,
        dataset=dataset,
        fmt=request.GET.get("format", "csv"),
    )


@login_required
@chart_page
def network(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Towns that share their indicators, compared in charts and a table, each
    figure describing at least k people."""
    return render(
        request,
        "reporting/network.html",
        context.network(request.user, framework_labels()),
    )


def _iso_month(month: dt.date) -> str:
    """Months in a download: 2026-12, which every spreadsheet sorts."""
    return f"{month:%Y-%m}"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
