"""After a session: satisfaction answers, notices to trainers, reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import (
    BaseValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.training.models.registrations import Registration
from courses.training.models.sessions import TrainingSession


def _scale() -> list[BaseValidator]:
    return [MinValueValidator(1), MaxValueValidator(5)]


class SatisfactionAnswer(models.Model):
    """One participant's answer to the questionnaire after a session: five
    fixed statements rated from 1 (disagree) to 5 (agree), and a comment."""

    QUESTIONS = (
        ("content", _("The content met my needs.")),
        ("trainer", _("The trainer explained clearly.")),
        ("practice", _("I can apply what I learnt in my work.")),
        ("organisation", _("The organisation (place, timing, materials) suited me.")),
        ("overall", _("Overall, I am satisfied with this session.")),
    )

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="satisfaction",
    )
    content = models.PositiveSmallIntegerField(validators=_scale())
    trainer = models.PositiveSmallIntegerField(validators=_scale())
    practice = models.PositiveSmallIntegerField(validators=_scale())
    organisation = models.PositiveSmallIntegerField(validators=_scale())
    overall = models.PositiveSmallIntegerField(validators=_scale())
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")

    def __str__(self) -> str:
        return f"{self.registration}: {self.overall}/5"


class TrainerNotice(models.Model):
    """The participant list already sent to a trainer, so it goes once."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="trainer_notices"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("participant list sent")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainer"], name="trainer_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} – {self.trainer_id}"


class Reminder(models.Model):
    """A reminder already sent, under a unique key so none goes twice."""

    class Kind(models.TextChoices):
        DAY_BEFORE = "day_before", _("The day before")
        APPROVAL = "approval", _("Approval awaited")
        SATISFACTION = "satisfaction", _("Satisfaction questionnaire")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"], name="training_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} – {self.kind}"
