"""Community thread pages: a new question, a thread, replies, follows, accepted
answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from courses.community import actions, forms, queries
from courses.community.models import PracticeSheet
from courses.community.views.common import POST_RATE, _attempt, _limited
from lms.http import AuthenticatedHttpRequest


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(
    key="user", rate=POST_RATE, method="POST", group="community-post", block=False
)
def thread_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    community = queries.access_community_for(request.user, pk)
    form = forms.ThreadForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        community=community,
    )
    if request.method == "POST" and not _limited(request) and form.is_valid():
        try:
            thread = actions.start_thread(request.user, community, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(thread.get_absolute_url())
    return render(
        request,
        "community/thread_form.html",
        {"community": community, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_GET
@login_required
def thread_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = queries.access_thread_for(request.user, pk)
    user = request.user
    subscription = thread.subscriptions.filter(person=user).first()
    return render(
        request,
        "community/thread_detail.html",
        {
            "thread": thread,
            "community": thread.community,
            "posts": queries.posts_of(thread),
            "is_moderator": queries.is_moderator(user, thread.community),
            "may_accept": queries.may_accept(user, thread),
            "subscription": subscription.state if subscription else None,
            "offers": thread.offers.count() if thread.asks_network else None,
            "reply_form": forms.ReplyForm(),
            "sheet_form": forms.SheetForm(initial={"title": thread.title}),
            "sheet": PracticeSheet.objects.filter(source_id=thread.accepted_id).first()
            if thread.accepted_id
            else None,
        },
    )


@require_POST
@login_required
@ratelimit(
    key="user", rate=POST_RATE, method="POST", group="community-post", block=False
)
def reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = queries.access_thread_for(request.user, pk)
    form = forms.ReplyForm(request.POST, request.FILES)
    if _limited(request):
        return redirect(thread.get_absolute_url())
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect(thread.get_absolute_url())
    if _attempt(
        request, lambda: actions.reply(request.user, thread, **form.cleaned_data)
    ):
        messages.success(request, _("Your reply is posted."))
    return redirect(thread.get_absolute_url())


@require_POST
@login_required
def subscription(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = queries.access_thread_for(request.user, pk)
    form = forms.SubscriptionForm(request.POST)
    if form.is_valid():
        actions.set_subscription(request.user, thread, state=form.cleaned_data["state"])
        messages.success(request, _("Your choice for this thread is saved."))
    return redirect(thread.get_absolute_url())


@require_POST
@login_required
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = queries.access_post_for(request.user, pk)
    if _attempt(request, lambda: actions.accept_answer(request.user, post)):
        messages.success(request, _("The answer is accepted."))
    return redirect(post.get_absolute_url())
