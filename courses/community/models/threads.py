"""Community threads: questions, their posts and attachments, mentions, follows,
offers to help, notifications.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.community.models.communities import BODY_MAX, TITLE_MAX, Community
from skills.models import Competence


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="threads"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    needed_level = models.PositiveSmallIntegerField(
        _("level needed"), null=True, blank=True
    )
    asks_network = models.BooleanField(
        _("ask colleagues of other towns"), default=False
    )
    accepted = models.OneToOneField(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread-detail", args=[self.pk])

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    def clean(self) -> None:
        if self.asks_network and not (
            self.is_question and self.competence_id and self.needed_level
        ):
            raise ValidationError(
                _("To ask the network, name a competence and the level needed.")
            )
        if self.competence is not None and self.needed_level is not None:
            top = self.competence.version.levels.count()
            if not 1 <= self.needed_level <= top:
                raise ValidationError(
                    {"needed_level": _("Choose a level of the framework's scale.")}
                )


class Post(models.Model):
    """One message: a thread's opening post or a reply. Plain text, shown
    escaped; a moderator may hide it (the row stays, for the trail)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("message"), max_length=BODY_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="one_mention")
        ]

    def __str__(self) -> str:
        return f"@{self.person_id} in {self.post_id}"


class Subscription(models.Model):
    """Following a thread (hear of each reply) or muting it (hear nothing, not
    even mentions)."""

    class State(models.TextChoices):
        FOLLOW = "follow", _("Following")
        MUTE = "mute", _("Muted")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="subscriptions"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "person"], name="one_subscription"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.state} {self.thread_id}"


class Offer(models.Model):
    """A question of the network offered to one helper (who opted in)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="offers")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField()
    rank = models.PositiveSmallIntegerField()
    offered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "helper"], name="one_offer")
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} → {self.helper_id}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("New reply")
        MENTION = "mention", _("Mentioned")
        OFFER = "offer", _("A question for you")
        ACCEPTED = "accepted", _("Answer accepted")
        REPORT = "report", _("Post reported")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_notifications",
    )
    kind = models.CharField(max_length=10, choices=Kind)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the notification left by e-mail (immediately or in a digest).
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "mailed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id}"


# Attachments: what a post may carry, kept as Wagtail documents in the poster's
# town's collection (served by Wagtail's view, access checked per download).
ATTACHMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "ods", "csv", "txt")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_POST = 3


class Attachment(models.Model):
    """A file attached to a post: a document of the poster's town's collection.
    Readable by whoever may read the post (``queries.may_download_attachment``)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.document_id}"
