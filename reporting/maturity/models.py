"""A versioned maturity questionnaire, a town's assessments of a year, who is
invited to answer, their answers, and the scores frozen when an assessment closes.

A questionnaire version is never edited once shipped: a new version gets new
rows, and closed assessments keep their scores per dimension code
(``DimensionScore``), so the change since the previous assessment reads across
versions.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation

TOP = 5  # every scale runs from 0 to 5


def _in_language(row: Any, field: str) -> str:
    """``field_fr`` in French, ``field_en`` otherwise (or the other when empty)."""
    french = getattr(row, f"{field}_fr")
    english = getattr(row, f"{field}_en")
    if translation.get_language() == "fr":
        return str(french or english)
    return str(english or french)


class Group(models.TextChoices):
    """Respondent groups: each answers its own set of questions."""

    MANAGEMENT = "management", _("Management")
    ELECTED = "elected", _("Elected officials")
    IT = "it", _("IT")
    DEPARTMENTS = "departments", _("Departments")


class Questionnaire(models.Model):
    slug = models.SlugField(_("slug"))
    version = models.CharField(_("version"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("maturity questionnaire")
        ordering = ["slug", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "version"], name="maturity_one_label_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"

    @property
    def title(self) -> str:
        return _in_language(self, "title")


class Dimension(models.Model):
    class Kind(models.TextChoices):
        DECLARED = "declared", _("Declared by respondents")
        SKILLS = "skills", _("Computed from staff skills")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(_("code"))
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.DECLARED)
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("Where it comes from.")
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(blank=True)
    description_fr = models.TextField(blank=True)

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="maturity_dimension_code"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")

    @property
    def computed(self) -> bool:
        return self.kind == self.Kind.SKILLS


class ScaleLevel(models.Model):
    """One step of a dimension's described scale (0 to 5): what it looks like,
    and how to reach the next one. Every question of the dimension, a town's own
    included, is answered on it."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="levels"
    )
    number = models.PositiveSmallIntegerField()
    text_en = models.TextField()
    text_fr = models.TextField()
    next_en = models.TextField(blank=True)
    next_fr = models.TextField(blank=True)

    class Meta:
        ordering = ["dimension", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "number"], name="maturity_level_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    @property
    def text(self) -> str:
        return _in_language(self, "text")

    @property
    def next(self) -> str:
        return _in_language(self, "next")


class QuestionQuerySet(models.QuerySet["Question"]):
    def visible_to(self, organisation: Organisation | None) -> QuestionQuerySet:
        """The shipped questions and ``organisation``'s own (never another
        town's)."""
        if organisation is None:
            return self.filter(organisation__isnull=True)
        return self.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation=organisation)
        )


class Question(models.Model):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="questions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("town"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a shipped question; set for a town's own."),
    )
    code = models.SlugField(_("code"))
    order = models.PositiveSmallIntegerField(default=0)
    text_en = models.TextField(_("question (English)"))
    text_fr = models.TextField(_("question (French)"))
    groups = models.JSONField(_("respondent groups"), default=list)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["dimension__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"], name="maturity_question_code"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self, "text")

    def clean(self) -> None:
        known = set(Group.values)
        if (
            not isinstance(self.groups, list)
            or not self.groups
            or not set(self.groups) <= known
        ):
            raise ValidationError(
                {"groups": _("Choose at least one respondent group.")}
            )
        if self.dimension_id and self.dimension.computed:
            raise ValidationError(
                _("The skills dimension is computed, not asked: choose another one.")
            )


class Assessment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closes_on = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_(
            "Respondents who have not answered are reminded 7 days and 1 day before it."
        ),
    )
    overall = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("maturity assessment")
        ordering = ["organisation", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="maturity_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def clean(self) -> None:
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Give a year between 2000 and 2100.")})


class Invitation(models.Model):
    """One person asked to answer an assessment for one respondent group."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(_("respondent group"), max_length=12, choices=Group)
    invited_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "person"], name="maturity_one_invitation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.person_id} ({self.group})"

    def clean(self) -> None:
        if not self.person_id or not self.assessment_id:
            return
        if self.person.organisation_id != self.assessment.organisation_id:
            raise ValidationError(
                {"person": _("Invite people of the assessment's own town.")}
            )
        if (self.group == Group.ELECTED) != self.person.is_elected:
            raise ValidationError(
                {
                    "group": _(
                        "Elected officials answer as elected officials, and only they do."
                    )
                }
            )


class Reminder(models.Model):
    """A reminder sent to a respondent who had not answered yet. At most one
    per invitation and day: the row is written under that unique key before
    the e-mail is queued, so a replayed request sends nothing twice."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="reminders"
    )
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["invitation", "-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "day"], name="maturity_one_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id} {self.day}"


class Answer(models.Model):
    """A respondent's answer to one question: a level of the dimension's scale,
    or none ("I don't know"). Kept as soon as it is given (partial answers)."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question"], name="maturity_one_answer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id} {self.question_id}={self.level}"

    def clean(self) -> None:
        if self.level is not None and not 0 <= self.level <= TOP:
            raise ValidationError({"level": _("Choose a level from 0 to 5.")})


class DimensionScore(models.Model):
    """A closed assessment's score on one dimension, by its code (so that a
    later questionnaire version compares with it). ``score`` blank: nobody
    answered, or (skills) fewer than k people."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores"
    )
    dimension = models.SlugField()
    score = models.FloatField(null=True, blank=True)
    spread = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="maturity_one_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.dimension}={self.score}"
