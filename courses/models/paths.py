"""Recommended paths: courses in order, advised to departments. Advice, not
mandatory training: no due date, never late, never in compliance figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.pages import CoursePage
from lms.models import Department, Organisation


class LearningPath(models.Model):
    """Courses a town recommends, in order, to departments (with their
    sub-departments). Membership is evaluated when asked, as for mandatory
    training, so people who join the department later see the path too."""

    class Reason(models.TextChoices):
        # A plain description of where the path comes from: the course core
        # names no app above it, the page words each reason.
        DIGITAL_PLAN = "digital_plan", _("A digital plan action")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="learning_paths",
    )
    title = models.CharField(_("title"), max_length=200)
    reason = models.CharField(_("why"), max_length=20, choices=Reason)
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments (with their sub-departments)")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recommended path")
        verbose_name_plural = _("recommended paths")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class LearningPathCourse(models.Model):
    """One course of a path, at its place."""

    path = models.ForeignKey(
        LearningPath, on_delete=models.CASCADE, related_name="steps"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "course"], name="one_step_per_course"
            ),
            models.UniqueConstraint(
                fields=["path", "position"], name="one_course_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path_id}: {self.position}. {self.course_id}"
