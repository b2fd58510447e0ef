"""Pilots and the practices towns share.

A pilot is a digital service tested in one department; once evaluated it is
stopped, continued or scaled. A scaled pilot may be published to the network
as a practice that other towns adopt into their own plan.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Department, Organisation
from reporting.plan.models.checks import _check_dates, _check_department


class Pilot(models.Model):
    """A digital service tested in a department, and what was learnt."""

    class ExperimentType(models.TextChoices):
        SOLUTION = "solution", _("Solution: does it work?")
        PEOPLE = "people", _("People: will staff and residents use it?")
        IMPACT = "impact", _("Impact: does it change the outcome?")
        RESOURCES = "resources", _("Resources: can the town afford and run it?")

    class Decision(models.TextChoices):
        PENDING = "", _("Not decided yet")
        STOP = "stop", _("Stop")
        CONTINUE = "continue", _("Continue testing")
        SCALE = "scale", _("Scale")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pilots"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="pilots",
    )
    title = models.CharField(_("digital service tested"), max_length=200)
    assumption = models.TextField(_("assumption tested"))
    experiment_type = models.CharField(
        _("experiment type"), max_length=12, choices=ExperimentType
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team"),
        blank=True,
        related_name="pilots",
    )
    competences = models.ManyToManyField(
        "skills.Competence",
        verbose_name=_("competences it required"),
        blank=True,
        related_name="+",
    )
    indicators = models.TextField(_("indicators"), blank=True)
    results = models.TextField(_("results"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision, blank=True, default=""
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:pilot-detail", args=[self.pk])

    def clean(self) -> None:
        _check_dates(self.starts_on, self.ends_on)
        _check_department(self.department_id, self.organisation_id)


class Practice(models.Model):
    """A scaled pilot published to the network for other towns to adopt."""

    pilot = models.OneToOneField(
        Pilot, on_delete=models.CASCADE, related_name="practice"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("town of origin"),
        on_delete=models.CASCADE,
        related_name="practices",
    )
    summary = models.TextField(_("what other towns should know"))
    community = models.ForeignKey(
        "community.Community",
        verbose_name=_("community of practice where it is discussed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_practices",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shared practice")
        verbose_name_plural = _("shared practices")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.pilot} ({self.organisation})"

    def clean(self) -> None:
        """The community must be one every reader of the practice may open:
        open to the network of the practice's town, or the town's own."""
        if not self.community_id or not self.organisation_id:
            return
        community = self.community
        if community.organisation_id == self.organisation_id:
            return
        network_id = self.organisation.network_id
        if (
            network_id is None
            or community.scope != "network"
            or community.organisation.network_id != network_id
        ):
            raise ValidationError(
                {"community": _("Choose a community open to your network.")}
            )
