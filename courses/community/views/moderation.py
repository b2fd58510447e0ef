"""Moderation pages: reporting a post, hiding and restoring it, the moderation
queue, a practice sheet made from an answer.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from courses.community import actions, forms, queries
from courses.community.views.common import REPORT_RATE, _attempt, _error, _limited
from lms.http import AuthenticatedHttpRequest


@require_POST
@login_required
@ratelimit(
    key="user", rate=REPORT_RATE, method="POST", group="community-report", block=False
)
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = queries.access_post_for(request.user, pk)
    form = forms.ReportForm(request.POST)
    if _limited(request) or not form.is_valid():
        if form.errors:
            messages.error(request, _("Say why you report this message."))
        return redirect(post.get_absolute_url())
    if _attempt(
        request,
        lambda: actions.report_post(
            request.user, post, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("Thank you: the moderators are told."))
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def hide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = queries.access_post_for(request.user, pk)
    form = forms.NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if _attempt(request, lambda: actions.hide_post(request.user, post, note=note)):
        messages.success(request, _("The message is hidden."))
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = queries.access_post_for(request.user, pk)
    if _attempt(request, lambda: actions.restore_post(request.user, post)):
        messages.success(request, _("The message is shown again."))
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def make_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = queries.access_post_for(request.user, pk)
    form = forms.SheetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the sheet a title and a text."))
        return redirect(post.get_absolute_url())
    try:
        sheet = actions.make_practice_sheet(request.user, post, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
        return redirect(post.get_absolute_url())
    return redirect(sheet.get_absolute_url())


@require_GET
@login_required
def moderation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    community = queries.access_community_for(request.user, pk)
    if not queries.is_moderator(request.user, community):
        raise PermissionDenied
    return render(
        request,
        "community/moderation.html",
        {
            "community": community,
            "reports": queries.open_reports(community),
            "trail": community.trail.select_related("actor", "post")[:100],
            "members": queries.members_of(community),
        },
    )
