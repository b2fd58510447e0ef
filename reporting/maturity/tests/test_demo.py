"""``manage.py load_demo`` gives Saint-Aubin a closed maturity assessment of
last year and one of this year, answered by the four groups, with the skills
dimension measured from the demo's snapshots; loading it again changes nothing."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from reporting.maturity import scoring
from reporting.maturity.models import Answer, Assessment, DimensionScore, Group


def load() -> None:
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())


def state() -> dict[str, Any]:
    return {
        "assessments": list(
            Assessment.objects.order_by("pk").values_list(
                "organisation__slug", "year", "status", "overall"
            )
        ),
        "answers": list(
            Answer.objects.order_by("pk").values_list(
                "invitation__person_id", "question_id", "level"
            )
        ),
        "scores": list(
            DimensionScore.objects.order_by("pk").values_list(
                "assessment_id", "dimension", "score"
            )
        ),
    }


class MaturityDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load()
        cls.year = timezone.localdate().year

    def test_saint_aubin_has_last_years_and_this_years_assessment(self) -> None:
        assessments = Assessment.objects.filter(organisation__slug="saint-aubin")
        self.assertEqual(
            sorted(assessments.values_list("year", "status")),
            [(self.year - 1, "closed"), (self.year, "closed")],
        )
        for assessment in assessments:
            groups = set(assessment.invitations.values_list("group", flat=True))
            self.assertEqual(groups, set(Group.values), assessment.year)

    def test_this_years_results_show_measured_skills_and_the_change(self) -> None:
        current = Assessment.objects.get(
            organisation__slug="saint-aubin", year=self.year
        )
        result = scoring.full_results(current)
        rows = {d.code: d for d in result.dimensions}
        self.assertIsNotNone(rows["skills"].score)
        self.assertTrue(result.skills_areas)
        self.assertEqual(result.previous.year, self.year - 1)
        for code, row in rows.items():
            if not row.computed:
                with self.subTest(code=code):
                    self.assertIsNotNone(row.change)
        self.assertGreater(result.overall, result.previous_overall)
        self.assertTrue(any(d.disagree for d in result.dimensions))

    def test_loading_twice_changes_nothing(self) -> None:
        before = state()
        load()
        self.assertEqual(state(), before)
