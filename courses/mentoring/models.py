"""Mentoring: who opted in (as mentor or mentee, per competence), matching
rounds over a network of towns, the pairs they made and the sessions a pair logs.

A person's opt-in details (languages, availability, town preference, capacity)
are one ``MentoringProfile``; each competence they offer or seek is one
``OptIn``. A round (``Round``) pairs the network's open requests with mentors
(``Pair``) and lists the people it left unmatched, with the reason
(``Unmatched``). Finishing a pair records evidence for both through
``skills.actions.record_evidence``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Network, Organisation
from skills.models import Competence

# Languages a mentoring may be held in: the site's two, and those spoken in the
# towns' cooperation networks.
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("wo", _("Wolof")),
]
LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGES)
MAX_CAPACITY = 5


class MentoringProfile(models.Model):
    """What a person who opts in tells the matching, whatever the competence."""

    class Preference(models.TextChoices):
        ANY = "any", _("Either my town or another")
        SAME = "same", _("Someone of my own town")
        OTHER = "other", _("Someone of another town")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_profile",
    )
    languages = models.JSONField(_("languages"), default=list)
    availability = models.CharField(
        _("availability"),
        max_length=200,
        blank=True,
        help_text=_("For example: Tuesday mornings, by video call."),
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours per month"), null=True, blank=True
    )
    town_preference = models.CharField(
        _("partner's town"),
        max_length=5,
        choices=Preference,
        default=Preference.ANY,
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees at most (as a mentor)"), default=1
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentoring profile")

    def __str__(self) -> str:
        return str(self.person)

    def clean(self) -> None:
        if (
            not isinstance(self.languages, list)
            or not self.languages
            or not set(self.languages) <= LANGUAGE_CODES
            or len(set(self.languages)) != len(self.languages)
        ):
            raise ValidationError(
                {"languages": _("Choose at least one language of the list.")}
            )
        if not 1 <= (self.capacity or 0) <= MAX_CAPACITY:
            raise ValidationError(
                {
                    "capacity": _("A mentor takes 1 to %(max)s mentees.")
                    % {"max": MAX_CAPACITY}
                }
            )
        if self.hours_per_month is not None and not 1 <= self.hours_per_month <= 40:
            raise ValidationError(
                {"hours_per_month": _("Give 1 to 40 hours a month, or leave empty.")}
            )


class OptInQuerySet(models.QuerySet["OptIn"]):
    def open(self) -> OptInQuerySet:
        return self.filter(closed_at__isnull=True)


class OptIn(models.Model):
    """A person offers (mentor) or seeks (mentee) mentoring on one competence.

    Closed when the person withdraws it, or (a mentee's) when a mentoring on it
    is finished; closed rows stay, as the history of the pairs made from them.
    """

    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_opt_ins",
    )
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=6, choices=Role)
    target_level = models.PositiveSmallIntegerField(
        _("level I want to reach"), null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = OptInQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring opt-in")
        ordering = ["competence__code", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "competence", "role"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_opt_in_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role} {self.competence_id}"

    def clean(self) -> None:
        if self.role == self.Role.MENTEE:
            top = self.competence.version.levels.count() if self.competence_id else 0
            if self.target_level is None or not 1 <= self.target_level <= top:
                raise ValidationError(
                    {"target_level": _("Choose the level you want to reach.")}
                )
        elif self.target_level is not None:
            raise ValidationError(
                {"target_level": _("A mentor has no level to reach.")}
            )


class Round(models.Model):
    """One matching round over the opted-in people of a network."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="mentoring_rounds"
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The HR admin's town, or empty when a platform admin ran it.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    run_at = models.DateTimeField(default=timezone.now)
    mentees = models.PositiveIntegerField(default=0)
    mentors = models.PositiveIntegerField(default=0)
    slots = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("matching round")
        ordering = ["-run_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.network} {self.run_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:round-detail", args=[self.pk])


class Pair(models.Model):
    """A mentor and a mentee on one competence, with their shared space."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        FINISHED = "finished", _("Finished")
        ENDED = "ended", _("Stopped early")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="pair_set", null=True
    )
    request = models.ForeignKey(OptIn, on_delete=models.PROTECT, related_name="pairs")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_as_mentor",
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_as_mentee",
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="+"
    )
    # The mentor's level on verified evidence when the round paired them, and
    # the level the mentee asked to reach.
    mentor_level = models.PositiveSmallIntegerField()
    target_level = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=8)
    goal = models.TextField(_("goal"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=8, choices=Status, default=Status.ACTIVE
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    level_reached = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("mentoring pair")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status="active"),
                name="one_active_pair_per_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")),
                name="mentor_is_not_mentee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} → {self.mentee_id} ({self.competence_id})"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:pair-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class MentoringSession(models.Model):
    """One meeting of a pair, logged by either member."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    topic = models.CharField(_("topic"), max_length=200)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mentoring session")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.pair_id} {self.date}"

    def clean(self) -> None:
        if self.minutes is not None and not 5 <= self.minutes <= 480:
            raise ValidationError(
                {"minutes": _("A session lasts 5 minutes to 8 hours.")}
            )
        if self.date is not None and self.date > timezone.localdate():
            raise ValidationError({"date": _("Log a session once it has taken place.")})


class Unmatched(models.Model):
    """Someone a round could not pair, and why."""

    class Reason(models.TextChoices):
        NO_MENTOR_AT_LEVEL = "level", _("No mentor at the level needed")
        NO_SHARED_LANGUAGE = "language", _("No mentor at that level shares a language")
        TOWN_PREFERENCE = "town", _("The town preferences do not fit")
        CAPACITY = "capacity", _("Every mentor who fits is at capacity")
        NOT_VERIFIED = (
            "verified",
            _("No verified level above level 1 on the competences offered"),
        )
        NO_MENTEE = "mentee", _("No mentee needed this mentor")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="unmatched")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=6, choices=OptIn.Role)
    reason = models.CharField(max_length=10, choices=Reason)

    class Meta:
        ordering = ["role", "person_id"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.role}: {self.reason}"
