"""Writes for sign-in: the code step, and enrolling or removing a second factor."""

from __future__ import annotations

import enum
import time
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import BACKEND_SESSION_KEY, login, logout
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.models import User
from lms.security.queries import (
    HAS_DEVICE,
    PENDING,
    PendingSignIn,
    confirmed_device_for,
    may_use_second_factor,
)


class Outcome(enum.Enum):
    SIGNED_IN = "signed-in"
    WRONG_CODE = "wrong-code"
    TOO_SOON = "too-soon"
    LOCKED_OUT = "locked-out"


def await_code(
    request: HttpRequest, user: User, *, backend: str, next_url: str
) -> None:
    """Note that ``user`` gave the right password and must now give a code.

    Nobody is signed in yet: the session only remembers who is expected, for
    a few minutes (``queries.PENDING_SECONDS``), under a new session key.
    """
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "started": time.time(),
    }


def await_code_again(request: HttpRequest, *, next_url: str) -> None:
    """Sign out a session opened with the password only, and ask for the code.

    Such a session comes from another sign-in form (Wagtail's) or was opened
    before the device was enrolled in another browser.
    """
    user = User.objects.get(pk=request.user.pk)
    backend = request.session.get(BACKEND_SESSION_KEY, "")
    logout(request)
    await_code(request, user, backend=backend, next_url=next_url)


def check_code(request: HttpRequest, pending: PendingSignIn, *, code: str) -> Outcome:
    """Finish a pending sign-in with the code of the person's device.

    A wrong code counts as a failed sign-in for django-axes, on the same
    per-account counter as a wrong password; a locked account is refused
    before the code is even looked at. A code already used is refused (the
    device remembers the last time step it accepted).
    """
    credentials = {"username": pending.user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING, None)
        return Outcome.LOCKED_OUT
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=pending.user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is not None and not device.verify_is_allowed()[0]:
            return Outcome.TOO_SOON
        verified = device is not None and device.verify_token(code)
    if verified:
        del request.session[PENDING]
        login(request, pending.user, backend=pending.backend)
        otp_login(request, device)
        return Outcome.SIGNED_IN
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if getattr(request, "axes_locked_out", False):
        request.session.pop(PENDING, None)
        return Outcome.LOCKED_OUT
    return Outcome.WRONG_CODE


def start_enrolment(user: User) -> TOTPDevice:
    """The device ``user`` is enrolling: the one awaiting its first code, or a
    new one with a fresh random key."""
    device = (
        TOTPDevice.objects.devices_for_user(user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice(user=user, name="authenticator", confirmed=False)
        device.full_clean()
        device.save()
    return device


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, *, code: str) -> bool:
    """Confirm ``device`` with its first code; it then replaces any other device.

    The session counts as verified from then on.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(code):
            return False
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.full_clean()
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session[HAS_DEVICE] = True
    return True


def turn_off_second_factor(request: HttpRequest, *, code: str) -> bool:
    """Remove the signed-in person's device, given a current code from it."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user_id=request.user.pk, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None or not device.verify_token(code):
            return False
        remove_devices(request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[HAS_DEVICE] = False
    return True


def remove_devices(user: Any) -> int:
    """Delete every second-factor device of ``user`` (a lost phone); the count."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def note_second_factor(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """On every sign-in (``user_logged_in``), note in the session whether a
    platform admin or HR admin holds a confirmed device."""
    if (
        request is not None
        and hasattr(request, "session")
        and may_use_second_factor(user)
    ):
        request.session[HAS_DEVICE] = confirmed_device_for(user) is not None
