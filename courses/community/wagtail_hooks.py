"""Communities plug into Wagtail's document serving: who may read a post may
download its attachments, whatever their town (``courses.documents``)."""

from __future__ import annotations

from typing import Any

from wagtail import hooks

from courses.community.queries import may_download_attachment
from lms.models import User


@hooks.register("document_download_granted")
def attachments_of_readable_posts(user: User, document: Any) -> bool:
    return may_download_attachment(user, document)
