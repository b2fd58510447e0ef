"""The organiser's side of a session: attendance marks, the attendance sheet
(page, PDF, signed scans) and the levels observed at the session."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.training import actions
from courses.training.forms import AttendanceForm, ObservedLevelsForm, SignedSheetForm
from courses.training.models import TrainingSession
from courses.training.pdf import attendance_sheet_pdf
from courses.training.queries import (
    access_managed_session_for,
    access_signed_sheet_for,
    attendance_sheet,
    observed_levels,
    observed_participants,
    signed_sheets_of,
    targeted_competences,
)
from courses.training.views.feedback import report_error
from lms.http import AuthenticatedHttpRequest


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    lines, slots = attendance_sheet(session), list(session.slots.all())
    form = AttendanceForm(request.POST or None, lines=lines, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_attendance(
                session, by=request.user, marks=form.marks(), minutes=form.minutes()
            )
        except (ValidationError, PermissionDenied) as error:
            report_error(request, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("training:attendance", pk=session.pk)
    return _attendance_page(request, session, form)


def _attendance_page(
    request: AuthenticatedHttpRequest, session: TrainingSession, form: AttendanceForm
) -> HttpResponse:
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "slots": form.slots,
            "rows": form.grid(),
            "form": form,
            "sheet_form": SignedSheetForm(),
            "signed_sheets": signed_sheets_of(session),
        },
    )


@require_POST
@login_required
def upload_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    form = SignedSheetForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the scan to upload."))
    else:
        try:
            actions.upload_signed_sheet(
                session, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Signed sheet uploaded."))
    return redirect("training:attendance", pk=session.pk)


@require_GET
@login_required
def signed_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The scan, as an attachment of the type its content was found to be."""
    sheet = access_signed_sheet_for(request.user, pk)
    response = HttpResponse(bytes(sheet.data), content_type=sheet.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(True, sheet.name) or "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def observed(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The trainer or HR records the levels they observed at the session."""
    session = access_managed_session_for(request.user, pk)
    form = ObservedLevelsForm(
        request.POST or None,
        participants=observed_participants(session),
        competences=targeted_competences(session.training),
    )
    if request.method == "POST" and form.is_valid():
        try:
            recorded = actions.record_observed_levels(
                session,
                by=request.user,
                levels=form.levels(),
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            report_error(request, error)
        else:
            messages.success(
                request, _("Levels recorded: %(count)s.") % {"count": len(recorded)}
            )
            return redirect("training:observed", pk=session.pk)
    return _observed_page(request, session, form)


def _observed_page(
    request: AuthenticatedHttpRequest,
    session: TrainingSession,
    form: ObservedLevelsForm,
) -> HttpResponse:
    return render(
        request,
        "training/observed.html",
        {
            "session": session,
            "rows": form.grid(observed_levels(session)),
            "form": form,
            "competences": form.competences,
        },
    )


@require_GET
@login_required
def sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    return render(
        request,
        "training/sheet.html",
        {
            "session": session,
            "slots": list(session.slots.all()),
            "lines": attendance_sheet(session),
        },
    )


@require_GET
@login_required
def sheet_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    body = attendance_sheet_pdf(
        session,
        list(session.slots.all()),
        attendance_sheet(session),
        language=request.LANGUAGE_CODE,
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="attendance-sheet-{session.pk}.pdf"'
    )
    return response
