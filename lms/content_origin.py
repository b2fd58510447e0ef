"""Third-party content (SCORM, H5P) runs on its own origin, which carries no session.

The site and packaged content answer on two host names. Whatever a package's
script does, it runs on the content origin: the browser sends it none of the
site's cookies, and the site's pages, APIs and back office do not answer there.
Content reaches the platform only by ``postMessage`` through the lesson page,
and its files only with a capability (``courses.packages.capability``).

``CONTENT_ORIGIN`` names the content origin (required in production, a host
name of its own). Empty, as in development, the content host is ``localhost``
on the request's own scheme and port while the site is ``127.0.0.1``: two
hosts, so two cookie jars, on one server with no configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.http.request import split_domain_port
from django.http.response import HttpResponseBase
from django.urls import reverse

DEVELOPMENT_CONTENT_HOST = "localhost"
# Every content route lives under this prefix (see lms/urls.py).
CONTENT_PREFIX = "/c/"
# Before any language is chosen (no cookie here): both of the site's languages.
NOT_HERE = (
    "Cette adresse ne sert que les contenus de formation.\n"
    "This address serves course content only.\n\n"
    "CivicSkills : "
)


def content_host() -> str:
    if settings.CONTENT_ORIGIN:
        return urlsplit(settings.CONTENT_ORIGIN).hostname or ""
    return DEVELOPMENT_CONTENT_HOST


def content_origin(request: HttpRequest) -> str:
    """``scheme://host[:port]`` of the content origin, for absolute URLs."""
    if settings.CONTENT_ORIGIN:
        return str(settings.CONTENT_ORIGIN)
    port = request.get_port()
    default_port = "443" if request.is_secure() else "80"
    suffix = "" if port == default_port else f":{port}"
    return f"{request.scheme}://{DEVELOPMENT_CONTENT_HOST}{suffix}"


def site_origin(request: HttpRequest) -> str:
    """The origin the request came to: where a player page really is."""
    return f"{request.scheme}://{request.get_host()}"


def content_url(request: HttpRequest, viewname: str, *args: object) -> str:
    return content_origin(request) + reverse(viewname, args=args)


def on_content_host(request: HttpRequest) -> bool:
    host, _port = split_domain_port(request.get_host())
    return host == content_host()


class ContentOriginMiddleware:
    """Keep the two origins apart, whatever a URL asks for.

    On the content host only content routes and static files answer; cookies are
    neither read nor set there, so a package's script never acts as anyone. On
    the site host content routes do not answer, so package files never run on
    the site's origin.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if on_content_host(request):
            if not path.startswith((CONTENT_PREFIX, settings.STATIC_URL)):
                return HttpResponseNotFound(
                    NOT_HERE + settings.SITE_URL + "\n",
                    content_type="text/plain; charset=utf-8",
                )
            request.META.pop("HTTP_COOKIE", None)
            request.COOKIES = {}
            response = self.get_response(request)
            response.cookies.clear()
            # Capabilities travel in URLs: never to another host in a Referer.
            response.headers.setdefault("Referrer-Policy", "no-referrer")
            return response
        if path.startswith(CONTENT_PREFIX):
            return HttpResponseNotFound()
        return self.get_response(request)


def keep_own_policy(response: HttpResponseBase) -> None:
    """Content responses carry their own Content-Security-Policy (sandbox, who
    may frame them): django-csp must not replace it with the site's."""
    setattr(response, "_csp_exempt", True)  # noqa: B010 - django-csp's private flag
