"""H5P playback: a sandboxed player page and the files it loads.

The player runs in an iframe whose document is sandboxed (CSP ``sandbox`` without
``allow-same-origin``): it gets an opaque origin, so its scripts cannot read the
lesson page, its cookies or the session. It reports results to the lesson page by
``postMessage``; the lesson page (trusted, same-origin) posts them to the server.
Package files are served to that opaque origin with CORS, to the holder of a
signed, expiring capability that the player page issues to a person who may play
the package.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from courses import actions, package_store
from courses.models import H5PPackage, LessonPage
from courses.packages import CONTENT_POLICY
from courses.queries import (
    access_enrolment_for,
    access_h5p_package_for,
    h5p_user_data_for,
)
from courses.xapi_input import IncomingStatement, IncomingUserData

# Capabilities to read a package's files, issued by the player page.
FILES_SALT = "courses.h5p.files"
FILES_MAX_AGE = 6 * 3600

# How often H5P content checks its state for resuming; only a changed state is
# sent, so a short period costs nothing while the learner reads.
SAVE_EVERY_SECONDS = 3

PLAYER_POLICY = "; ".join(
    [
        "sandbox allow-scripts allow-popups allow-forms",
        *CONTENT_POLICY,
        "base-uri 'none'",
    ]
)


@require_GET
@login_required
@xframe_options_sameorigin
def player(request: HttpRequest, key: str) -> HttpResponse:
    lesson = request.GET.get("lesson", "")
    lesson_pk = int(lesson) if lesson.isdigit() and len(lesson) < 19 else None
    package = access_h5p_package_for(request.user, key, lesson_pk)
    user_data = h5p_user_data_for(
        request.user,
        package=package,
        lesson_pk=lesson_pk,
        block_id=request.GET.get("block", "")[:64],
    )
    token = signing.dumps(str(package.key), salt=FILES_SALT)
    content_base = reverse("courses:h5p-file", args=[package.key, token, "h5p.json"])
    libraries_base = reverse("courses:h5p-library", args=["x"])
    response = render(
        request,
        "courses/h5p_player.html",
        {
            "package": package,
            "content_base": content_base.removesuffix("/h5p.json"),
            "libraries_base": libraries_base.removesuffix("/x"),
            "user_data": user_data,
            "save_every": SAVE_EVERY_SECONDS,
        },
    )
    response["Content-Security-Policy"] = PLAYER_POLICY
    response._csp_exempt = True  # django-csp must not replace the policy above
    return response


def _files(request: HttpRequest, root: Path, path: str) -> HttpResponse:
    if not root.is_dir():
        raise Http404
    response = serve(request, path, document_root=str(root))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def content_file(request: HttpRequest, key: str, token: str, path: str) -> HttpResponse:
    """A package file, for the holder of the capability the player page issued.

    The sandboxed player has an opaque origin and sends no cookie, so the right
    to read a package's files travels in its URL: signed for that package, and
    valid for ``FILES_MAX_AGE`` seconds.
    """
    try:
        granted = signing.loads(token, salt=FILES_SALT, max_age=FILES_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404 from error
    if granted != str(key) or not H5PPackage.objects.filter(key=key).exists():
        raise Http404
    return _files(request, package_store.content_root(key), path)


@require_GET
def library_file(request: HttpRequest, path: str) -> HttpResponse:
    response = _files(request, package_store.libraries_root(), path)
    response["Cache-Control"] = "public, max-age=86400"
    return response


MAX_RELAYED_BYTES = 64 * 1024


def _relayed(
    request: HttpRequest,
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
        return JsonResponse(
            {
                "error": "invalid",
                "detail": [
                    {"loc": [str(part) for part in item["loc"]], "msg": item["msg"]}
                    for item in error.errors()[:5]
                ],
            },
            status=400,
        )
    try:
        return JsonResponse(
            action(enrolment, lesson=lesson, block_id=block_id, incoming=incoming)
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)


@require_POST
@login_required
def h5p_statement(request: HttpRequest, pk: int, block_id: str) -> JsonResponse:
    """One xAPI statement the player emitted."""

    def record(*args: Any, **kwargs: Any) -> dict[str, Any]:
        stored, passed = actions.record_h5p_statement(*args, **kwargs)
        return {"stored": stored, "passed": passed}

    return _relayed(request, pk, block_id, schema=IncomingStatement, action=record)


@require_POST
@login_required
def h5p_user_data(request: HttpRequest, pk: int, block_id: str) -> JsonResponse:
    """What the content saved to resume later."""

    def save(*args: Any, **kwargs: Any) -> dict[str, Any]:
        actions.save_h5p_user_data(*args, **kwargs)
        return {"saved": True}

    return _relayed(request, pk, block_id, schema=IncomingUserData, action=save)
