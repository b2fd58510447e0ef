"""Seeing a session, signing up (oneself or a report), cancelling, and the
managers' decisions on sign-ups waiting for them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.training import actions
from courses.training.forms import DecisionForm, NominateForm
from courses.training.queries import (
    access_registration_for,
    access_session_for,
    may_answer_satisfaction,
    may_mark_attendance,
    nominable_by,
    pending_for,
    registration_of,
    seats_left,
)
from courses.training.views.feedback import report_error
from lms.http import AuthenticatedHttpRequest


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
        report_error(request, error)
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
        report_error(request, error)
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


@require_POST
@login_required
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    registration = access_registration_for(request.user, pk)
    try:
        actions.cancel(registration, by=request.user)
    except ValidationError as error:
        report_error(request, error)
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
        report_error(request, error)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("training:approvals")
