"""Community e-mails in the person's language: one notification, or a digest.

Plain text, short lines and a link per item: readable on a slow connection.
Message bodies are not copied into e-mails (hidden later by a moderator, they
would stay in inboxes): the e-mail says what happened and where.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.community.models import Notification
from lms.models import User


def _line(notification: Notification) -> str:
    thread = notification.thread
    texts = {
        Notification.Kind.REPLY: _("New reply in “%(title)s”"),
        Notification.Kind.MENTION: _("You were mentioned in “%(title)s”"),
        Notification.Kind.OFFER: _("A colleague of another town asks: “%(title)s”"),
        Notification.Kind.ACCEPTED: _("Your answer was accepted: “%(title)s”"),
        Notification.Kind.REPORT: _("A message was reported in “%(title)s”"),
    }
    return texts[Notification.Kind(notification.kind)] % {"title": thread.title}


def _link(notification: Notification) -> str:
    return settings.SITE_URL + notification.thread.get_absolute_url()


def _footer() -> list[str]:
    return [
        "",
        _("Choose how you hear from communities: %(url)s")
        % {"url": settings.SITE_URL + reverse("community:preferences")},
    ]


def build_notification(notification: Notification) -> EmailMessage:
    person = notification.person
    with translation.override(person.preferred_language):
        subject = _line(notification)
        body = [subject, "", _link(notification), *_footer()]
        return EmailMessage(subject, "\n".join(body), None, [person.email])


def build_digest(
    person: User, notifications: Sequence[Notification], *, weekly: bool
) -> EmailMessage:
    with translation.override(person.preferred_language):
        subject = (
            _("Your weekly digest of communities")
            if weekly
            else _("Your daily digest of communities")
        )
        body = [subject, ""]
        for notification in notifications:
            body += ["- " + _line(notification), "  " + _link(notification)]
        return EmailMessage(
            subject, "\n".join([*body, *_footer()]), None, [person.email]
        )
