"""Two people taking the last seat at the same moment: the session row is locked
(``select_for_update``; SQLite's immediate transactions serialise the same way),
so one gets the seat and the other is waitlisted, never both confirmed."""

from __future__ import annotations

import datetime as dt
import threading

from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from courses.demo.builders import make_catalogue, make_course, make_section
from courses.training import actions
from courses.training.models import Registration, Training
from courses.training.tests.base import make_session
from lms.testing import build_personas


class LastSeatRaceTests(TransactionTestCase):
    def setUp(self) -> None:
        build_personas(self)
        course = make_course(make_section(make_catalogue(), self.town), slug="race")
        training = Training.objects.create(
            organisation=self.town, course=course, title="Race"
        )
        start = timezone.now() + dt.timedelta(days=5)
        self.session = make_session(training, start=start, capacity=2)
        actions.register(self.dev, self.session)

    def test_two_people_taking_the_last_seat_at_once(self) -> None:
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def take_seat(person: object) -> None:
            try:
                barrier.wait(timeout=10)
                actions.register(person, self.session)  # type: ignore[arg-type]
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=take_seat, args=(person,))
            for person in (self.ada, self.ben)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(errors, [])
        statuses = sorted(
            Registration.objects.filter(user__in=[self.ada, self.ben]).values_list(
                "status", flat=True
            )
        )
        self.assertEqual(statuses, ["confirmed", "waitlisted"])
        self.assertEqual(
            Registration.objects.filter(
                session=self.session, status="confirmed"
            ).count(),
            2,
        )
