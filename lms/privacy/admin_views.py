"""Back-office pages for HR and platform admins: people who left (their data,
their anonymisation) and, for platform admins, the export log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lms.http import AuthenticatedHttpRequest
from lms.privacy import actions
from lms.privacy.forms import AnonymiseForm
from lms.privacy.queries import (
    access_leaver_for,
    access_person_records_for,
    anonymisations_for,
    archive_of,
    export_log_for,
    may_manage_personal_data,
    people_who_left_for,
)
from lms.privacy.views import archive_response


@require_GET
def leavers(request: AuthenticatedHttpRequest) -> HttpResponse:
    """People who left, still named: download their data, or anonymise them."""
    if not may_manage_personal_data(request.user):
        raise PermissionDenied
    page = Paginator(people_who_left_for(request.user), 50).get_page(
        request.GET.get("p")
    )
    done = anonymisations_for(request.user)
    return render(
        request,
        "privacy/admin/leavers.html",
        {"page": page, "anonymised": done.count(), "recent": done[:10]},
    )


@require_http_methods(["GET", "POST"])
def anonymise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Confirm, then anonymise a person who left (POST, CSRF, a ticked box)."""
    person = access_leaver_for(request.user, pk)
    form = AnonymiseForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.anonymise_person(person, by=request.user)
        except actions.NotALeaver:  # a request sent twice at once: one wins
            raise Http404 from None
        messages.success(request, _("Done: this person's records no longer name them."))
        return redirect("privacy_admin:leavers")
    return render(
        request, "privacy/admin/anonymise.html", {"person": person, "form": form}
    )


@never_cache
@require_GET
def person_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A person's data archive, for HR answering a request (logged)."""
    person = access_person_records_for(request.user, pk)
    return archive_response(archive_of(person))


@require_GET
def export_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who downloaded whose personal data, when: platform admins, read only."""
    page = Paginator(export_log_for(request.user), 50).get_page(request.GET.get("p"))
    return render(request, "privacy/admin/export_log.html", {"page": page})
