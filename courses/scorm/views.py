"""SCORM playback: the player page (it holds the API), the launch wrapper and
package files on the content origin, commits.

The player page is on the site, where the learner is signed in: it holds
scorm-again's API and commits with the learner's session and CSRF token. The
SCO runs on the content origin (no session there), inside a launch wrapper
whose ``CrossFrameAPI`` the SCO finds as its API and which relays each call to
the player's ``CrossFrameLMS`` by ``postMessage``. See docs/scorm.md.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import (
    xframe_options_exempt,
    xframe_options_sameorigin,
)
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from courses.models import LessonPage
from courses.packages import capability
from courses.packages import store as package_store
from courses.packages.checks import CONTENT_POLICY
from courses.queries import access_enrolment_for
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormAttempt, ScormPackage, ScormSco, ScormScoState
from courses.scorm.queries import (
    ScormPlayerState,
    may_open_scorm_package,
    sco_to_open,
    scorm_player_state,
)
from courses.scorm.runtime import CommitInvalid, parse_commit, parse_sequencing
from courses.scorm.sequencing import shared_data_maps
from lms.content_origin import (
    content_origin,
    content_url,
    keep_own_policy,
    site_origin,
)
from lms.http import AuthenticatedHttpRequest

# A SCO may script its wrapper (same origin: allow-same-origin), show dialogs
# and open windows, never navigate the lesson page or run plugins.
SANDBOX = (
    "sandbox allow-scripts allow-same-origin allow-forms allow-popups "
    "allow-modals allow-downloads"
)
# The wrapper runs only its own script; the site's player alone may frame it.
WRAPPER_POLICY = "; ".join(
    [
        SANDBOX,
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-src 'self'",
        "frame-ancestors {site}",
        "form-action 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
# What a package may load from the outside hosts it was written to use.
OUTSIDE_LOADS = {"script-src", "style-src", "img-src", "media-src", "font-src"}


def files_policy(site: str, hosts: list[str]) -> str:
    """A SCO's files: framed by the wrapper (same origin) or the site, loading
    from the content origin and the package's own outside hosts only."""
    directives = [
        f"{directive} {' '.join(hosts)}"
        if hosts and directive.split()[0] in OUTSIDE_LOADS
        else directive
        for directive in CONTENT_POLICY
    ]
    return "; ".join(
        [SANDBOX, *directives, f"frame-ancestors 'self' {site}", "form-action 'self'"]
    )


def _outside_hosts(key: str) -> list[str]:
    """The package's outside hosts (they never change: cached a few minutes)."""
    cache_key = f"scorm-outside-hosts:{key}"
    hosts = cache.get(cache_key)
    if hosts is None:
        found = ScormPackage.objects.filter(key=key).values_list("outside_hosts")
        hosts = next(iter(found), ([],))[0]
        cache.set(cache_key, hosts, 300)
    return list(hosts)


# How often the API commits on its own while the learner works (seconds).
AUTOCOMMIT_SECONDS = 30


def _attempt(
    request: AuthenticatedHttpRequest, pk: int, block_id: str, *, new: bool = False
) -> ScormAttempt:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    enrolment = access_enrolment_for(request.user, lesson)
    try:
        return scorm_actions.current_scorm_attempt(
            enrolment, lesson=lesson, block_id=block_id, new=new
        )
    except scorm_actions.AttemptsExhausted:
        raise
    except ValidationError:  # the block is no longer part of the lesson
        raise Http404 from None


@require_GET
@login_required
@xframe_options_sameorigin
# The lesson page frames it. (django-csp's types accept views of a request only.)
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]
def player(request: AuthenticatedHttpRequest, pk: int, block_id: str) -> HttpResponse:
    """The attempt's player, launching the SCO asked for (else where the learner
    left off) with the API's data and a capability for its files."""
    attempt = _attempt(request, pk, block_id)
    requested = sco_to_open(attempt, request.GET.get("sco", ""))
    state = scorm_player_state(attempt, requested, lesson_pk=pk)
    if state.current is None:
        raise Http404
    sco_state = scorm_actions.launch_sco(attempt, state.current)
    runtime = _runtime(request, state, sco_state)
    response = render(
        request, "scorm/player.html", _player_context(state, runtime, pk, block_id)
    )
    response["Cache-Control"] = "no-store"
    return response


def _player_context(
    state: ScormPlayerState, runtime: dict[str, Any], pk: int, block_id: str
) -> dict[str, Any]:
    return {
        "package": state.attempt.package,
        "attempt": state.attempt,
        "player": state,
        "launch_url": runtime["launchUrl"],
        "runtime": runtime,
        "lesson_pk": pk,
        "block_id": block_id,
    }


def _runtime(
    request: AuthenticatedHttpRequest, state: ScormPlayerState, sco_state: ScormScoState
) -> dict[str, Any]:
    """What the player's script starts with: where the SCO runs (with a
    capability for this launch), the API's data, where commits go."""
    attempt, sco = state.attempt, sco_state.sco
    token = capability.issue(
        capability.Grant(
            kind="scorm",
            package=str(attempt.package.key),
            user=request.user.pk,
            lesson=attempt.lesson_id,
            block=attempt.block_id,
            site=site_origin(request),
        )
    )
    launch = content_url(request, "scorm_content:launch", attempt.package.key, token)
    return {
        "contentOrigin": content_origin(request),
        "launchUrl": f"{launch}?{urlencode({'sco': sco.identifier})}",
        "version": attempt.package.version,
        "commitUrl": reverse("scorm:commit", args=[sco_state.pk]),
        "session": str(sco_state.session),
        "autocommitSeconds": AUTOCOMMIT_SECONDS,
        "cmi": state.launch_data(request.user, sco_state),
        "next": state.url_of(state.next),
        "previous": state.url_of(state.previous),
        "urls": {sco.identifier: state.url_of(sco) for sco in state.scos},
        **(_sequencing_runtime(state, sco) if attempt.package.sequenced else {}),
    }


