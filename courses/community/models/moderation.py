"""Moderation: reports on posts and the community's moderation trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.community.models.communities import Community
from courses.community.models.threads import Post


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report")
        ]

    def __str__(self) -> str:
        return f"report of {self.post_id}"


class ModerationEntry(models.Model):
    """The audit trail: who did what to which post or thread, when. Append-only."""

    class Action(models.TextChoices):
        REPORT = "report", _("Reported a post")
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        ACCEPT = "accept", _("Accepted an answer")
        SHEET = "sheet", _("Made a practice sheet")
        MODERATOR = "moderator", _("Made a moderator")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="trail"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action)
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("The moderation trail is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
