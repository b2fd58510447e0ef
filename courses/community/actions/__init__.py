"""Every write of communities, by topic; importers use ``courses.community.actions``."""

from courses.community.actions.common import (
    CONTROL,
    MENTION,
    MENTION_LIMIT,
    clean_text,
    mentioned_names,
)
from courses.community.actions.communities import (
    create_community,
    join,
    make_moderator,
    save_preference,
)
from courses.community.actions.moderation import (
    hide_post,
    report_post,
    restore_post,
)
from courses.community.actions.practices import (
    make_practice_sheet,
    post_challenge,
    record_exchange,
)
from courses.community.actions.threads import (
    SIGNATURES,
    accept_answer,
    check_attachments,
    offer_to_helpers,
    reply,
    set_subscription,
    start_thread,
)

__all__ = [
    "CONTROL",
    "MENTION",
    "MENTION_LIMIT",
    "SIGNATURES",
    "accept_answer",
    "check_attachments",
    "clean_text",
    "create_community",
    "hide_post",
    "join",
    "make_moderator",
    "make_practice_sheet",
    "mentioned_names",
    "offer_to_helpers",
    "post_challenge",
    "record_exchange",
    "reply",
    "report_post",
    "restore_post",
    "save_preference",
    "set_subscription",
    "start_thread",
]
