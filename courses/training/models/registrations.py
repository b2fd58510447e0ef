"""Sign-ups to sessions and what came of them: registrations, attendance, signed
attendance sheets.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.training.models.sessions import SessionSlot, TrainingSession


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def holding_a_place(self) -> RegistrationQuerySet:
        """Sign-ups that are not cancelled or refused (they block the calendar)."""
        return self.filter(
            status__in=[
                Registration.Status.PENDING,
                Registration.Status.CONFIRMED,
                Registration.Status.WAITLISTED,
            ]
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status)
    # First come, first served: the waiting list is ordered by this.
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="registration_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.session}"


class Attendance(models.Model):
    """Whether a registered person came to one slot, as the trainer or HR saw."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        PARTLY = "partly", _("Partly present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    slot = models.ForeignKey(
        SessionSlot, on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status)
    # Only for "partly present": the minutes attended, which the hours count.
    minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="attendance_once_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.user} – {self.slot}: {self.status}"

    def clean(self) -> None:
        if self.status != self.Status.PARTLY:
            if self.minutes is not None:
                raise ValidationError(
                    {"minutes": _("Minutes are given for partly present only.")}
                )
            return
        if self.minutes is None or not 1 <= self.minutes < self.slot.minutes:
            raise ValidationError(
                {
                    "minutes": _(
                        "Partly present: give the minutes attended, between 1 and "
                        "%(most)s."
                    )
                    % {"most": self.slot.minutes - 1}
                }
            )

    @property
    def minutes_attended(self) -> int:
        if self.status == self.Status.PRESENT:
            return self.slot.minutes
        if self.status == self.Status.PARTLY:
            return self.minutes or 0
        return 0


class SignedSheet(models.Model):
    """A scan of the attendance sheet as signed in the room (PDF, PNG or JPEG).

    Kept in the database, not under MEDIA_ROOT: the web server may serve media
    to anyone, and a signed sheet is for the town's HR and the session's
    trainers only (``training:signed-sheet`` checks who asks).
    """

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="signed_sheets",
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    data = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("signed attendance sheet")
        verbose_name_plural = _("signed attendance sheets")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("training:signed-sheet", args=[self.pk])
