"""Competence frameworks (versioned), role expectations, the evidence ledger and
monthly snapshots.

History is added, never rewritten: evidence rows are append-only and point at the
competence row of the framework version they were recorded against; a new
framework version gets new competence rows. "Current level" is derived by
``skills.rules`` and the month-end level of each person and competence is kept in
``MonthlySnapshot`` for reporting.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lms.models import Department, JobRole, Organisation


class Framework(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty for a framework every town may use (DigComp)."),
        related_name="frameworks",
    )
    attribution = models.TextField(_("attribution"), blank=True)
    licence_url = models.URLField(_("licence"), blank=True)
    source_url = models.URLField(_("source"), blank=True)

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="versions"
    )
    label = models.CharField(_("version"), max_length=40)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("framework version")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "label"], name="one_label_per_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework} {self.label}"


class BilingualName(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return self.name_fr if translation.get_language() == "fr" else self.name_en


class ProficiencyLevel(BilingualName):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="levels"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.SlugField(_("code"))
    eight_level_min = models.PositiveSmallIntegerField(null=True, blank=True)
    eight_level_max = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"], name="level_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CompetenceArea(BilingualName):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="areas"
    )
    code = models.CharField(_("code"), max_length=20)

    class Meta:
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="area_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Competence(BilingualName):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="competences"
    )
    area = models.ForeignKey(
        CompetenceArea, on_delete=models.CASCADE, related_name="competences"
    )
    code = models.CharField(_("code"), max_length=20)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="competence_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CompetenceStatement(models.Model):
    """ "I can …" statements and learning outcomes, by proficiency level."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Competence statement")
        OUTCOME = "outcome", _("Learning outcome")

    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="statements"
    )
    level = models.ForeignKey(
        ProficiencyLevel, on_delete=models.CASCADE, related_name="statements"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    external_id = models.CharField(max_length=40)
    text = models.TextField()
    text_fr = models.TextField(
        _("text (French)"),
        blank=True,
        help_text=_("The project's own translation: unofficial."),
    )
    facet = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["external_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competence", "external_id"], name="statement_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.external_id

    @property
    def text_in_language(self) -> tuple[str, str]:
        """The text in the active language when there is one, and its language."""
        if translation.get_language() == "fr" and self.text_fr:
            return self.text_fr, "fr"
        return self.text, "en"


class RoleExpectation(models.Model):
    job_role = models.ForeignKey(
        JobRole,
        verbose_name=_("job role"),
        on_delete=models.CASCADE,
        related_name="expectations",
    )
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.CASCADE,
        related_name="expectations",
    )
    level = models.PositiveSmallIntegerField(_("expected level"))

    class Meta:
        verbose_name = _("expected level")
        verbose_name_plural = _("expected levels")
        constraints = [
            models.UniqueConstraint(
                fields=["job_role", "competence"], name="one_expectation_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_role}: {self.competence.code} ≥ {self.level}"

    def clean(self) -> None:
        top = self.competence.version.levels.count() if self.competence_id else 0
        # A missing level is reported by its field; there is nothing to compare.
        if self.level is not None and not 1 <= self.level <= top:
            raise ValidationError(
                {"level": _("Choose a level of the framework's scale.")}
            )


class Evidence(models.Model):
    """One observation of a person's level on a competence: append-only."""

    class Source(models.TextChoices):
        COURSE = "course", _("Course completion")
        QUIZ = "quiz", _("Quiz score")
        H5P = "h5p", _("H5P score")
        SCORM = "scorm", _("SCORM score")
        SELF = "self", _("Self-assessment")
        MANAGER = "manager", _("Manager validation")
        IMPORT = "import", _("Outside assessment (import)")
        TRAINING = "training", _("Observed by a trainer")
        PEER = "peer", _("Helped a peer (accepted answer)")
        MENTORING = "mentoring", _("Mentoring completed")

    class Trust(models.TextChoices):
        """How far the platform itself established the level (the rule in
        skills/rules.py weighs them)."""

        SERVER = "server", _("Scored by the platform")
        CONTENT = "content", _("Reported by the content")
        SELF = "self", _("Self-assessed")
        MANAGER = "manager", _("Validated by a manager")
        IMPORT = "import", _("Outside assessment")
        TRAINER = "trainer", _("Observed by a trainer")
        PEER = "peer", _("Recognised by peers")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence"
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="evidence"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    source = models.CharField(_("source"), max_length=10, choices=Source)
    trust = models.CharField(_("trust"), max_length=10, choices=Trust)
    source_ref = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    observed_at = models.DateTimeField(_("observed"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["observed_at", "pk"]
        indexes = [models.Index(fields=["person", "competence", "observed_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.competence_id}={self.level} ({self.source})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Evidence is append-only: record new evidence instead.")
        super().save(*args, **kwargs)


class MonthlySnapshot(models.Model):
    """A person's level on a competence at the end of a month, with where they
    worked then. Maintained as evidence arrives; reporting aggregates these.

    Derived from the ledger and rewritten by millions of rows
    (``skills.snapshots_sql``), so the table carries no foreign-key constraints
    (the ORM still cascades deletions) and only the indexes reads need: a
    per-row constraint check or an index kept for one column already leading a
    composite index costs more than the rest of the rebuild.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,  # leads one_snapshot_per_month
    )
    competence = models.ForeignKey(
        Competence,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    month = models.DateField(help_text="First day of the month.")
    level = models.PositiveSmallIntegerField()
    expected = models.PositiveSmallIntegerField(null=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,  # leads the (organisation, month, competence) index
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,  # leads the (department, month) index
    )
    job_role = models.ForeignKey(
        JobRole,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "competence", "month"], name="one_snapshot_per_month"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "month", "competence"]),
            models.Index(fields=["department", "month"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.competence_id} {self.month:%Y-%m}={self.level}"
