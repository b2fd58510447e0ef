"""Community pages: the home page, a new community, a community, joining,
moderators, preferences.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.community import actions, forms, panels, queries
from courses.community.models import Membership, Notification
from lms.http import AuthenticatedHttpRequest


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
