"""Pages of communities, practice sheets and intercity exchanges. Each view
starts from an access helper (404 for what the person may not see)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from courses.community import actions, forms, panels, queries
from courses.community.models import Challenge, Membership, Notification, PracticeSheet
from lms.http import AuthenticatedHttpRequest

# Messages per person (threads and replies together), and reports.
POST_RATE = "10/m"
REPORT_RATE = "20/h"


def _error(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _limited(request: AuthenticatedHttpRequest) -> bool:
    if getattr(request, "limited", False):
        messages.error(request, _("Too many messages at once: wait a minute."))
        return True
    return False


def _attempt(request: AuthenticatedHttpRequest, write: Callable[[], object]) -> bool:
    try:
        write()
    except ValidationError as error:
        _error(request, error)
        return False
    return True


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    communities = (
        queries.communities_visible_to(user)
        .select_related("organisation")
        .order_by("name", "pk")
    )
    mine = set(
        Membership.objects.filter(person=user).values_list("community_id", flat=True)
    )
    return render(
        request,
        "community/home.html",
        {
            "communities": communities,
            "mine": mine,
            "offers": queries.offers_for(user)[:10],
            "notifications": Notification.objects.filter(person=user)
            .select_related("thread")
            .order_by("-created_at", "-pk")[:10],
            "may_open": user.is_superuser or user.is_hr_admin,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def community_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if user.organisation is None or not queries.may_speak_for_town(
        user, user.organisation
    ):
        raise PermissionDenied
    form = forms.CommunityForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            community = actions.create_community(
                user, organisation=user.organisation, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(community.get_absolute_url())
    return render(request, "community/community_form.html", {"form": form})


@require_GET
@login_required
def community_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    community = queries.access_community_for(request.user, pk)
    return render(
        request,
        "community/community_detail.html",
        {
            "community": community,
            "competences": community.competences.all(),
            "threads": queries.threads_of(community),
            "membership": queries.membership_of(request.user, community),
            "is_moderator": queries.is_moderator(request.user, community),
            "members": community.memberships.count(),
            "panels": panels.panels_for(request.user, community),
        },
    )


@require_POST
@login_required
def join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    community = queries.access_community_for(request.user, pk)
    actions.join(request.user, community)
    messages.success(request, _("You joined the community."))
    return redirect(community.get_absolute_url())


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


@require_POST
@login_required
def make_moderator(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("community", "person"),
        pk=pk,
        community__in=queries.communities_visible_to(request.user),
    )
    actions.make_moderator(request.user, membership)
    messages.success(
        request, _("%(person)s moderates now.") % {"person": membership.person}
    )
    return redirect("community:moderation", membership.community_id)


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.PreferenceForm(
        request.POST or None, instance=queries.preference_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        actions.save_preference(request.user, **form.cleaned_data)
        messages.success(request, _("Your preferences are saved."))
        return redirect("community:preferences")
    return render(request, "community/preferences.html", {"form": form})


@require_GET
@login_required
def sheet_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    sheets = (
        queries.sheets_visible_to(request.user)
        .select_related("organisation")
        .prefetch_related("competences")
    )
    return render(request, "community/sheet_list.html", {"sheets": sheets})


@require_GET
@login_required
def sheet_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sheet = queries.access_sheet_for(request.user, pk)
    return render(request, "community/sheet_detail.html", {"sheet": sheet})


@require_http_methods(["GET", "POST"])
@login_required
def challenge_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    town = user.organisation
    may_post = town is not None and queries.may_speak_for_town(user, town)
    form = forms.ChallengeForm(request.POST or None, user=user) if may_post else None
    if request.method == "POST":
        if form is None or town is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                challenge = actions.post_challenge(
                    user, organisation=town, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(challenge.get_absolute_url())
    challenges = queries.challenges_visible_to(user).select_related("organisation")
    return render(
        request,
        "community/challenge_list.html",
        {"challenges": challenges, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def challenge_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    challenge = queries.access_challenge_for(request.user, pk)
    town = challenge.organisation
    may_record = queries.may_speak_for_town(request.user, town)
    form = forms.ExchangeForm(request.POST or None, town=town) if may_record else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.record_exchange(request.user, challenge, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The exchange is recorded."))
                return redirect(challenge.get_absolute_url())
    return _challenge_page(request, challenge, form)


def _challenge_page(
    request: AuthenticatedHttpRequest,
    challenge: Challenge,
    form: forms.ExchangeForm | None,
) -> HttpResponse:
    return render(
        request,
        "community/challenge_detail.html",
        {
            "challenge": challenge,
            "suggestions": queries.suggested_towns(challenge),
            "exchanges": challenge.exchanges.select_related("with_organisation"),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )
