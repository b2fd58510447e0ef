"""What every uploaded package (H5P, SCORM) has in common."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from lms.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ImportedPackage(models.Model):
    """What every uploaded package has: a random key that names its files, a
    title, the town that owns it (none: the platform's), who uploaded it."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    shared = models.BooleanField(
        _("shared with every town"),
        default=False,
        help_text=_(
            "Authors of every town may then choose it in lessons. "
            "Only platform admins may share a package."
        ),
    )
    size_bytes = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("title"), FieldPanel("organisation"), FieldPanel("shared")]

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self) -> StrOrPromise:
        """The owning town, or the platform for a package of no town."""
        organisation = self.organisation  # no query when there is none
        return organisation.name if organisation is not None else _("Platform")
