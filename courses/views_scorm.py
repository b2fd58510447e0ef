"""SCORM playback: the player page (it holds the API), package files, commits.

A SCO finds the API by walking up its parent windows and calls it directly, so
the player and the package's files must share an origin: unlike H5P, SCORM
content cannot run in an opaque-origin sandbox (see docs/scorm.md). Files are
served only to signed-in people, under a policy that keeps them on this site.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from courses import actions, package_store
from courses.models import LessonPage, ScormPackage, ScormScoState
from courses.packages import CONTENT_POLICY
from courses.queries import (
    access_enrolment_for,
    may_open_scorm_package,
    scorm_player_state,
)
from courses.scorm_runtime import CommitInvalid, parse_commit

FILES_POLICY = "; ".join([*CONTENT_POLICY, "form-action 'self'"])
# How often the API commits on its own while the learner works (seconds).
AUTOCOMMIT_SECONDS = 30


def _attempt(request: HttpRequest, pk: int, block_id: str, *, new: bool = False):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    enrolment = access_enrolment_for(request.user, lesson)
    try:
        return actions.current_scorm_attempt(
            enrolment, lesson=lesson, block_id=block_id, new=new
        )
    except ValidationError:
        raise Http404 from None


@require_GET
@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # the lesson page frames it
def player(request: HttpRequest, pk: int, block_id: str) -> HttpResponse:
    attempt = _attempt(request, pk, block_id)
    state = scorm_player_state(attempt, request.GET.get("sco", ""))
    if state.current is None:
        raise Http404
    sco_state = actions.launch_sco(attempt, state.current)
    package = attempt.package
    runtime = {
        "version": package.version,
        "commitUrl": reverse("courses:scorm-commit", args=[sco_state.pk]),
        "session": str(sco_state.session),
        "autocommitSeconds": AUTOCOMMIT_SECONDS,
        "cmi": state.launch_data(request.user, sco_state),
        "next": state.url_of(state.next),
        "previous": state.url_of(state.previous),
        "urls": {sco.identifier: state.url_of(sco) for sco in state.scos},
    }
    response = render(
        request,
        "courses/scorm_player.html",
        {
            "package": package,
            "attempt": attempt,
            "player": state,
            "content_url": _content_url(package, state.current.launch),
            "runtime": runtime,
            "lesson_pk": pk,
            "block_id": block_id,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _content_url(package: ScormPackage, launch: str) -> str:
    """The launch path (kept as the manifest wrote it) plus its parameters."""
    parts = urlsplit(launch)
    url = reverse("courses:scorm-file", args=[package.key, parts.path])
    return urlunsplit(("", "", url, parts.query, parts.fragment))


@require_POST
@login_required
def new_attempt(request: HttpRequest, pk: int, block_id: str) -> HttpResponse:
    _attempt(request, pk, block_id, new=True)
    return redirect("courses:scorm-player", pk=pk, block_id=block_id)


@require_GET
@login_required
@xframe_options_sameorigin
def content_file(request: HttpRequest, key: str, path: str) -> HttpResponse:
    package = get_object_or_404(ScormPackage, key=key)
    if not may_open_scorm_package(request.user, package):
        raise Http404
    response = serve(request, path, document_root=str(package_store.scorm_root(key)))
    response["Content-Security-Policy"] = FILES_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response._csp_exempt = True  # django-csp must not replace the policy above
    return response


@csrf_exempt  # checked below: a beacon brings its token in the body
@require_POST
@login_required
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    """One run-time commit, as JSON: from the API during the session (CSRF
    header), or by ``navigator.sendBeacon`` as the page closes (token in the body,
    since a beacon has no headers). Both pass Django's CSRF check."""
    state = get_object_or_404(
        ScormScoState.objects.select_related("sco__package", "attempt__enrolment"),
        pk=pk,
        attempt__enrolment__user=request.user,
    )
    try:
        envelope = parse_commit(request.body)
    except CommitInvalid as error:
        return _refused(error)
    request.META.setdefault("HTTP_X_CSRFTOKEN", envelope.csrf)
    checker = CsrfViewMiddleware(lambda request: HttpResponse())
    checker.process_request(request)
    rejected = checker.process_view(request, None, (), {})
    if rejected is not None:
        return rejected
    try:
        saved = actions.commit_scorm(state, envelope)
    except CommitInvalid as error:
        return _refused(error)
    return JsonResponse({"result": True, "errorCode": 0, "saved": saved})


def _refused(error: CommitInvalid) -> JsonResponse:
    # 351: SCORM 2004 "General Set Failure"; the API reports the commit failed.
    return JsonResponse(
        {"result": False, "errorCode": 351, "errors": error.problems}, status=400
    )
