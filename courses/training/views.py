from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.training import actions
from courses.training.exports import download
from courses.training.forms import (
    AttendanceForm,
    DecisionForm,
    NominateForm,
    ObservedLevelsForm,
    SatisfactionForm,
    SignedSheetForm,
    YearForm,
)
from courses.training.models import Registration, SatisfactionAnswer, Training
from courses.training.pdf import attendance_sheet_pdf
from courses.training.queries import (
    access_managed_session_for,
    access_session_for,
    access_signed_sheet_for,
    attendance_sheet,
    attended_part,
    hours_report_rows,
    hours_rows,
    may_act_for,
    may_answer_satisfaction,
    may_manage_session,
    may_mark_attendance,
    nominable_by,
    observed_levels,
    pending_for,
    registration_of,
    satisfaction_results,
    seats_left,
    signed_sheets_of,
    targeted_competences,
)
from lms.http import AuthenticatedHttpRequest
from lms.models import Organisation, User
from lms.queries import organisations_administered_by


def _error(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_GET
@login_required
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_session_for(request.user, pk)
    people = nominable_by(request.user)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "slots": session.slots.all(),
            "registration": registration_of(request.user, session),
            "seats_left": seats_left(session),
            "nominate_form": NominateForm(people=people) if people.exists() else None,
            "may_manage": may_mark_attendance(request.user, session),
            "may_answer": may_answer_satisfaction(request.user, session),
        },
    )


@require_POST
@login_required
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_session_for(request.user, pk)
    try:
        registration = actions.register(request.user, session)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, registration.get_status_display())
    return redirect(session.get_absolute_url())


