"""A dashboard as its reader sees it once every part has arrived: the page, then
each chart's figure and table fetched from the URL the page gives it, as the
page's script does (reporting/dashboard/parts.py)."""

from __future__ import annotations

from typing import Any

from django.test import Client


def dashboard_seen(
    client: Client, url: str, params: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The page's context (``scope``, ``form``, ``headlines``…) with, read from
    each part: ``tables`` (name → header and rows), ``figures`` (``"<name>-data"``
    → plotly JSON, charts only) and ``empty`` (name → why a part has nothing).
    Fails unless the page and every part answer 200."""
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    seen: dict[str, Any] = {
        key: response.context[key]
        for key in ("view", "scope", "form", "headlines", "too_few", "refreshed")
    }
    seen.update(response=response, tables={}, figures={}, empty={})
    for name, urls in response.context["parts"].items():
        part = client.get(urls["data"])
        assert part.status_code == 200, (urls["data"], part.status_code)
        seen["tables"][name] = part.context["table"]
        figure = part.json()["figure"]
        if figure is not None:
            seen["figures"][f"{name}-data"] = figure
        if part.context["empty"]:
            seen["empty"][name] = part.context["empty"]
    return seen
