"""System checks for the settings that keep the content origin apart."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

COOKIE_DOMAINS = (
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_DOMAIN",
    "LANGUAGE_COOKIE_DOMAIN",
)


@register(Tags.security, deploy=True)
def check_content_origin(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The content origin must share no cookie with the site."""
    problems: list[CheckMessage] = []
    for name in COOKIE_DOMAINS:
        if getattr(settings, name, None):
            problems.append(
                Error(
                    f"{name} must stay unset: a cookie for a whole domain would reach "
                    "the content origin, where packages' scripts run.",
                    id="lms.E001",
                )
            )
    if not settings.CONTENT_ORIGIN:
        return problems
    content = urlsplit(settings.CONTENT_ORIGIN).hostname or ""
    site = urlsplit(settings.SITE_URL).hostname or ""
    if content == site:
        problems.append(
            Error("CONTENT_ORIGIN must be another host than SITE_URL.", id="lms.E002")
        )
    elif _parent(content) == _parent(site) or content.endswith("." + site):
        problems.append(
            Warning(
                "CONTENT_ORIGIN shares its domain with SITE_URL: prefer a separate "
                "registrable domain, so that no cookie of the site's domain reaches it.",
                id="lms.W001",
            )
        )
    if settings.CONTENT_ORIGIN in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        problems.append(
            Error("CONTENT_ORIGIN must not be a CSRF trusted origin.", id="lms.E003")
        )
    return problems


def _parent(host: str) -> str:
    """The last two labels of a host name (a rough registrable domain)."""
    return ".".join(host.split(".")[-2:])
