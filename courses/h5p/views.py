"""H5P playback: the player and its files run on the content origin.

The site's player URL checks who may play and sends the frame, with a
capability, to the player on the content origin (no session there). The player
document is sandboxed too (CSP ``sandbox`` without ``allow-same-origin``): an
opaque origin, which reads nothing of the lesson page. It reports results to the
lesson page by ``postMessage``; the lesson page (trusted, on the site) posts them
to the server, which decides what they count for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)
from django.views.static import serve
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PPackage
from courses.h5p.queries import access_h5p_package_for, h5p_user_data_for
from courses.models import LessonPage
from courses.packages import capability
from courses.packages import store as package_store
from courses.packages.checks import CONTENT_POLICY
from courses.queries import access_enrolment_for
from courses.records.intake import IncomingStatement, IncomingUserData
from lms.content_origin import content_url, keep_own_policy, site_origin
from lms.http import AuthenticatedHttpRequest

# How often H5P content checks its state for resuming; only a changed state is
# sent, so a short period costs nothing while the learner reads.
SAVE_EVERY_SECONDS = 3

# The player: an opaque origin (no allow-same-origin), framed by the site only.
PLAYER_POLICY = "; ".join(
    [
        "sandbox allow-scripts allow-popups allow-forms",
        *CONTENT_POLICY,
        "frame-ancestors {site}",
        "form-action 'none'",
    ]
)
# Package files are never documents: an SVG or HTML file opened by a link is
# inert, and it would be on the cookie-less content origin anyway.
FILE_POLICY = "sandbox; default-src 'none'"
FILE_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
}


@require_GET
@login_required
def player(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    """Check who may play, then send the frame to the player on the content
    origin with a capability for this person, lesson block and package."""
    lesson = request.GET.get("lesson", "")
    lesson_pk = int(lesson) if lesson.isdigit() and len(lesson) < 19 else None
    package = access_h5p_package_for(request.user, key, lesson_pk)
    token = capability.issue(
        capability.Grant(
            kind="h5p",
            package=str(package.key),
            user=request.user.pk,
            lesson=lesson_pk,
            block=request.GET.get("block", "")[:64],
            site=site_origin(request),
        )
    )
    response = redirect(content_url(request, "h5p_content:player", package.key, token))
    response["Cache-Control"] = "no-store"
    return response


def _still_allowed(grant: capability.Grant) -> bool:
    try:
        access_h5p_package_for(capability.holder(grant), grant.package, grant.lesson)
    except Http404:
        return False
    return True


def _redeem(key: str, token: str) -> capability.Grant:
    return capability.redeem(token, kind="h5p", key=key, still_allowed=_still_allowed)


@require_GET
@xframe_options_exempt  # framed by the site: frame-ancestors names it
def content_player(request: HttpRequest, key: str, token: str) -> HttpResponse:
    """The player, on the content origin, sandboxed (opaque origin): it reports
    to the lesson page by ``postMessage`` and loads files with its capability."""
    grant = _redeem(key, token)
    package = get_object_or_404(H5PPackage, key=key)
    user_data = h5p_user_data_for(
        capability.holder(grant),
        package=package,
        lesson_pk=grant.lesson,
        block_id=grant.block,
    )
    response = render(
        request, "h5p/player.html", _player_context(package, token, user_data)
    )
    response["Content-Security-Policy"] = PLAYER_POLICY.format(site=grant.site)
    response["Cache-Control"] = "no-store"
    keep_own_policy(response)
    return response


def _player_context(
    package: H5PPackage, token: str, user_data: dict[str, dict[str, str]]
) -> dict[str, object]:
    """Where the player loads the content's files (with the capability) and
    the shared libraries from, and what the learner saved to resume."""
    content_base = reverse("h5p_content:file", args=[package.key, token, "h5p.json"])
    libraries_base = reverse("h5p_content:library", args=["x"])
    return {
        "package": package,
        "content_base": content_base.removesuffix("/h5p.json"),
        "libraries_base": libraries_base.removesuffix("/x"),
        "user_data": user_data,
        "save_every": SAVE_EVERY_SECONDS,
    }


def _files(request: HttpRequest, root: Path, path: str) -> HttpResponseBase:
    response: HttpResponseBase
    if request.method == "OPTIONS":  # a CORS pre-check (fetch with headers)
        response = HttpResponse(status=204)
    else:
        if not root.is_dir():
            raise Http404
        response = serve(request, path, document_root=str(root))
    for header, value in FILE_CORS.items():
        response[header] = value
    response["Content-Security-Policy"] = FILE_POLICY
    keep_own_policy(response)
    return response


@require_http_methods(["GET", "HEAD", "OPTIONS"])
@xframe_options_exempt
def content_file(
    request: HttpRequest, key: str, token: str, path: str
) -> HttpResponseBase:
    """A package file, for the holder of the capability its player was given."""
    _redeem(key, token)
    response = _files(request, package_store.content_root(key), path)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "HEAD", "OPTIONS"])
@xframe_options_exempt
def library_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """H5P library code, shared by every town's content and identical for
    everyone (no learner's or town's data): served to any player on the content
    origin, cached."""
    response = _files(request, package_store.libraries_root(), path)
    response["Cache-Control"] = "public, max-age=86400"
    return response


MAX_RELAYED_BYTES = 64 * 1024


def _relayed(
    request: AuthenticatedHttpRequest,
    pk: int,
    block_id: str,
    *,
    schema: type[BaseModel],
    action: Callable[..., dict[str, Any]],
) -> JsonResponse:
    """What the lesson page relays from a player (CSRF-protected): the person's
    enrolment in a live lesson, a bounded body valid against ``schema``, then
    ``action``; every refusal a JSON error that changes nothing."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    enrolment = access_enrolment_for(request.user, lesson)
    if len(request.body) > MAX_RELAYED_BYTES:
        return JsonResponse({"error": "too large"}, status=413)
    try:
        incoming = schema.model_validate_json(request.body)
    except PydanticValidationError as error:
        return _invalid(error)
    try:
        return JsonResponse(
            action(enrolment, lesson=lesson, block_id=block_id, incoming=incoming)
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)


def _invalid(error: PydanticValidationError) -> JsonResponse:
    """A refused body: where and why, for the first few problems."""
    detail = [
        {"loc": [str(part) for part in item["loc"]], "msg": item["msg"]}
        for item in error.errors()[:5]
    ]
    return JsonResponse({"error": "invalid", "detail": detail}, status=400)


@require_POST
@login_required
def h5p_statement(
    request: AuthenticatedHttpRequest, pk: int, block_id: str
) -> JsonResponse:
    """One xAPI statement the player emitted."""

    def record(*args: Any, **kwargs: Any) -> dict[str, Any]:
        stored, passed, lesson_done = h5p_actions.record_h5p_statement(*args, **kwargs)
        return {"stored": stored, "passed": passed, "lessonDone": lesson_done}

    return _relayed(request, pk, block_id, schema=IncomingStatement, action=record)


@require_POST
@login_required
def h5p_user_data(
    request: AuthenticatedHttpRequest, pk: int, block_id: str
) -> JsonResponse:
    """What the content saved to resume later."""

    def save(*args: Any, **kwargs: Any) -> dict[str, Any]:
        h5p_actions.save_h5p_user_data(*args, **kwargs)
        return {"saved": True}

    return _relayed(request, pk, block_id, schema=IncomingUserData, action=save)
