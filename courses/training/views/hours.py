"""HR's view of its town's training hours: the per-person CSV and the report by
department and by who gave the training."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.training.exports import download, hours_csv, hours_report_table
from courses.training.forms import YearForm
from courses.training.queries import access_administered_town_for
from lms.http import AuthenticatedHttpRequest


def _csv_year(request: AuthenticatedHttpRequest) -> int | None:
    """``?year=`` (this year when absent), or None when it is not 2000 to 2100."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


@require_GET
@login_required
def hours_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """CSV of training hours per person of the HR admin's town for a year."""
    organisation = access_administered_town_for(request.user)
    year = _csv_year(request)
    if year is None:
        return HttpResponse(_("Give a year between 2000 and 2100."), status=400)
    return hours_csv(organisation, year)


def _year_form(request: AuthenticatedHttpRequest) -> YearForm:
    return YearForm(request.GET or {"year": timezone.localdate().year})


def _year_of(request: AuthenticatedHttpRequest) -> int | None:
    form = _year_form(request)
    return form.cleaned_data["year"] if form.is_valid() else None


@require_GET
@login_required
def hours_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR: the town's training hours by department and by who gave them."""
    organisation = access_administered_town_for(request.user)
    year = _year_of(request)
    header, rows = hours_report_table(organisation, year) if year else ([], [])
    return render(
        request,
        "training/hours_report.html",
        {
            "organisation": organisation,
            "form": _year_form(request),
            "year": year,
            "header": header,
            "rows": rows,
            "total": round(sum(row[4] for row in rows), 2),
        },
        status=200 if year else 400,
    )


@require_GET
@login_required
def hours_report_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    organisation = access_administered_town_for(request.user)
    year = _year_of(request)
    if year is None or fmt not in {"csv", "xlsx"}:
        return HttpResponse(_("Give a year between 2000 and 2100."), status=400)
    header, rows = hours_report_table(organisation, year)
    return download(
        header,
        rows,
        name=f"{organisation.slug}_training-hours_{year}",
        sheet=str(_("Training hours")),
        fmt=fmt,
    )
