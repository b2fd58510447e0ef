"""Sign-in with a second factor, and the page where admins enrol or remove it."""

from __future__ import annotations

from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from lms.security import actions
from lms.security.forms import CodeForm
from lms.security.queries import (
    confirmed_device_for,
    may_use_second_factor,
    pending_sign_in,
    qr_code_for,
    second_factor_required_for,
    secret_for_display,
)

WRONG_CODE = {
    actions.Outcome.WRONG_CODE: gettext_lazy(
        "This code is not valid. Type the code your app shows now; each code "
        "works only once."
    ),
    actions.Outcome.TOO_SOON: gettext_lazy(
        "Too many wrong codes: wait a few seconds, then type the code your app "
        "shows now."
    ),
}


class SignInView(LoginView):
    """Password first; then, for people with a second factor, the code."""

    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        user = form.get_user()
        if confirmed_device_for(user) is None:
            return super().form_valid(form)
        actions.await_code(
            self.request, user, backend=user.backend, next_url=self.get_success_url()
        )
        return redirect("security:verify")


class SignOutView(LogoutView):
    """Sign out, and ask the browser to drop what it cached for this site: the
    dashboards' chart parts are kept privately for a day, and the next person
    on a shared computer must not find them on disk."""

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    pending = pending_sign_in(request)
    if pending is None:
        messages.info(request, _("Your sign-in has expired. Please sign in again."))
        return redirect("login")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        outcome = actions.check_code(request, pending, code=form.cleaned_data["code"])
        if outcome is actions.Outcome.SIGNED_IN:
            return redirect(pending.next_url)
        if outcome is actions.Outcome.LOCKED_OUT:
            credentials = {"username": pending.user.get_username()}
            return get_lockout_response(request, None, credentials)
        form.add_error("code", WRONG_CODE[outcome])
    return render(request, "registration/second_factor_verify.html", {"form": form})


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Enrol a device (QR code, secret, first code), or see that one is on."""
    if not may_use_second_factor(request.user):
        raise PermissionDenied
    if confirmed_device_for(request.user) is not None:
        return render(request, "lms/second_factor.html", {"form": CodeForm()})
    device = actions.start_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if actions.confirm_enrolment(request, device, code=form.cleaned_data["code"]):
            messages.success(request, _("Two-step sign-in is on."))
            return redirect(_safe_next(request))
        form.add_error("code", WRONG_CODE[actions.Outcome.WRONG_CODE])
    context = {
        "form": form,
        "qr_code": qr_code_for(device),
        "secret": secret_for_display(device),
        "next": _safe_next(request),
        "required": second_factor_required_for(request.user),
    }
    return render(request, "lms/second_factor_enrol.html", context)


@login_required
@sensitive_post_parameters("code")
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    """Remove one's device, given a current code; a new one can then be enrolled."""
    if not may_use_second_factor(request.user):
        raise PermissionDenied
    form = CodeForm(request.POST)
    if form.is_valid() and actions.turn_off_second_factor(
        request, code=form.cleaned_data["code"]
    ):
        messages.success(request, _("Two-step sign-in is off."))
        return redirect("security:second-factor")
    if form.is_valid():
        form.add_error("code", WRONG_CODE[actions.Outcome.WRONG_CODE])
    return render(request, "lms/second_factor.html", {"form": form}, status=400)


def _safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return "/"
