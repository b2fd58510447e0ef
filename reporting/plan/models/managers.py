"""Plan managers: people HR names to write the town's pilots and plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation


class PlanManager(models.Model):
    """A person of the town HR named to write its pilots and plan beside HR
    (the town's digital lead, say). One appointment per person; it counts only
    while the person still belongs to ``organisation``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plan_managers"
    )
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="plan_manager",
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.person_id}"
