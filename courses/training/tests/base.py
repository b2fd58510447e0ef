"""A Saint-Aubin course whose one lesson holds a training, with a session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone, translation

from courses.demo.builders import make_course
from courses.models import LessonPage
from courses.testing import CatalogueTestCase
from courses.training.models import OpenSeats, SessionSlot, Training, TrainingSession


def make_session(
    training: Training, *, start: dt.datetime, **fields: Any
) -> TrainingSession:
    """A session with one 3-hour slot starting at ``start``, open for sign-up
    now, cancellable until the day before."""
    now = timezone.now()
    fields.setdefault("capacity", 3)
    fields.setdefault("place", "Salle du conseil, 1 place de la Mairie")
    fields.setdefault("registration_opens", now - dt.timedelta(days=1))
    fields.setdefault("registration_closes", start - dt.timedelta(hours=1))
    fields.setdefault("cancellation_deadline", start - dt.timedelta(days=1))
    session = TrainingSession.objects.create(training=training, **fields)
    SessionSlot.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    return session


class TrainingTestCase(CatalogueTestCase):
    training: Training
    session: TrainingSession
    lesson: LessonPage
    start: dt.datetime

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        course = make_course(cls.section, slug="workshop", lessons=1)
        cls.workshop = course
        cls.training = Training.objects.create(
            organisation=cls.town, course=course, title="Atelier cybersécurité"
        )
        cls.lesson = LessonPage.objects.child_of(course).get()
        cls.lesson.body = [{"type": "training", "value": {"training": cls.training.pk}}]
        cls.lesson.save()
        cls.start = (timezone.now() + dt.timedelta(days=10)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        cls.session = make_session(cls.training, start=cls.start)

    def setUp(self) -> None:
        super().setUp()
        # Actions' messages in English; pages answer in the person's language.
        self.enterContext(translation.override("en"))

    def open_seats(self, session: TrainingSession, town: Any, seats: int) -> None:
        OpenSeats.objects.create(session=session, organisation=town, seats=seats)
