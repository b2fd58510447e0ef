"""Who sees and may do what in communities: the access helpers and the small
reads the pages make about a community, its threads and members.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from courses.community.models import (
    Attachment,
    Community,
    Membership,
    Post,
    Preference,
    Report,
    Thread,
)
from lms.models import Organisation, User


def _network_of(user: User) -> Any:
    """The person's network id as a subquery (no round trip of its own)."""
    return Organisation.objects.filter(
        pk=user.organisation_id or 0, network__isnull=False
    ).values("network_id")


def communities_visible_to(user: User) -> QuerySet[Community]:
    if not user.is_authenticated or not user.is_active:
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    if user.organisation_id is None:
        return Community.objects.none()
    return Community.objects.filter(
        Q(organisation_id=user.organisation_id)
        | Q(
            scope=Community.Scope.NETWORK,
            organisation__network_id__in=_network_of(user),
        )
    )


def access_community_for(user: User, pk: int) -> Community:
    community = (
        communities_visible_to(user)
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )
    if community is None:
        raise Http404
    return community


def access_thread_for(user: User, pk: int) -> Thread:
    thread = (
        Thread.objects.filter(community__in=communities_visible_to(user), pk=pk)
        .select_related(
            "community__organisation",
            "author__organisation",
            "competence",
            "accepted",
        )
        .first()
    )
    if thread is None:
        raise Http404
    return thread


def access_post_for(user: User, pk: int) -> Post:
    post = (
        Post.objects.filter(thread__community__in=communities_visible_to(user), pk=pk)
        .select_related("thread__community", "thread__competence", "author")
        .first()
    )
    if post is None:
        raise Http404
    return post


def membership_of(user: User, community: Community) -> Membership | None:
    return Membership.objects.filter(community=community, person=user).first()


def is_moderator(user: User, community: Community) -> bool:
    """Platform admins and the community's moderators."""
    return user.is_superuser or (
        Membership.objects.filter(
            community=community, person=user, role=Membership.Role.MODERATOR
        ).exists()
    )


def may_accept(user: User, thread: Thread) -> bool:
    """The asker or a moderator, while the question has no accepted answer."""
    return (
        thread.is_question
        and thread.accepted_id is None
        and (user.pk == thread.author_id or is_moderator(user, thread.community))
    )


def moderated_by(user: User) -> QuerySet[Community]:
    return communities_visible_to(user).filter(
        memberships__person=user, memberships__role=Membership.Role.MODERATOR
    )


def threads_of(community: Community) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(community=community)
        .select_related("author__organisation", "competence")
        .annotate(replies=Count("posts", filter=Q(posts__hidden_at=None)))
    )


def posts_of(thread: Thread) -> QuerySet[Post]:
    """The thread's posts with their authors' towns and their attachments."""
    return thread.posts.select_related("author__organisation").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.select_related("document"))
    )


def may_download_attachment(user: User, document: Any) -> bool:
    """Whether ``document`` is attached to a post ``user`` may read: in a
    community they see, the post not hidden (or they moderate the community)."""
    attached = Attachment.objects.filter(
        document=document,
        post__thread__community__in=communities_visible_to(user),
    )
    return attached.filter(
        Q(post__hidden_at__isnull=True)
        | Q(
            post__thread__community__memberships__person=user,
            post__thread__community__memberships__role=Membership.Role.MODERATOR,
        )
    ).exists()


def members_of(community: Community) -> QuerySet[Membership]:
    return community.memberships.select_related("person__organisation").order_by(
        "-role", "person__last_name", "person__first_name"
    )


def preference_of(person: User) -> Preference:
    """The person's choices, defaults if they never chose (nothing is written)."""
    return Preference.objects.filter(person=person).first() or Preference(person=person)


def open_reports(community: Community) -> QuerySet[Report]:
    return Report.objects.filter(
        post__thread__community=community, resolved_at=None
    ).select_related("post__thread", "post__author", "reporter")