@require_POST
@login_required
def nominate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_session_for(request.user, pk)
    form = NominateForm(request.POST, people=nominable_by(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of the people you may nominate."))
        return redirect(session.get_absolute_url())
    person = form.cleaned_data["person"]
    try:
        registration = actions.register(person, session, by=request.user)
    except ValidationError as error:
        _error(request, error)
    except PermissionDenied:
        messages.error(
            request, _("This session is not open to %(person)s.") % {"person": person}
        )
    else:
        messages.success(
            request,
            _("%(person)s: %(status)s")
            % {"person": person, "status": registration.get_status_display()},
        )
    return redirect(session.get_absolute_url())


def _registration_for(request: AuthenticatedHttpRequest, pk: int) -> Registration:
    """A sign-up its person, their HR or managers, or the running town's HR may
    act on; 404 for anyone else."""
    registration = (
        Registration.objects.select_related("user", "session__training")
        .filter(pk=pk)
        .first()
    )
    user = request.user
    if registration is None or not (
        registration.user_id == user.pk
        or may_act_for(user, registration.user)
        or may_manage_session(user, registration.session)
    ):
        raise Http404
    return registration


@require_POST
@login_required
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    registration = _registration_for(request, pk)
    try:
        actions.cancel(registration, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Registration cancelled."))
    return redirect(registration.session.get_absolute_url())


@require_GET
@login_required
def approvals(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "training/approvals.html",
        {"pending": pending_for(request.user), "form": DecisionForm()},
    )


@require_POST
@login_required
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    registration = pending_for(request.user).filter(pk=pk).first()
    if registration is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or refuse."))
        return redirect("training:approvals")
    try:
        actions.decide(
            registration,
            by=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("training:approvals")


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    slots = list(session.slots.all())
    lines = attendance_sheet(session)
    form = AttendanceForm(request.POST or None, lines=lines, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_attendance(
                session, by=request.user, marks=form.marks(), minutes=form.minutes()
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("training:attendance", pk=session.pk)
    rows = [
        (
            line,
            [
                (
                    slot,
                    form[f"mark-{line.registration.pk}-{slot.pk}"],
                    form[f"minutes-{line.registration.pk}-{slot.pk}"],
                )
                for slot in slots
            ],
        )
        for line in lines
    ]
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "slots": slots,
            "rows": rows,
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
            _error(request, error)
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
    participants = list(
        attended_part(Registration.objects.filter(session=session))
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    competences = targeted_competences(session.training)
    form = ObservedLevelsForm(
        request.POST or None, participants=participants, competences=competences
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
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("Levels recorded: %(count)s.") % {"count": len(recorded)}
            )
            return redirect("training:observed", pk=session.pk)
    seen = observed_levels(session)
    rows = [
        (
            registration,
            [
                (
                    competence,
                    form[f"level-{registration.pk}-{competence.pk}"],
                    seen.get((registration.user_id, competence.pk)),
                )
                for competence in competences
            ],
        )
        for registration in participants
    ]
    return render(
        request,
        "training/observed.html",
        {"session": session, "rows": rows, "form": form, "competences": competences},
    )


@require_http_methods(["GET", "POST"])
@login_required
def satisfaction(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A participant who attended answers the questionnaire, once."""
    session = access_session_for(request.user, pk)
    registration = registration_of(request.user, session)
    if registration is None or not may_answer_satisfaction(request.user, session):
        messages.info(request, _("There is no questionnaire for you to answer here."))
        return redirect(session.get_absolute_url())
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_satisfaction(
                registration,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Thank you for your answer."))
        return redirect(session.get_absolute_url())
    return render(
        request, "training/satisfaction.html", {"session": session, "form": form}
    )


@require_GET
@login_required
def satisfaction_results_view(
    request: AuthenticatedHttpRequest, pk: int
) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    return render(
        request,
        "training/satisfaction_results.html",
        {
            "session": session,
            "results": satisfaction_results(session),
            "questions": len(SatisfactionAnswer.QUESTIONS),
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


def _administered_town(user: User) -> Organisation:
    """The HR admin's own town; 403 for anyone else."""
    organisation = user.organisation
    if organisation is None or not (
        organisations_administered_by(user).filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied
    return organisation


@require_GET
@login_required
def hours_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """CSV of training hours per person of the HR admin's town for a year."""
    organisation = _administered_town(request.user)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        return HttpResponse(_("Give a year between 2000 and 2100."), status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="training-hours-{organisation.slug}-{year}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Employee number"),
            _("Last name"),
            _("First name"),
            _("Department"),
            _("Kind"),
            _("Sessions"),
            _("Hours"),
        ]
    )
    for row in hours_rows(organisation, year):
        writer.writerow(
            [
                row["employee_number"] or "",
                row["last_name"],
                row["first_name"],
                row["department"] or "",
                row["kind"],
                row["sessions"],
                f"{row['minutes'] / 60:.2f}",
            ]
        )
    return response


def _report_table(
    organisation: Organisation, year: int
) -> tuple[list[str], list[list[Any]]]:
    providers = dict(Training.Provider.choices)
    header = [
        str(_("Department")),
        str(_("Given by")),
        str(_("People")),
        str(_("Sessions")),
        str(_("Hours")),
    ]
    rows: list[list[Any]] = [
        [
            row["department"]
            or (
                str(_("Elected officials"))
                if row["kind"] == User.Kind.ELECTED
                else str(_("No department"))
            ),
            str(providers.get(row["provider"], row["provider"])),
            row["people"],
            row["sessions"],
            round(row["minutes"] / 60, 2),
        ]
        for row in hours_report_rows(organisation, year)
    ]
    return header, rows


def _year_of(request: AuthenticatedHttpRequest) -> int | None:
    form = YearForm(request.GET or {"year": timezone.localdate().year})
    return form.cleaned_data["year"] if form.is_valid() else None


@require_GET
@login_required
def hours_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR: the town's training hours by department and by who gave them."""
    organisation = _administered_town(request.user)
    year = _year_of(request)
    header, rows = _report_table(organisation, year) if year else ([], [])
    return render(
        request,
        "training/hours_report.html",
        {
            "organisation": organisation,
            "form": YearForm(request.GET or {"year": timezone.localdate().year}),
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
    organisation = _administered_town(request.user)
    year = _year_of(request)
    if year is None or fmt not in {"csv", "xlsx"}:
        return HttpResponse(_("Give a year between 2000 and 2100."), status=400)
    header, rows = _report_table(organisation, year)
    return download(
        header,
        rows,
        name=f"{organisation.slug}_training-hours_{year}",
        sheet=str(_("Training hours")),
        fmt=fmt,
    )
