"""Pilots: record, read, decide, scale into a plan action, share."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import AuthenticatedHttpRequest
from reporting.plan import actions, forms
from reporting.plan.models import Pilot
from reporting.plan.queries import (
    access_pilot_for,
    may_write_plans,
    pilot_team_growth,
    require_writer,
    visible_community_ids,
)
from reporting.plan.views.common import _apply_errors, _error, _form_page

# --- pilots ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def pilot_edit(
    request: AuthenticatedHttpRequest, pk: int | None = None
) -> HttpResponse:
    require_writer(request.user)
    pilot = access_pilot_for(request.user, pk, write=True) if pk else Pilot()
    form = forms.PilotForm(request.POST or None, instance=pilot, user=request.user)
    if form.is_valid():
        try:
            pilot = actions.save_pilot(
                form.save(commit=False),
                by=request.user,
                team=form.cleaned_data["team"],
                competences=form.cleaned_data["competences"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The pilot is saved."))
            return redirect(pilot)
    back = pilot.get_absolute_url() if pilot.pk else "../"
    return _form_page(request, form, title=_("Pilot"), back=back)


@require_GET
@login_required
def pilot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk)
    return render(request, "plan/pilot_detail.html", _pilot_context(request, pilot))


def _pilot_context(request: AuthenticatedHttpRequest, pilot: Pilot) -> dict[str, Any]:
    """The pilot page: the pilot, its team's growth, its actions, its practice,
    and the forms of those who may write."""
    may_write = may_write_plans(request.user)
    practice = getattr(pilot, "practice", None)
    return {
        "pilot": pilot,
        "team_size": pilot.team.count(),
        "competences": pilot.competences.all(),
        "growth": pilot_team_growth(pilot),
        "actions": pilot.actions.select_related("plan"),
        "practice": practice,
        "may_write": may_write,
        "decision_form": forms.DecisionForm(
            initial={"decision": pilot.decision, "results": pilot.results}
        )
        if may_write
        else None,
        "publish_form": forms.PublishForm(user=request.user, pilot=pilot)
        if may_write and practice is None
        else None,
        "community_form": forms.PracticeCommunityForm(
            instance=practice, user=request.user, pilot=pilot
        )
        if may_write and practice is not None
        else None,
        "community_visible": bool(
            practice and visible_community_ids(request.user, [practice])
        ),
    }


@require_POST
@login_required
def pilot_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk, write=True)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and describe the results."))
        return redirect(pilot)
    try:
        actions.decide_pilot(pilot, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect(pilot)


@require_http_methods(["GET", "POST"])
@login_required
def pilot_scale(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk, write=True)
    form = forms.ScaleForm.for_pilot(request.POST or None, pilot, user=request.user)
    if form.is_valid():
        try:
            action = actions.scale_pilot(
                pilot,
                plan=form.cleaned_data["plan"],
                action=form.save(commit=False),
                competences=list(form.cleaned_data["competences"]),
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The pilot is now an action of the plan."))
            return redirect(action)
    return _form_page(
        request,
        form,
        title=_("Scale “%(pilot)s” into a plan action") % {"pilot": pilot},
        back=pilot.get_absolute_url(),
    )


@require_POST
@login_required
def pilot_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk, write=True)
    form = forms.PublishForm(request.POST, user=request.user, pilot=pilot)
    if not form.is_valid():
        messages.error(
            request,
            _("Say what other towns should know.")
            if "summary" in form.errors
            else _("Choose a community open to your network."),
        )
        return redirect(pilot)
    try:
        actions.publish_practice(
            pilot,
            by=request.user,
            summary=form.cleaned_data["summary"],
            community=form.cleaned_data["community"],
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The practice is shared with your network."))
    return redirect(pilot)
