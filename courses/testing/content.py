"""Requests to the content origin with Django's test client."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from django.test import Client

CONTENT_HOST = "localhost"  # lms.content_origin's development rule


def content_get(client: Client, url: str, **extra: Any) -> Any:
    """GET ``url`` on the content host (the test client ignores the host of an
    absolute URL, so it goes in the headers)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, headers={"host": parts.netloc or CONTENT_HOST}, **extra)


def follow_to_content(client: Client, response: Any) -> Any:
    """The content-origin page a site response redirects to."""
    location = response.get("Location", "")
    if response.status_code != 302 or urlsplit(location).hostname != CONTENT_HOST:
        raise AssertionError(f"no redirect to the content origin: {response}")
    return content_get(client, location)


def open_sco(client: Client, runtime: dict[str, Any]) -> tuple[Any, str]:
    """The SCORM launch wrapper the player's runtime names, and the SCO URL in
    it (on the content origin, with the launch's capability)."""
    wrapper = content_get(client, runtime["launchUrl"])
    found = re.search(r'data-launch="([^"]+)"', wrapper.content.decode())
    if wrapper.status_code != 200 or found is None:
        raise AssertionError(f"no launch wrapper: {wrapper}")
    return wrapper, html.unescape(found[1])
