"""What the platform remembers about its own handling of personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation


class PersonalDataExport(models.Model):
    """One download of other people's personal data: who, when, what.

    Written by ``lms.privacy.middleware.ExportLogMiddleware`` for every export
    view named in ``lms.privacy.exports``; never edited.
    """

    class Kind(models.TextChoices):
        PEOPLE_FILE = "people-file", _("People file")
        DASHBOARD = "dashboard", _("Dashboard figures")
        PERSON_ARCHIVE = "person-archive", _("A person's data archive")
        TRAINING = "training", _("Training attendance and hours")

    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("exported"), default=timezone.now)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    path = models.CharField(_("address"), max_length=1000)

    class Meta:
        app_label = "lms"
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-exported_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "exported_at"])]

    def __str__(self) -> str:
        return f"{self.exported_at:%Y-%m-%d %H:%M} {self.kind} {self.detail}"


class Anonymisation(models.Model):
    """A person's records were anonymised: when, by whom (none: the retention
    rule), and why. Names nobody: the person's row is already anonymous."""

    class Reason(models.TextChoices):
        LEFT = "left", _("Left the organisation (HR)")
        RETENTION = "retention", _("Retention period over")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="anonymisation",
    )
    anonymised_at = models.DateTimeField(_("anonymised"), default=timezone.now)
    anonymised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anonymised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason)

    class Meta:
        app_label = "lms"
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-anonymised_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.anonymised_at:%Y-%m-%d} ({self.reason})"
