"""Community pages, by topic; the URLconf uses ``courses.community.views``."""

from courses.community.views.common import (
    POST_RATE,
    REPORT_RATE,
)
from courses.community.views.communities import (
    community_detail,
    community_new,
    home,
    join,
    make_moderator,
    preferences,
)
from courses.community.views.moderation import (
    hide,
    make_sheet,
    moderation,
    report,
    restore,
)
from courses.community.views.practices import (
    challenge_detail,
    challenge_list,
    sheet_detail,
    sheet_list,
)
from courses.community.views.threads import (
    accept,
    reply,
    subscription,
    thread_detail,
    thread_new,
)

__all__ = [
    "POST_RATE",
    "REPORT_RATE",
    "accept",
    "challenge_detail",
    "challenge_list",
    "community_detail",
    "community_new",
    "hide",
    "home",
    "join",
    "make_moderator",
    "make_sheet",
    "moderation",
    "preferences",
    "reply",
    "report",
    "restore",
    "sheet_detail",
    "sheet_list",
    "subscription",
    "thread_detail",
    "thread_new",
]
