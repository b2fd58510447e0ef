"""Community models, by topic; Django finds them here and importers use ``courses.community.models``."""

from courses.community.models.communities import (
    BODY_MAX,
    TITLE_MAX,
    Community,
    Membership,
    Preference,
)
from courses.community.models.moderation import (
    ModerationEntry,
    Report,
)
from courses.community.models.practices import (
    Challenge,
    Exchange,
    PracticeSheet,
)
from courses.community.models.threads import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    ATTACHMENTS_PER_POST,
    Attachment,
    Mention,
    Notification,
    Offer,
    Post,
    Subscription,
    Thread,
)

__all__ = [
    "ATTACHMENTS_PER_POST",
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_TYPES",
    "Attachment",
    "BODY_MAX",
    "Challenge",
    "Community",
    "Exchange",
    "Membership",
    "Mention",
    "ModerationEntry",
    "Notification",
    "Offer",
    "Post",
    "PracticeSheet",
    "Preference",
    "Report",
    "Subscription",
    "TITLE_MAX",
    "Thread",
]
