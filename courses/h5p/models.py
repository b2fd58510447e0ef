"""H5P libraries (shared, one per ``machineName major.minor``), imported content,
and what learners do with it: results, answers, saved state."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, LessonPage
from courses.packages import store as package_store
from courses.packages.models import ImportedPackage
from courses.records.models import Statement


class H5PLibrary(models.Model):
    """One H5P library, stored once per ``machineName major.minor`` and shared.

    Importing a package with a newer patch version of an installed library
    replaces its files (H5P's own rule: patches are compatible); an older or equal
    patch leaves the installed one in place.
    """

    machine_name = models.CharField(max_length=127)
    major_version = models.PositiveSmallIntegerField()
    minor_version = models.PositiveSmallIntegerField()
    patch_version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    runnable = models.BooleanField(default=False)
    metadata = models.JSONField(help_text="library.json as imported.")
    installed_at = models.DateTimeField(default=timezone.now)
    # Who installed this version, with which package (a platform admin's
    # decision, see actions.import_h5p).
    installed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    installed_with = models.ForeignKey(
        "courses.H5PPackage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        app_label = "courses"
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"],
                name="one_h5p_library_per_minor_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class H5PPackage(ImportedPackage):
    """Interactive content imported from a ``.h5p`` file."""

    main_library = models.ForeignKey(
        H5PLibrary, on_delete=models.PROTECT, related_name="+"
    )
    libraries = models.ManyToManyField(H5PLibrary, related_name="packages")
    h5p_json = models.JSONField()

    class Meta(ImportedPackage.Meta):
        app_label = "courses"
        verbose_name = _("H5P content")
        verbose_name_plural = _("H5P content")

    @property
    def main_library_name(self) -> str:
        """The main library's machine name, from ``h5p.json`` (no query)."""
        name = (
            self.h5p_json.get("mainLibrary") if isinstance(self.h5p_json, dict) else ""
        )
        return name if isinstance(name, str) else ""

    def content(self) -> object:
        """The content's parameters: ``content/content.json`` as stored at
        import (valid JSON then), or ``None`` when it cannot be read."""
        path = package_store.content_root(self.key) / "content" / "content.json"
        try:
            return json.loads(path.read_bytes().decode("utf-8-sig"))
        except (OSError, ValueError):
            return None


class H5PResult(models.Model):
    """The score of one top-level H5P statement for a block of a lesson: the
    server's own when it can score the answers (``rescored``), else the one the
    statement reported."""

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="+"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="h5p_results"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        H5PPackage, on_delete=models.CASCADE, related_name="results"
    )
    scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    passed = models.BooleanField(default=False)
    # Whether the server scored the answers itself (courses.h5p.scoring); the
    # score the statement claimed stays in the statement.
    rescored = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "courses"
        indexes = [models.Index(fields=["enrolment", "lesson", "block_id"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.block_id} {self.scaled}"


class H5PUserData(models.Model):
    """What H5P content saves to resume where a learner left off ("content user
    data"): one value per data type and sub-content, for one block of a lesson.

    Keyed by package too: when an author swaps the package in a block, the old
    state is never handed to the new content.
    """

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="h5p_user_data"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        H5PPackage, on_delete=models.CASCADE, related_name="user_data"
    )
    sub_content_id = models.CharField(max_length=64, default="0")
    data_type = models.CharField(max_length=64)
    data = models.TextField(help_text="JSON, as the content type saved it.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "courses"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "enrolment",
                    "lesson",
                    "block_id",
                    "package",
                    "sub_content_id",
                    "data_type",
                ],
                name="one_h5p_user_data_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.block_id} {self.data_type}"


class H5PAnswer(models.Model):
    """One answered question inside H5P content, for authors' statistics.

    Kept for every ``answered`` statement that describes a question (a single
    True/False, or each question of a Question Set); a set's own compound answer
    is its ``H5PResult``. ``success`` and ``scaled`` are the server's when it
    scores the question (courses.h5p.scoring), else as reported.
    """

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="+"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="h5p_answers"
    )
    package = models.ForeignKey(
        H5PPackage, on_delete=models.CASCADE, related_name="answers"
    )
    sub_content_id = models.CharField(max_length=64, blank=True)
    question = models.CharField(max_length=300)
    interaction_type = models.CharField(max_length=32)
    success = models.BooleanField(null=True)
    scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "courses"
        indexes = [models.Index(fields=["package", "sub_content_id"])]

    def __str__(self) -> str:
        return f"{self.package_id} {self.question[:40]}"
