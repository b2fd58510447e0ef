"""The learning record store: one row per xAPI 1.0.3 statement."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from lms.models import Organisation


class Statement(models.Model):
    """An xAPI 1.0.3 statement, append-only; the statement id makes it idempotent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="statements"
    )
    verb = models.CharField(max_length=255)
    object_id = models.CharField(max_length=500)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    timestamp = models.DateTimeField()
    stored = models.DateTimeField(default=timezone.now)
    data = models.JSONField(help_text="The full statement as stored.")

    class Meta:
        app_label = "courses"
        indexes = [
            models.Index(fields=["actor", "timestamp"]),
            models.Index(fields=["verb", "timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.object_id}"
