"""Back-office views for HR: the people import and export, inside the Wagtail admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms import actions
from lms.forms import PeopleImportForm
from lms.http import AuthenticatedHttpRequest
from lms.models import ImportJob, User
from lms.people_file import export_file
from lms.queries import (
    access_organisation_for,
    exported_people,
    organisations_administered_by,
)


def _access_job_for(user: User, pk: int) -> ImportJob:
    job = (
        ImportJob.objects.filter(
            pk=pk, organisation__in=organisations_administered_by(user)
        )
        .defer("content")
        .first()
    )
    if job is None:
        raise Http404
    return job


def _require_hr(request: AuthenticatedHttpRequest) -> None:
    if not organisations_administered_by(request.user).exists():
        raise PermissionDenied


def people_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_hr(request)
    form = PeopleImportForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = actions.start_people_import(
            form.cleaned_data["organisation"],
            uploaded_by=request.user,
            filename=upload.name,
            content=upload.read(),
            deactivate_missing=form.cleaned_data["deactivate_missing"],
        )
        return redirect("lms_admin:import-detail", job.pk)
    jobs = ImportJob.objects.filter(
        organisation__in=organisations_administered_by(request.user)
    ).defer("content")[:10]
    return render(request, "lms/admin/people_import.html", {"form": form, "jobs": jobs})


def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _access_job_for(request.user, pk)
    return render(request, "lms/admin/import_job.html", {"job": job})


@require_GET
def import_status(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    job = _access_job_for(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "finished": job.is_finished,
            "processed_rows": job.processed_rows,
            "total_rows": job.total_rows,
            "percent": job.progress_percent,
            "waiting_for_worker": job.waiting_for_worker,
        }
    )


@require_POST
def import_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _access_job_for(request.user, pk)
    if actions.request_people_import_apply(job):
        messages.success(request, _("The import is being applied."))
    else:
        messages.error(request, _("Only a checked file without errors can be applied."))
    return redirect("lms_admin:import-detail", job.pk)


@require_GET
def people_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    organisation = access_organisation_for(request.user, pk)
    body, content_type = export_file(exported_people(organisation), fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="people-{organisation.slug}.{fmt}"'
    )
    return response
