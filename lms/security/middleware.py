"""Per-address throttles on sign-in and password reset, and the second-factor gate."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode
from django_ratelimit.core import get_usage

from lms.security import actions
from lms.security.queries import (
    may_use_second_factor,
    second_factor_required_for,
    session_has_device,
)

# POSTs to these views count against their group's rate (settings
# SIGN_IN_THROTTLE_RATE, PASSWORD_RESET_THROTTLE_RATE), per client address.
# Wagtail's own sign-in and reset forms are counted with the site's.
THROTTLED_VIEWS = {
    "login": "sign-in",
    "security:verify": "sign-in",
    "wagtailadmin_login": "sign-in",
    "password_reset": "password-reset",
    "wagtailadmin_password_reset": "password-reset",
}
RATE_SETTINGS = {
    "sign-in": "SIGN_IN_THROTTLE_RATE",
    "password-reset": "PASSWORD_RESET_THROTTLE_RATE",
}

# What a platform admin or HR admin may still open before giving their code or
# enrolling a device.
OPEN_BEFORE_ENROLMENT = {"logout", "set-language", "security:second-factor"}


class SignInThrottleMiddleware(MiddlewareMixin):
    """Answer 429 once an address has sent too many failed sign-ins (password or
    code) or too many password-reset forms.

    Only failed sign-ins count, so a town hall whose staff share one address can
    all sign in at the start of a training session; every reset form counts (each
    may send an e-mail). When over the limit the view does not run: no sign-in is
    tried, no e-mail is sent. Counts live in the default cache (Redis in
    production), through django-ratelimit, keyed by
    ``lms.security.client.client_ip``.
    """

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        group = self._group(request)
        if group is None:
            return None
        counts_every_post = group == "password-reset"
        usage = self._usage(request, group, increment=counts_every_post)
        if usage is None:
            return None
        over = (
            usage["should_limit"]
            if counts_every_post
            else usage["count"] >= usage["limit"]
        )
        if not over:
            return None
        wait = max(1, math.ceil(usage["time_left"] / 60))
        response = render(
            request,
            "registration/throttled.html",
            {"minutes": wait, "password_reset": counts_every_post},
            status=429,
        )
        response["Retry-After"] = str(usage["time_left"])
        return response

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        # A sign-in form shown again (200) failed; a success redirects.
        if self._group(request) == "sign-in" and response.status_code == 200:
            self._usage(request, "sign-in", increment=True)
        return response

    @staticmethod
    def _group(request: HttpRequest) -> str | None:
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None:
            return None
        return THROTTLED_VIEWS.get(match.view_name)

    @staticmethod
    def _usage(request: HttpRequest, group: str, *, increment: bool) -> Any:
        rate = getattr(settings, RATE_SETTINGS[group])
        return get_usage(
            request,
            group=group,
            key="ip",
            rate=rate,
            method="POST",
            increment=increment,
        )


class SecondFactorMiddleware(MiddlewareMixin):
    """Keep platform admins and HR admins to the second-factor pages until done.

    - Someone whose session was opened with the password alone (Wagtail's own
      sign-in form) is signed out and asked for the code; so is a session opened
      before the device was enrolled elsewhere, when ``REQUIRE_SECOND_FACTOR`` is
      on (otherwise at its next sign-in).
    - With ``REQUIRE_SECOND_FACTOR`` on, someone without a device is sent to
      enrol one. Learners and other roles are never stopped.

    Every view behind this middleware is covered, Wagtail's ``/admin/`` included.
    """

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not may_use_second_factor(user) or user.is_verified():
            return None
        required = second_factor_required_for(user)
        if not (required or session_has_device(request)):
            return None
        # Less common: look at the device itself, which may have been added or
        # removed in another session since this one began.
        has_device = session_has_device(request, refresh=True)
        match = request.resolver_match
        view_name = match.view_name if match else ""
        next_url = request.get_full_path() if request.method == "GET" else ""
        if has_device and view_name != "logout":
            actions.await_code_again(
                request, next_url=next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
            )
            return redirect("security:verify")
        if not has_device and required and view_name not in OPEN_BEFORE_ENROLMENT:
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return redirect(f"{reverse('security:second-factor')}{query}")
        return None
