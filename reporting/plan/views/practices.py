"""Practices shared across the network: read, link to a community, adopt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import AuthenticatedHttpRequest
from reporting.plan import actions, forms
from reporting.plan.queries import (
    access_practice_for,
    may_write_plans,
    visible_community_ids,
)
from reporting.plan.views.common import _apply_errors, _error, _form_page

# --- the network -------------------------------------------------------------


@require_GET
@login_required
def practice_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A practice of the network: what it is, who credits it, where it is
    discussed (HR and officials of the towns of the network)."""
    practice = access_practice_for(request.user, pk, write=False)
    return render(
        request,
        "plan/practice_detail.html",
        {
            "practice": practice,
            "competences": practice.pilot.competences.all(),
            "community_visible": bool(visible_community_ids(request.user, [practice])),
            "may_adopt": may_write_plans(request.user)
            and practice.organisation_id != request.user.organisation_id,
        },
    )


@require_POST
@login_required
def practice_community(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """HR of the practice's own town names the community where it is discussed."""
    practice = access_practice_for(request.user, pk)
    if practice.organisation_id != request.user.organisation_id:
        raise Http404
    form = forms.PracticeCommunityForm(
        request.POST, instance=practice, user=request.user, pilot=practice.pilot
    )
    if not form.is_valid():
        messages.error(request, _("Choose a community open to your network."))
        return redirect(practice.pilot)
    try:
        actions.link_practice_to_community(practice, form.cleaned_data["community"])
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The community of the practice is saved."))
    return redirect(practice.pilot)


@require_http_methods(["GET", "POST"])
@login_required
def practice_adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = access_practice_for(request.user, pk)
    form = forms.AdoptForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            action = actions.adopt_practice(practice, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The practice is now an action of your plan."))
            return redirect(action)
    return _form_page(
        request,
        form,
        title=_("Adopt “%(pilot)s”, a practice of %(town)s")
        % {"pilot": practice.pilot, "town": practice.organisation},
        back="../../",
    )
