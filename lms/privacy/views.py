"""A person's own account page and data archive, and the public privacy page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.http import AuthenticatedHttpRequest
from lms.privacy.queries import archive_of
from lms.security.queries import may_use_second_factor


@require_GET
@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My account: the profile, sign-in settings and my data."""
    person = request.user
    return render(
        request,
        "privacy/account.html",
        {"person": person, "second_factor": may_use_second_factor(person)},
    )


@never_cache
@require_GET
@login_required
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything the platform holds about the signed-in person, as one zip."""
    return archive_response(archive_of(request.user))


@require_GET
def policy(request: HttpRequest) -> HttpResponse:
    """Public: what is kept, why, for how long, and the person's rights."""
    return render(
        request,
        "privacy/policy.html",
        {"years": settings.LEARNING_RECORDS_RETENTION_YEARS},
    )


def archive_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="application/zip")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="civicskills-personal-data-{day}.zip"'
    )
    return response
