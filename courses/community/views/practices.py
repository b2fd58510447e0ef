"""Practice sheets and intercity challenges, as the network reads them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.community import actions, forms, queries
from courses.community.models import Challenge
from lms.http import AuthenticatedHttpRequest


@require_GET
@login_required
def sheet_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    sheets = (
        queries.sheets_visible_to(request.user)
        .select_related("organisation")
        .prefetch_related("competences")
    )
    return render(request, "community/sheet_list.html", {"sheets": sheets})


@require_GET
@login_required
def sheet_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sheet = queries.access_sheet_for(request.user, pk)
    return render(request, "community/sheet_detail.html", {"sheet": sheet})


@require_http_methods(["GET", "POST"])
@login_required
def challenge_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    town = user.organisation
    may_post = town is not None and queries.may_speak_for_town(user, town)
    form = forms.ChallengeForm(request.POST or None, user=user) if may_post else None
    if request.method == "POST":
        if form is None or town is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                challenge = actions.post_challenge(
                    user, organisation=town, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(challenge.get_absolute_url())
    challenges = queries.challenges_visible_to(user).select_related("organisation")
    return render(
        request,
        "community/challenge_list.html",
        {"challenges": challenges, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def challenge_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    challenge = queries.access_challenge_for(request.user, pk)
    town = challenge.organisation
    may_record = queries.may_speak_for_town(request.user, town)
    form = forms.ExchangeForm(request.POST or None, town=town) if may_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.record_exchange(request.user, challenge, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The exchange is recorded."))
                return redirect(challenge.get_absolute_url())
    return _challenge_page(request, challenge, form)


def _challenge_page(
    request: AuthenticatedHttpRequest,
    challenge: Challenge,
    form: forms.ExchangeForm | None,
) -> HttpResponse:
    return render(
        request,
        "community/challenge_detail.html",
        {
            "challenge": challenge,
            "suggestions": queries.suggested_towns(challenge),
            "exchanges": challenge.exchanges.select_related("with_organisation"),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )
