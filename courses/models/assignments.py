"""Mandatory training: who must take a course by when, and the reminders sent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from courses.choices import DueKind
from courses.models.pages import CoursePage
from lms.models import Department, JobRole, Organisation


class Assignment(models.Model):
    """Mandatory training: a course for departments, job roles, officials or people.

    Membership is evaluated when asked, so people who join later are assigned
    automatically. The due date is fixed, or relative to each person's hire date.
    """

    DueKind = DueKind

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments (with their sub-departments)"),
        blank=True,
    )
    job_roles = models.ManyToManyField(JobRole, verbose_name=_("job roles"), blank=True)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named people"),
        blank=True,
        related_name="named_assignments",
    )
    include_elected = models.BooleanField(_("all elected officials"), default=False)
    due_kind = models.CharField(
        _("due"), max_length=12, choices=DueKind, default=DueKind.FIXED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_days = models.PositiveIntegerField(
        _("days after arrival"), null=True, blank=True
    )
    existing_staff_due_date = models.DateField(
        _("existing staff: due by"),
        null=True,
        blank=True,
        help_text=_(
            "Only for a due date after arrival. People already there when this "
            "training is created (or whose arrival date is unknown) must finish by "
            "this date. Empty: the number of days counts from the creation."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mandatory training")
        verbose_name_plural = _("mandatory training")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.course)

    def get_report_url(self) -> str:
        return reverse("courses:assignment-detail", args=[self.pk])

    @property
    def report_link(self) -> str:
        return format_html(
            '<a href="{}">{}</a>', self.get_report_url(), _("Who is done")
        )

    def clean(self) -> None:
        if self.due_kind == self.DueKind.FIXED and not self.due_date:
            raise ValidationError({"due_date": _("Give the due date.")})
        if self.due_kind == self.DueKind.AFTER_HIRE and not self.due_days:
            raise ValidationError({"due_days": _("Give the number of days.")})
        if self.existing_staff_due_date is None:
            return
        if self.due_kind != self.DueKind.AFTER_HIRE:
            raise ValidationError(
                {
                    "existing_staff_due_date": _(
                        "A date for existing staff only goes with a due date "
                        "after arrival."
                    )
                }
            )
        created = timezone.localtime(self.created_at or timezone.now()).date()
        if self.existing_staff_due_date < created:
            raise ValidationError(
                {
                    "existing_staff_due_date": _(
                        "Give a date on or after %(date)s: an earlier one would "
                        "make existing staff late at once."
                    )
                    % {"date": created.strftime("%d/%m/%Y")}
                }
            )

    def is_existing_staff(self, hire_date: dt.date | None) -> bool:
        """Whether someone with this hire date was already there at its creation."""
        created = timezone.localtime(self.created_at).date()
        return hire_date is None or hire_date < created


class ReminderSent(models.Model):
    """One reminder e-mail; the unique key makes sending it twice impossible."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        OVERDUE = "overdue", _("After the due date")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "kind"], name="one_reminder_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} → {self.user_id} ({self.kind})"
