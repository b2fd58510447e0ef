"""Communities of practice, their members and each person's preferences."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation
from skills.models import Competence

TITLE_MAX = 200
BODY_MAX = 5000


class Preference(models.Model):
    """A person's choices: helping other towns (off until they say so) and how
    they hear about what happens in their communities."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("An e-mail for each notification")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")
        NONE = "none", _("No e-mail")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_preference",
    )
    helps_network = models.BooleanField(
        _("offer my help to colleagues of other towns"),
        default=False,
        help_text=_(
            "Questions of other towns of the network on competences where your "
            "level is established (validated or assessed) may be offered to you."
        ),
    )
    delivery = models.CharField(
        _("notifications by e-mail"),
        max_length=10,
        choices=Delivery,
        default=Delivery.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("community preference")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.delivery}"


class Community(models.Model):
    class Scope(models.TextChoices):
        NETWORK = "network", _("The whole network")
        TOWN = "town", _("This town only")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("town"),
        on_delete=models.CASCADE,
        related_name="communities",
    )
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    scope = models.CharField(
        _("open to"), max_length=10, choices=Scope, default=Scope.NETWORK
    )
    competences = models.ManyToManyField(
        Competence,
        verbose_name=_("competences"),
        blank=True,
        related_name="communities",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:community-detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.scope == self.Scope.NETWORK
            and self.organisation_id
            and self.organisation.network_id is None
        ):
            raise ValidationError(
                {"scope": _("This town belongs to no network: keep it to the town.")}
            )


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"], name="one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.community_id} ({self.role})"
