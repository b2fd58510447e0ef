"""What communities give the network: practice sheets, intercity challenges and
exchanges.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.community.models.communities import BODY_MAX, TITLE_MAX
from courses.community.models.threads import Post
from lms.models import Network, Organisation
from skills.models import Competence


class PracticeSheet(models.Model):
    """A short reusable page a moderator made from an accepted answer, readable
    by the whole network of the community's town."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="practice_sheets"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("practice"), max_length=BODY_MAX)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), related_name="practice_sheets"
    )
    source = models.OneToOneField(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="sheet"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("practice sheet")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:sheet-detail", args=[self.pk])


class Challenge(models.Model):
    """What a town wants to learn from the others ("open our budget data")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="challenges"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("description"), max_length=BODY_MAX)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:challenge-detail", args=[self.pk])


class Exchange(models.Model):
    """A peer visit or call between the challenge's town and another, with what
    came of it."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="exchanges"
    )
    with_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("with the town"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    happened_on = models.DateField(_("date"))
    outcome = models.TextField(_("outcome"), max_length=BODY_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.happened_on}"
