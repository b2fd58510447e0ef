"""The personas with DigComp, and helpers to opt people in with a level."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from courses.mentoring import actions
from courses.mentoring.models import OptIn
from lms.models import User
from skills.models import Competence, Evidence
from skills.testing import SkillsTestCase


def give_level(
    person: User, competence: Competence, level: int, *, trust: str = "import"
) -> Evidence:
    """Evidence of ``level`` (verified unless ``trust`` says otherwise)."""
    return Evidence.objects.create(
        person=person,
        competence=competence,
        level=level,
        source=trust,
        trust=trust,
        observed_at=timezone.now() - dt.timedelta(days=30),
    )


def join(
    person: User,
    competence: Competence,
    role: str,
    *,
    target: int | None = None,
    languages: tuple[str, ...] = ("fr",),
    preference: str = "any",
    capacity: int = 1,
) -> OptIn:
    actions.save_profile(
        person,
        languages=list(languages),
        town_preference=preference,
        capacity=capacity,
    )
    return actions.opt_in(person, competence=competence, role=role, target_level=target)


class MentoringTestCase(SkillsTestCase):
    """Saint-Aubin and Montval (network Val Vert) with DigComp loaded; pages
    answer in English (the browser journey reads them in French)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        User.objects.update(preferred_language="en")

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
