"""The address a request comes from, read the same way by every part of the site."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.http import HttpRequest

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a bucket for requests with no address, not a bind


def client_ip(request: HttpRequest) -> str:
    """The client's IP address, as django-axes reads it.

    ``TRUSTED_PROXY_COUNT`` (settings) tells django-ipware, through axes'
    ``AXES_IPWARE_*`` settings, how many reverse proxies sit in front of the
    site: 0 reads ``REMOTE_ADDR``; N reads the address the outermost of them
    appended to ``X-Forwarded-For``, never the ones a client wrote before it.
    Sign-in lockouts, throttles and anything else that needs the client's
    address call this helper (django-ratelimit through ``RATELIMIT_IP_META_KEY``).
    """
    return (
        get_client_ip_address(request)
        or request.META.get("REMOTE_ADDR")
        or UNKNOWN_ADDRESS
    )
