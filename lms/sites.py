from collections.abc import Callable

from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

SITE_CACHE_SECONDS = 60
SITE_VERSION_KEY = "wagtail-site-version"


def forget_cached_sites(**kwargs: object) -> None:
    """Connected to Site saves and deletes: cached lookups are dropped at once."""
    try:
        cache.incr(SITE_VERSION_KEY)
    except ValueError:
        cache.set(SITE_VERSION_KEY, 1)


class CachedSiteMiddleware:
    """Resolve Wagtail's site for a host once a minute rather than once a request.

    Wagtail looks for ``request._wagtail_site`` before querying; sites change
    rarely, and a change shows within a minute (or at once after a cache clear).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/admin/"):
            version = cache.get_or_set(SITE_VERSION_KEY, 1)
            key = (
                f"wagtail-site:{version}:{request._get_raw_host()}:{request.get_port()}"
            )
            # Under its version an entry never changes: each process keeps its own.
            local = caches["local"]
            site = local.get(key)
            if site is None:
                site = Site._find_for_request(request)
                if site is not None:
                    # Wagtail serves from the root page's specific instance:
                    # cached with it, that is one query fewer per page too.
                    site.root_page = site.root_page.specific
                local.set(key, site, SITE_CACHE_SECONDS)
            request._wagtail_site = site
        return self.get_response(request)
