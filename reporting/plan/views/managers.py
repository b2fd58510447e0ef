"""HR names and removes the town's plan managers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.http import AuthenticatedHttpRequest
from reporting.plan import actions, forms
from reporting.plan.queries import (
    access_plan_manager_for,
    plan_managers_of,
    require_appointer,
)
from reporting.plan.views.common import _apply_errors

# --- plan managers -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def managers(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR of the town lists its plan managers and names another among the
    town's active people. A person who is not one of them (another town's, a
    forged id) is not found: 404, the page says why, nothing is written."""
    require_appointer(request.user)
    form = forms.PlanManagerForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            manager = actions.appoint_plan_manager(
                form.cleaned_data["person"], by=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now a plan manager.")
                % {"person": _full_name(manager.person)},
            )
            return redirect("plan:managers")
    return render(
        request,
        "plan/managers.html",
        {"managers": plan_managers_of(request.user), "form": form},
        status=_status(form),
    )


def _status(form: forms.PlanManagerForm) -> int:
    """200 for the page; for a refused naming, 404 when the person is not one
    of the town's active people (another town's, a forged id), else 400."""
    if not form.is_bound:
        return 200
    codes = {e.code for e in form.errors.as_data().get("person", [])}
    return 404 if "invalid_choice" in codes else 400


@require_POST
@login_required
def manager_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    manager = access_plan_manager_for(request.user, pk)
    actions.remove_plan_manager(manager)
    messages.success(
        request,
        _("%(person)s is no longer a plan manager.")
        % {"person": _full_name(manager.person)},
    )
    return redirect("plan:managers")


def _full_name(person: Any) -> str:
    return str(person.get_full_name() or person.username)
