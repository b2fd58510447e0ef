"""One typed door for per-environment values read from the process environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    """Return ``name`` from the environment, or ``default``.

    Raises ``ImproperlyConfigured`` when ``required`` and the value is missing or empty.
    """
    value = os.environ.get(name, "")
    if value:
        return value
    if required or default is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in _TRUE


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, default: str | None = None, *, required: bool = False) -> str:
    """An absolute ``http(s)://host[:port]`` address from the environment, without
    a trailing slash.

    Raises ``ImproperlyConfigured`` when it is missing (and ``required``) or is
    not such an address.
    """
    value = env_str(name, default, required=required).rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} must be an absolute address such as https://civicskills.example.org"
        )
    return value
