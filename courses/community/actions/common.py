"""What several community writes share: the stored text of a message, mentions,
notifications, who may post in a thread, the moderation trail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses.community.models import (
    BODY_MAX,
    Community,
    ModerationEntry,
    Notification,
    Post,
    Preference,
    Subscription,
    Thread,
)
from courses.community.queries import communities_visible_to
from courses.community.tasks import send_notification
from lms.models import User

# More distinct @names than this in one post is a flood: the post is refused.
MENTION_LIMIT = 5
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
# Control characters other than tab and newline have no place in a message.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- text ------------------------------------------------------------------


def clean_text(text: str, *, limit: int = BODY_MAX) -> str:
    """The message as stored: plain text, line ends normalised, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(_("Write a message."))
    if CONTROL.search(text):
        raise ValidationError(_("The message contains characters that are not text."))
    if len(text) > limit:
        raise ValidationError(
            _("The message is too long: %(limit)s characters at most.")
            % {"limit": limit}
        )
    return text


def mentioned_names(text: str) -> list[str]:
    """Distinct @names in order (a trailing full stop ends the sentence)."""
    names: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".").lower()
        if name and name not in names:
            names.append(name)
    return names


def _check_mentions(text: str) -> list[str]:
    names = mentioned_names(text)
    if len(names) > MENTION_LIMIT:
        raise ValidationError(
            _("Mention %(limit)s people at most in one message.")
            % {"limit": MENTION_LIMIT}
        )
    return names


# --- notifications ---------------------------------------------------------


def _notify(
    people: Iterable[User], kind: str, thread: Thread, post: Post | None = None
) -> list[Notification]:
    """One notification per person, except for those who muted the thread;
    e-mailed at once to those who asked for it."""
    by_pk: dict[int, User] = {p.pk: p for p in people if p.is_active}
    muted = set(
        Subscription.objects.filter(
            thread=thread, person_id__in=by_pk, state=Subscription.State.MUTE
        ).values_list("person_id", flat=True)
    )
    digest_or_none = set(
        Preference.objects.filter(person_id__in=by_pk)
        .exclude(delivery=Preference.Delivery.IMMEDIATE)
        .values_list("person_id", flat=True)
    )
    created = []
    for pk, person in by_pk.items():
        if pk in muted:
            continue
        notification = Notification(person=person, kind=kind, thread=thread, post=post)
        notification.full_clean()
        notification.save()
        created.append(notification)
        # No preference row means the default: immediate.
        if pk not in digest_or_none:
            transaction.on_commit(partial(send_notification.enqueue, notification.pk))
    return created


def _may_post(person: User, thread: Thread) -> None:
    if not communities_visible_to(person).filter(pk=thread.community_id).exists():
        raise PermissionDenied(_("This community is not open to you."))


# --- moderation ------------------------------------------------------------


def _trail(
    community: Community,
    actor: User,
    action: str,
    *,
    post: Post | None = None,
    note: str = "",
) -> ModerationEntry:
    entry = ModerationEntry(
        community=community, actor=actor, action=action, post=post, note=note[:500]
    )
    entry.full_clean()
    entry.save()
    return entry
