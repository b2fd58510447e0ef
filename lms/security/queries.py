"""Reads for the second factor: who may or must hold one, and the sign-in under way."""

from __future__ import annotations

import time
from base64 import b32encode, b64encode
from dataclasses import dataclass

import qrcode
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from lms.models import User

# Session keys. PENDING holds a sign-in whose password was right and whose code is
# still awaited; HAS_DEVICE remembers, from sign-in on, whether the account holds a
# confirmed device, so that pages need no extra query to know it.
PENDING = "lms_signin_pending"
HAS_DEVICE = "lms_second_factor"
PENDING_SECONDS = 5 * 60


@dataclass(frozen=True)
class PendingSignIn:
    user: User
    backend: str
    next_url: str


def may_use_second_factor(user: User | AnonymousUser) -> bool:
    """Platform admins and HR admins may enrol a second factor; nobody else."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_hr_admin)
    )


def second_factor_required_for(user: User | AnonymousUser) -> bool:
    """True when ``REQUIRE_SECOND_FACTOR`` is on and ``user`` may use one."""
    return bool(getattr(settings, "REQUIRE_SECOND_FACTOR", False)) and (
        may_use_second_factor(user)
    )


def confirmed_device_for(user: User | AnonymousUser) -> TOTPDevice | None:
    """The person's confirmed TOTP device, if they enrolled one."""
    if not user.is_authenticated:
        return None
    return (
        TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
    )


def session_has_device(request: HttpRequest, *, refresh: bool = False) -> bool:
    """Whether the signed-in person holds a confirmed device, as noted at sign-in.

    ``refresh`` (or a session opened before the note existed) looks again and
    updates the note.
    """
    if refresh or HAS_DEVICE not in request.session:
        has_device = confirmed_device_for(request.user) is not None
        if request.session.get(HAS_DEVICE) != has_device:
            request.session[HAS_DEVICE] = has_device
    return bool(request.session[HAS_DEVICE])


def pending_sign_in(request: HttpRequest) -> PendingSignIn | None:
    """The sign-in awaiting its code in this session, unless it expired."""
    data = request.session.get(PENDING)
    if not data or time.time() - data["started"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if user is None:
        return None
    return PendingSignIn(user=user, backend=data["backend"], next_url=data["next"])


def secret_for_display(device: TOTPDevice) -> str:
    """The device's key in base 32, in groups of four, for typing into an app."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_for(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an SVG QR code, in a ``data:`` URL."""
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + b64encode(svg.encode()).decode("ascii")
