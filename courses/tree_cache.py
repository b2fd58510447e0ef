"""What the page tree says the same way to every reader, kept in Django's cache.

Which page a catalogue URL leads to, a course's lessons (titles, slugs, order,
which are live) and whether a page sits under a view restriction are the same
for every learner, and change only when an author saves, publishes, unpublishes,
moves or deletes a page, edits a restriction or a site, or when a town is saved
or deleted (its name, its network: who sees a shared course). They are cached
under a **tree version**: a random token that every such change replaces (``forget_page_tree``, connected in ``CoursesConfig``), so a
change shows on the next request of every process sharing the cache (Redis in
production). Nothing about a person is ever stored here.

With the local-memory cache (development, tests) each process has its own
version: another process sees a change within ``TREE_CACHE_SECONDS``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page, PageViewRestriction, Site

from lms.models import Organisation

TREE_VERSION_KEY = "courses-page-tree-version"
TREE_CACHE_SECONDS = 10 * 60

T = TypeVar("T")

# The version read during the current request, if any (``TreeVersionMiddleware``).
_request_version: ContextVar[dict[str, str] | None] = ContextVar(
    "page_tree_version", default=None
)


def tree_version() -> str:
    """The current token; a new one if the cache lost it (never an old one, so
    entries written under a lost token cannot come back). Read once per
    request: the pages a request reads all belong to one version."""
    memo = _request_version.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = cache.get(TREE_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(TREE_VERSION_KEY, version, timeout=None):
            version = cache.get(TREE_VERSION_KEY) or version
    if memo is not None:
        memo["version"] = version
    return version


def forget_page_tree(sender: Any = None, instance: Any = None, **kwargs: Any) -> None:
    """Signal receiver: a page, view restriction, site or town changed, every
    entry goes (the request that changed it reads the new version too)."""
    if instance is not None and not isinstance(
        instance, Page | PageViewRestriction | Site | Organisation
    ):
        return
    version = uuid.uuid4().hex
    cache.set(TREE_VERSION_KEY, version, timeout=None)
    memo = _request_version.get()
    if memo is not None:
        memo["version"] = version


def cached_for_tree(name: str, build: Callable[[], T]) -> T:
    """``build()``'s result under ``name`` for the current tree version.

    Kept in the ``local`` cache: an entry never changes under its version, so
    each process keeps its own copy and only the version is shared."""
    key = f"page-tree:{tree_version()}:{name}"
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = build()
        local.set(key, value, TREE_CACHE_SECONDS)
    return value


class TreeVersionMiddleware:
    """Let each request read the page tree's version once (one round trip to
    the shared cache instead of one per cached entry)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_version.set({})
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)
