"""Saint-Aubin's engineering department (five people with Support), DigComp,
a course that closes the 4.1 gap and a pilot, a plan and one action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import translation

from courses.models import CourseCompetence
from courses.testing import CatalogueTestCase
from lms.models import User
from lms.testing import make_person
from reporting.plan.models import Action, ActionCompetence, Pilot, Plan
from skills.actions import load_digcomp
from skills.models import Competence, MonthlySnapshot


def snapshot(person: User, competence: Competence, month: dt.date, level: int) -> None:
    MonthlySnapshot.objects.create(
        person=person,
        competence=competence,
        month=month,
        level=level,
        organisation_id=person.organisation_id,
        department_id=person.department_id,
    )


class PlanTestCase(CatalogueTestCase):
    version: Any
    c41: Competence
    c42: Competence
    engineers: list[User]
    pilot: Pilot
    plan: Plan
    action: Action

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = load_digcomp()
        cls.c41 = Competence.objects.get(version=cls.version, code="4.1")
        cls.c42 = Competence.objects.get(version=cls.version, code="4.2")
        cls.eve = make_person("eve", cls.town, department=cls.engineering)
        cls.fay = make_person("fay", cls.town, department=cls.engineering)
        cls.engineers = [cls.ben, cls.ada, cls.sam, cls.eve, cls.fay]
        CourseCompetence.objects.create(
            course=cls.course, competence=cls.c41, level=2, sort_order=0
        )
        # Demonstrates too low a level to close a gap at 2.
        CourseCompetence.objects.create(
            course=cls.private_course, competence=cls.c41, level=1, sort_order=0
        )
        cls.pilot = Pilot.objects.create(
            organisation=cls.town,
            department=cls.engineering,
            title="Online ticketing",
            assumption="Staff will log requests online.",
            experiment_type=Pilot.ExperimentType.PEOPLE,
            starts_on=dt.date(2026, 1, 10),
            ends_on=dt.date(2026, 6, 30),
            budget=Decimal("1000"),
        )
        cls.pilot.competences.set([cls.c41])
        cls.plan = Plan.objects.create(
            organisation=cls.town,
            title="Plan numérique 2026-2028",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2028, 12, 31),
            vision="Simple services for everyone.",
        )
        cls.action = Action.objects.create(
            plan=cls.plan,
            title="Secure every workstation",
            department=cls.engineering,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            cost=Decimal("5000"),
            indicator="Workstations secured (%)",
            target=Decimal("100"),
        )
        ActionCompetence.objects.create(action=cls.action, competence=cls.c41, level=2)

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
