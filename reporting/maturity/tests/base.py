from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from lms.models import User
from lms.testing import make_person
from reporting.maturity import actions
from reporting.maturity.models import Assessment, Group, Invitation, Question
from skills.actions import record_evidence
from skills.models import Competence, RoleExpectation
from skills.testing import SkillsTestCase


class MaturityTestCase(SkillsTestCase):
    """The personas with DigComp and the shipped questionnaire installed."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.questionnaire = actions.shipped_questionnaire()

    def open(self, year: int = 2026, hr: User | None = None) -> Assessment:
        return actions.open_assessment(hr or self.cleo, year=year)

    def answer(
        self, assessment: Assessment, person: User, group: str, levels: Any
    ) -> Invitation:
        """Invite ``person`` and answer every question of a dimension code with
        ``levels[code]`` (absent: left unanswered)."""
        invitation = actions.invite(assessment, person=person, group=group)
        given = {
            q.pk: levels[q.dimension.code]
            for q in actions.questions_for(invitation)
            if q.dimension.code in levels
        }
        actions.save_answers(invitation, levels=given, submit=True)
        return invitation

    def staff(self, count: int, *, prefix: str = "p") -> list[User]:
        return [
            make_person(
                f"{prefix}{n}",
                self.town,
                department=self.engineering,
                job_role=self.developer_role,
            )
            for n in range(count)
        ]

    def expect(self, competence: Competence, level: int = 2) -> None:
        RoleExpectation.objects.create(
            job_role=self.developer_role, competence=competence, level=level
        )

    def evidence(
        self, person: User, competence: Competence, level: int, *, verified: bool
    ) -> None:
        """HR's outside assessment (verified) or the person's own."""
        record_evidence(
            person,
            competence=competence,
            level=level,
            source="import" if verified else "self",
            recorded_by=self.cleo if verified else person,
            observed_at=timezone.now() - dt.timedelta(days=1),
        )


def question(code: str) -> Question:
    return Question.objects.get(code=code, organisation__isnull=True)


GROUPS = Group
