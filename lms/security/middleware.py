"""Per-address throttles on sign-in and password reset."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

# POSTs to these views count against their group's rate (settings
# SIGN_IN_THROTTLE_RATE, PASSWORD_RESET_THROTTLE_RATE), per client address.
# Wagtail's own sign-in and reset forms are counted with the site's.
THROTTLED_VIEWS = {
    "login": "sign-in",
    "wagtailadmin_login": "sign-in",
    "password_reset": "password-reset",
    "wagtailadmin_password_reset": "password-reset",
}
RATE_SETTINGS = {
    "sign-in": "SIGN_IN_THROTTLE_RATE",
    "password-reset": "PASSWORD_RESET_THROTTLE_RATE",
}


class _ViewMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class SignInThrottleMiddleware(_ViewMiddleware):
    """Answer 429 once an address has sent too many sign-in or reset forms.

    The view does not run: no sign-in is tried, no e-mail is sent. Counts live
    in the default cache (Redis in production), through django-ratelimit, keyed
    by ``lms.security.client.client_ip``.
    """

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        group = THROTTLED_VIEWS.get(match.view_name) if match else None
        if request.method != "POST" or group is None:
            return None
        rate = getattr(settings, RATE_SETTINGS[group])
        usage = get_usage(
            request, group=group, key="ip", rate=rate, method="POST", increment=True
        )
        if usage is None or not usage["should_limit"]:
            return None
        wait = max(1, math.ceil(usage["time_left"] / 60))
        response = render(
            request,
            "registration/throttled.html",
            {"minutes": wait, "password_reset": group == "password-reset"},
            status=429,
        )
        response["Retry-After"] = str(usage["time_left"])
        return response
