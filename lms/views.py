from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lms import actions
from lms.forms import LanguageForm
from lms.queries import access_person_for, people_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "lms/home.html", {"is_manager": request.user.reports.exists()}
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    people = (
        people_visible_to(request.user)
        .select_related("department", "job_role")
        .order_by("last_name", "first_name", "pk")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "lms/person_list.html", {"page": page})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person_for(request.user, pk)
    return render(request, "lms/person_detail.html", {"person": person})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person's choice is remembered."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            actions.set_preferred_language(request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
        )
    return response