def _sequencing_runtime(state: ScormPlayerState, sco: ScormSco) -> dict[str, Any]:
    """What scorm-again's sequencing engine starts with: the manifest's
    sequencing, the attempt's saved engine state, the SCO's shared data maps."""
    attempt = state.attempt
    sequencing = attempt.package.sequencing
    return {
        "sco": sco.identifier,
        "sequencing": sequencing,
        "sequencingState": attempt.sequencing_state or None,
        "sequencingUrl": reverse("scorm:sequencing", args=[attempt.pk]),
        "sharedData": shared_data_maps(sequencing, sco.identifier),
        "courseId": str(attempt.package.key),
        "attemptNumber": attempt.number,
    }


@require_POST
@login_required
def new_attempt(
    request: AuthenticatedHttpRequest, pk: int, block_id: str
) -> HttpResponse:
    try:
        _attempt(request, pk, block_id, new=True)
    except scorm_actions.AttemptsExhausted as error:
        messages.error(request, " ".join(error.messages))
    return redirect("scorm:player", pk=pk, block_id=block_id)


def _still_allowed(grant: capability.Grant) -> bool:
    package = ScormPackage.objects.filter(key=grant.package).first()
    return package is not None and may_open_scorm_package(
        capability.holder(grant), package
    )


def _redeem(key: str, token: str) -> capability.Grant:
    return capability.redeem(token, kind="scorm", key=key, still_allowed=_still_allowed)


@require_GET
@xframe_options_exempt  # framed by the site's player: frame-ancestors names it
def launch(request: HttpRequest, key: str, token: str) -> HttpResponse:
    """The launch wrapper, on the content origin: it gives the SCO an API that
    relays to the player page, then loads the SCO in its frame."""
    grant = _redeem(key, token)
    sco = get_object_or_404(
        ScormSco.objects.select_related("package"),
        package__key=key,
        identifier=request.GET.get("sco", ""),
        visible=True,
    )
    parts = urlsplit(sco.launch)
    path = reverse("scorm_content:file", args=[key, token, parts.path])
    sco_url = urlunsplit(("", "", path, parts.query, parts.fragment))
    response = render(
        request,
        "scorm/launch.html",
        {"sco": sco, "sco_url": sco_url, "grant": grant},
    )
    response["Content-Security-Policy"] = WRAPPER_POLICY.format(site=grant.site)
    response["Cache-Control"] = "no-store"
    keep_own_policy(response)
    return response


@require_GET
@xframe_options_exempt  # framed by the wrapper: frame-ancestors names who may
def content_file(
    request: HttpRequest, key: str, token: str, path: str
) -> HttpResponseBase:
    """A package file, for the holder of the capability its launch was given."""
    grant = _redeem(key, token)
    response: HttpResponseBase = serve(
        request, path, document_root=str(package_store.scorm_root(key))
    )
    response["Content-Security-Policy"] = files_policy(grant.site, _outside_hosts(key))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    keep_own_policy(response)
    return response


@csrf_exempt  # checked below: a beacon brings its token in the body
@require_POST
@login_required
def commit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
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
    rejected = _csrf_rejected(request, envelope.csrf)
    if rejected is not None:
        return rejected
    try:
        saved = scorm_actions.commit_scorm(state, envelope)
    except CommitInvalid as error:
        return _refused(error)
    return JsonResponse({"result": True, "errorCode": 0, "saved": saved})


@csrf_exempt  # checked below: the last save may be a keepalive request's body
@require_POST
@login_required
def sequencing(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """The sequencing engine's state and root rollup for one of the learner's
    own attempts (another person's attempt is a 404)."""
    attempt = get_object_or_404(
        ScormAttempt.objects.select_related("package"),
        pk=pk,
        enrolment__user=request.user,
    )
    if not attempt.package.sequenced:
        raise Http404
    try:
        save = parse_sequencing(request.body)
    except CommitInvalid as error:
        return _refused(error)
    rejected = _csrf_rejected(request, save.csrf)
    if rejected is not None:
        return rejected
    scorm_actions.save_sequencing(attempt, save)
    return JsonResponse({"result": True})


def _csrf_rejected(request: HttpRequest, token: str) -> HttpResponseBase | None:
    """Django's CSRF check, with the token of the header or else of the body."""
    request.META.setdefault("HTTP_X_CSRFTOKEN", token)
    checker = CsrfViewMiddleware(lambda request: HttpResponse())
    checker.process_request(request)
    return checker.process_view(request, _no_view, (), {})


def _no_view(request: HttpRequest) -> HttpResponse:
    """What the CSRF check is run against: any view that is not CSRF-exempt."""
    return HttpResponse()


def _refused(error: CommitInvalid) -> JsonResponse:
    # 351: SCORM 2004 "General Set Failure"; the API reports the commit failed.
    return JsonResponse(
        {"result": False, "errorCode": 351, "errors": error.problems}, status=400
    )
