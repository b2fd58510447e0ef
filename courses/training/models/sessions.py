"""Trainings and their sessions: dates, places, slots, open seats."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.models import Organisation


class Training(models.Model):  # type: ignore[django-manager-missing]
    """What a lesson's training block points to: one course's in-person or
    virtual class, given in one or more sessions."""

    class Provider(models.TextChoices):
        IN_HOUSE = "in_house", _("In-house")
        NETWORK = "network", _("Network partner")
        OUTSIDE = "outside", _("Outside training body")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(
        _("given by"), max_length=12, choices=Provider, default=Provider.IN_HOUSE
    )
    requires_approval = models.BooleanField(
        _("manager approval required"),
        default=False,
        help_text=_("Sign-ups wait for the person's manager or HR to approve them."),
    )

    panels = [
        FieldPanel("organisation"),
        # A plain list of the town's courses: a page chooser would print the
        # title of whatever page id a forged form names.
        FieldPanel("course", widget=forms.Select),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("provider"),
        FieldPanel("requires_approval"),
    ]

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.organisation_id
            and self.course_id
            and self.course.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"course": _("Choose a course of this organisation.")}
            )


class TrainingSession(ClusterableModel):
    """One run of a training: its slots, place or link, trainers and seats.

    ``capacity`` is the number of seats in all; ``open_seats`` rows say how many
    of them people of another town of the network may take.
    """

    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    place = models.TextField(_("place (room, address)"), blank=True)
    video_url = models.URLField(_("video-meeting link"), blank=True)
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers on the platform"),
        blank=True,
        related_name="training_sessions_given",
    )
    outside_trainers = models.CharField(
        _("outside trainers"),
        max_length=300,
        blank=True,
        help_text=_("Names of trainers who have no account, separated by commas."),
    )
    capacity = models.PositiveSmallIntegerField(_("seats"))
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration deadline"))
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"))

    panels = [
        FieldPanel("training"),
        FieldPanel("language"),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("video_url")], heading=_("Where")
        ),
        InlinePanel("slots", label=_("Time slots"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("trainers"), FieldPanel("outside_trainers")],
            heading=_("Trainers"),
        ),
        FieldPanel("capacity"),
        InlinePanel("open_seats", label=_("Seats opened to other towns")),
        MultiFieldPanel(
            [
                FieldPanel("registration_opens"),
                FieldPanel("registration_closes"),
                FieldPanel("cancellation_deadline"),
            ],
            heading=_("Deadlines"),
        ),
    ]

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["registration_closes", "pk"]

    def __str__(self) -> str:
        return f"{self.training} ({self.registration_closes:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("training:session-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.place.strip() and not self.video_url:
            raise ValidationError(_("Give a place or a video-meeting link."))
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_opens >= self.registration_closes
        ):
            raise ValidationError(
                {"registration_closes": _("The deadline comes after the opening.")}
            )
        if self.capacity is not None and self.capacity < 1:
            raise ValidationError({"capacity": _("Offer at least one seat.")})

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.registration_opens <= now < self.registration_closes

    def may_cancel(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.cancellation_deadline

    @property
    def trainer_names(self) -> list[str]:
        names = [str(person) for person in self.trainers.all()]
        names += [n.strip() for n in self.outside_trainers.split(",") if n.strip()]
        return names


class SessionSlot(Orderable):
    session = ParentalKey(
        TrainingSession, on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    panels = [FieldPanel("starts_at"), FieldPanel("ends_at")]

    class Meta(Orderable.Meta):
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} – {self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A slot ends after it starts.")})

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class OpenSeats(Orderable):
    """Seats of a session that people of another town may take."""

    session = ParentalKey(
        TrainingSession, on_delete=models.CASCADE, related_name="open_seats"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("town"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    seats = models.PositiveSmallIntegerField(_("seats"))

    panels = [FieldPanel("organisation"), FieldPanel("seats")]

    class Meta(Orderable.Meta):
        verbose_name = _("seats opened to a town")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="open_seats_once_per_town"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.seats}"
