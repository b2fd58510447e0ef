"""Fixtures for the privacy tests: people who left, in each town."""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps
from django.utils import timezone

from lms.models import User
from lms.testing import PersonasTestCase, make_person


def make_statement(person: User, *, when: Any = None, name: str = "") -> Any:
    """A learning record of ``person`` (the store is named, not imported: it
    belongs to an app above lms)."""
    statement = apps.get_model("courses", "Statement")
    return statement.objects.create(
        id=uuid.uuid4(),
        actor=person,
        verb="http://adlnet.gov/expapi/verbs/registered",
        object_id="https://x.example/xapi/activities/course/1",
        organisation=person.organisation,
        timestamp=when or timezone.now(),
        data={
            "actor": {
                "objectType": "Agent",
                "name": name or person.get_full_name(),
                "account": {"homePage": "https://x.example", "name": str(person.pk)},
            }
        },
    )


class LeaversTestCase(PersonasTestCase):
    """Lea left Saint-Aubin's Engineering; Max left Montval. Both deactivated."""

    lea: User
    max: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.lea = make_person(
            "lea",
            cls.town,
            department=cls.engineering,
            job_role=cls.developer_role,
            manager=cls.ben,
            is_active=False,
        )
        cls.max = make_person(
            "max", cls.other_town, department=cls.other_hr_department, is_active=False
        )
