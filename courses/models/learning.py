"""Learner state: enrolments, finished lessons, quiz attempts, attestations."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from courses.models.pages import CoursePage, LessonPage


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_enrolment_per_course"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.course}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="one_completion_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at one quiz block; every attempt is kept."""

    token = models.UUIDField(
        unique=True, help_text="Idempotency key from the quiz form."
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    answers = models.JSONField()
    score = models.DecimalField(max_digits=5, decimal_places=4)
    passed = models.BooleanField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id", "number"],
                name="attempt_numbers_are_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} #{self.number}"


def _new_certificate_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join(
        "".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3)
    )


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=20, unique=True, default=_new_certificate_code)
    issued_at = models.DateTimeField(default=timezone.now)
    # What the certificate says, frozen at issue so later renames never alter it.
    holder_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=255)
    organisation_name = models.CharField(max_length=200)
    # How completion was established: "server" (every result scored by the
    # platform) or "content" (some reported by H5P or SCORM content).
    established = models.CharField(max_length=10, default="server")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("courses:certificate-verify", args=[self.code])
