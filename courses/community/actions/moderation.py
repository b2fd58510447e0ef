"""Moderation of community posts: reports, hiding and restoring, each written
in the community's moderation trail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.community.actions.common import _may_post, _notify, _trail, clean_text
from courses.community.models import (
    Membership,
    ModerationEntry,
    Notification,
    Post,
    Report,
)
from courses.community.queries import is_moderator
from lms.models import User


@transaction.atomic
def report_post(reporter: User, post: Post, *, reason: str) -> Report:
    """Anyone who may read the post reports it once; moderators are told."""
    _may_post(reporter, post.thread)
    reason = clean_text(reason, limit=500)
    if Report.objects.filter(post=post, reporter=reporter).exists():
        raise ValidationError(_("You already reported this message."))
    report = Report(post=post, reporter=reporter, reason=reason)
    report.full_clean()
    report.save()
    community = post.thread.community
    _trail(community, reporter, ModerationEntry.Action.REPORT, post=post, note=reason)
    moderators = [
        m.person
        for m in community.memberships.filter(
            role=Membership.Role.MODERATOR
        ).select_related("person")
    ]
    _notify(moderators, Notification.Kind.REPORT, post.thread, post)
    return report


@transaction.atomic
def hide_post(moderator: User, post: Post, *, note: str = "") -> Post:
    community = post.thread.community
    if not is_moderator(moderator, community):
        raise PermissionDenied(_("Only a moderator hides a message."))
    if post.is_hidden:
        raise ValidationError(_("This message is already hidden."))
    now = timezone.now()
    post.hidden_at = now
    post.full_clean()
    post.save(update_fields=["hidden_at"])
    post.reports.filter(resolved_at=None).update(resolved_at=now)
    _trail(community, moderator, ModerationEntry.Action.HIDE, post=post, note=note)
    return post


@transaction.atomic
def restore_post(moderator: User, post: Post, *, note: str = "") -> Post:
    community = post.thread.community
    if not is_moderator(moderator, community):
        raise PermissionDenied(_("Only a moderator restores a message."))
    if not post.is_hidden:
        raise ValidationError(_("This message is not hidden."))
    post.hidden_at = None
    post.save(update_fields=["hidden_at"])
    post.reports.filter(resolved_at=None).update(resolved_at=timezone.now())
    _trail(community, moderator, ModerationEntry.Action.RESTORE, post=post, note=note)
    return post
