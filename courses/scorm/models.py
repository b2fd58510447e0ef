"""SCORM packages, their launchable items, and each learner's attempts and
run-time data."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, LessonPage
from courses.packages.models import ImportedPackage


class ScormPackage(ImportedPackage):
    """A SCORM 1.2 or 2004 package; its files live under ``MEDIA_ROOT/scorm/<key>/``."""

    class Version(models.TextChoices):
        SCORM_12 = "1.2", "SCORM 1.2"
        SCORM_2004 = "2004", "SCORM 2004"

    version = models.CharField(_("version"), max_length=4, choices=Version.choices)
    edition = models.CharField(_("edition"), max_length=3, blank=True)
    identifier = models.CharField(max_length=255, blank=True)
    structure = models.JSONField(help_text="The default organization's item tree.")
    outside_hosts = models.JSONField(
        _("outside hosts"),
        default=list,
        blank=True,
        help_text=_(
            "Hosts of other sites the package's pages load scripts, styles or "
            "media from, as found at import; its content may load from them."
        ),
    )
    sequencing = models.JSONField(
        _("sequencing"),
        default=dict,
        blank=True,
        help_text=_(
            "The manifest's SCORM 2004 sequencing, as the player's sequencing "
            "engine takes it; empty when the package has none."
        ),
    )

    class Meta(ImportedPackage.Meta):
        app_label = "courses"
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")

    @property
    def outside_hosts_label(self) -> str:
        """The outside hosts its content loads from, for people ("—": none)."""
        return ", ".join(self.outside_hosts) or "—"

    @property
    def sequenced(self) -> bool:
        """Played by scorm-again's sequencing engine (SCORM 2004 with sequencing)."""
        return bool(self.sequencing)

    @property
    def version_label(self) -> str:
        label = self.get_version_display()
        return f"{label} ({self.edition})" if self.edition else label


class ScormSco(models.Model):
    """A launchable item of a package's default organization (a SCO or an asset)."""

    package = models.ForeignKey(
        ScormPackage, on_delete=models.CASCADE, related_name="scos"
    )
    identifier = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    launch = models.CharField(max_length=2000, help_text="Path and parameters.")
    position = models.PositiveSmallIntegerField()
    visible = models.BooleanField(default=True)
    is_sco = models.BooleanField(default=True)
    mastery_score = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, help_text="SCORM 1.2, 0–100."
    )
    scaled_passing_score = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, help_text="SCORM 2004, −1–1."
    )
    data_from_lms = models.TextField(blank=True)

    class Meta:
        app_label = "courses"
        ordering = ["package", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "identifier"], name="one_sco_per_identifier"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts(self) -> bool:
        """Required for completion: a tracked SCO the learner can open."""
        return self.is_sco and self.visible


class ScormAttempt(models.Model):
    """One attempt at a SCORM block; a new one starts only when the learner asks,
    and earlier ones are kept."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="scorm_attempts"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        ScormPackage, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    # Packages played by the sequencing engine: the root activity's rolled-up
    # status, and the engine's state (activity tree, global objectives, adl.data).
    completion_status = models.CharField(max_length=16, blank=True)
    success_status = models.CharField(max_length=16, blank=True)
    sequencing_state = models.JSONField(default=dict, blank=True)

    class Meta:
        app_label = "courses"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id", "package", "number"],
                name="scorm_attempt_numbers_are_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.block_id} #{self.number}"


class ScormScoState(models.Model):
    """The run-time data of one SCO in one attempt, as last committed.

    ``session`` is issued by the server at each launch; only commits of the
    current session with a higher sequence number change anything (and the late
    last commit of the previous session, see ``courses.scorm.actions.commit_scorm``), so a
    replayed commit cannot roll data back. Closed sessions add up in
    ``closed_seconds``; the total time is that plus the current session's time.
    """

    attempt = models.ForeignKey(
        ScormAttempt, on_delete=models.CASCADE, related_name="states"
    )
    sco = models.ForeignKey(ScormSco, on_delete=models.CASCADE, related_name="+")
    cmi = models.JSONField(default=dict)
    completion_status = models.CharField(max_length=16, blank=True)
    success_status = models.CharField(max_length=16, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    exit = models.CharField(max_length=16, blank=True)
    session = models.UUIDField(null=True)
    sequence = models.PositiveIntegerField(default=0)
    session_seconds = models.FloatField(default=0)
    closed_seconds = models.FloatField(default=0)
    previous_session = models.UUIDField(null=True)
    previous_sequence = models.PositiveIntegerField(default=0)
    previous_seconds = models.FloatField(default=0)
    launches = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "courses"
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "sco"], name="one_state_per_sco_and_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt} {self.sco_id} {self.completion_status}"

    @property
    def total_seconds(self) -> float:
        return self.closed_seconds + self.session_seconds

    @property
    def satisfied(self) -> bool:
        """Completed, and not failed (the rule for lesson progress)."""
        return self.completion_status == "completed" and self.success_status != "failed"
