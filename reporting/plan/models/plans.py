"""The local digital plan and its actions.

A plan's status moves draft → submitted → adopted, each move a row. A scaled
pilot becomes an action of the town's plan (the action keeps a link to it),
as does another town's practice (its town stays credited). Progress is
history: milestones are ticked and indicator values are added, never
overwritten.
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
from reporting.plan.models.pilots import Pilot, Practice


class Plan(models.Model):
    """The town's local digital plan for a period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the council")
        ADOPTED = "adopted", _("Adopted")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="digital_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    vision = models.TextField(_("vision"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("local digital plan")
        verbose_name_plural = _("local digital plans")
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:plan-detail", args=[self.pk])

    def clean(self) -> None:
        _check_dates(self.starts_on, self.ends_on)

    @property
    def is_open_for_comments(self) -> bool:
        return self.status != self.Status.ADOPTED


class PlanTransition(models.Model):
    """Who moved the plan from one status to the next, and when (history)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=Plan.Status)
    to_status = models.CharField(max_length=10, choices=Plan.Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.from_status} → {self.to_status}"


class Action(models.Model):
    """One action of a plan, carried by a department."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(
        Department,
        verbose_name=_("owner department"),
        on_delete=models.PROTECT,
        related_name="plan_actions",
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    cost = models.DecimalField(
        _("cost (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    indicator = models.CharField(_("indicator"), max_length=200)
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    risk = models.TextField(_("risk"), blank=True)
    pilot = models.ForeignKey(
        Pilot,
        verbose_name=_("from the pilot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    practice = models.ForeignKey(
        Practice,
        verbose_name=_("adopted from the practice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
    )
    assignments = models.ManyToManyField(
        "courses.Assignment",
        verbose_name=_("mandatory training it started"),
        blank=True,
        related_name="+",
    )
    learning_path = models.OneToOneField(
        "courses.LearningPath",
        verbose_name=_("recommended path it made"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["starts_on", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:action-detail", args=[self.pk])

    def clean(self) -> None:
        _check_dates(self.starts_on, self.ends_on)
        if self.plan_id:
            _check_department(self.department_id, self.plan.organisation_id)
            pilot = self.pilot if self.pilot_id else None
            if pilot is not None and pilot.organisation_id != self.plan.organisation_id:
                raise ValidationError(
                    {"pilot": _("Choose a pilot of your own organisation.")}
                )


class ActionCompetence(models.Model):
    """A competence the action needs, at the level its staff should reach."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="needs")
    competence = models.ForeignKey(
        "skills.Competence",
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(
        _("level needed"), validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["competence__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "competence"], name="one_need_per_competence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competence} ≥ {self.level}"

    def clean(self) -> None:
        top = self.competence.version.levels.count() if self.competence_id else 0
        if self.level is not None and not 1 <= self.level <= top:
            raise ValidationError(
                {"level": _("Choose a level of the framework's scale.")}
            )


class Milestone(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class IndicatorValue(models.Model):
    """One measure of the action's indicator: added, never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.action_id} {self.measured_on}={self.value}"


class Comment(models.Model):
    """An elected official's (or HR's) comment on a plan before adoption."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.body[:40]}"
