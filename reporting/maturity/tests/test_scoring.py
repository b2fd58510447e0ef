"""Scores of an assessment: each dimension from its answers, the skills
dimension from the snapshots, a new questionnaire version, the k rules."""

from __future__ import annotations

import copy
import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.models import Organisation
from lms.testing import make_person
from reporting.maturity import actions, queries, scoring
from reporting.maturity.models import Assessment, DimensionScore, Group
from reporting.maturity.tests.base import MaturityTestCase
from skills import rules
from skills.models import Evidence

DECLARED = [
    "strategy",
    "territory",
    "problems",
    "finance",
    "regulation",
    "readiness",
    "data",
    "automation",
    "green",
]


class DeclaredScoreTests(MaturityTestCase):
    def test_each_dimension_scores_from_its_answers(self) -> None:
        """Every declared dimension gets the mean of the groups' means: here
        management answers n and IT answers n + 1 on the n-th dimension."""
        assessment = self.open()
        self.answer(
            assessment,
            self.ben,
            Group.MANAGEMENT,
            {c: n % 5 for n, c in enumerate(DECLARED)},
        )
        self.answer(
            assessment,
            self.ada,
            Group.IT,
            {c: n % 5 + 1 for n, c in enumerate(DECLARED)},
        )
        result = scoring.results(assessment)
        scores = result.scores()
        for n, code in enumerate(DECLARED):
            # Elected-only or departments-only questions aside, both groups
            # answer every dimension but readiness (management: 1 question).
            with self.subTest(code=code):
                self.assertEqual(scores[code], n % 5 + 0.5)
        self.assertIsNone(scores["skills"])  # no snapshot: blank, not 0
        self.assertEqual(
            result.overall, round(sum(n % 5 + 0.5 for n in range(9)) / 9, 2)
        )

    def test_partial_answers_score_what_was_answered(self) -> None:
        """A respondent who saved two dimensions only: those two score, the
        others stay blank and do not pull the overall down."""
        assessment = self.open()
        invitation = actions.invite(assessment, person=self.ben, group=Group.MANAGEMENT)
        questions = actions.questions_for(invitation)
        given = {q.pk: 4 for q in questions if q.dimension.code in ("data", "green")}
        actions.save_answers(invitation, levels=given, submit=False)
        result = scoring.results(assessment)
        self.assertEqual(result.scores()["data"], 4.0)
        self.assertIsNone(result.scores()["strategy"])
        self.assertEqual(result.overall, 4.0)
        invitation.refresh_from_db()
        self.assertIsNone(invitation.submitted_at)

    def test_disagreement_between_groups_is_flagged(self) -> None:
        assessment = self.open()
        self.answer(assessment, self.eli, Group.ELECTED, {"strategy": 5})
        self.answer(assessment, self.dev, Group.DEPARTMENTS, {"strategy": 1})
        strategy = next(
            d for d in scoring.results(assessment).dimensions if d.code == "strategy"
        )
        self.assertEqual(strategy.spread, 4.0)
        self.assertTrue(strategy.disagree)
        self.assertEqual(strategy.groups, {"departments": 1.0, "elected": 5.0})

    def test_a_town_question_counts_in_its_dimension(self) -> None:
        data = self.questionnaire.dimensions.get(code="data")
        own = actions.add_town_question(
            self.cleo, dimension=data, text_en="Open data?", text_fr="", groups=["it"]
        )
        assessment = self.open()
        invitation = actions.invite(assessment, person=self.ada, group=Group.IT)
        self.assertIn(own, actions.questions_for(invitation))
        actions.save_answers(invitation, levels={own.pk: 5}, submit=True)
        self.assertEqual(scoring.results(assessment).scores()["data"], 5.0)


class SkillsDimensionTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.expect(self.c41, 2)

    def test_it_is_the_share_of_staff_at_the_expected_level_on_verified_evidence(
        self,
    ) -> None:
        """Five people expected at level 2 on 4.1: three verified at 2 or more,
        one verified below, one self-assessed at 3 (does not count): area 4
        shows 3 of 5 (60 %), the dimension 3.0 out of 5."""
        people = self.staff(5)
        for person in people[:3]:
            self.evidence(person, self.c41, 2, verified=True)
        self.evidence(people[3], self.c41, 1, verified=True)
        self.evidence(people[4], self.c41, 3, verified=False)
        result = scoring.results(self.open())
        self.assertEqual(result.skills_areas[0]["people"], 5)
        self.assertEqual(result.skills_areas[0]["share"], 60)
        self.assertEqual(result.scores()["skills"], 3.0)

    def test_it_is_blank_under_five_people(self) -> None:
        for person in self.staff(4):
            self.evidence(person, self.c41, 3, verified=True)
        result = scoring.results(self.open())
        self.assertEqual(result.skills_areas[0]["people"], 4)
        self.assertIsNone(result.skills_areas[0]["share"])
        self.assertIsNone(result.scores()["skills"])

    def test_verified_means_what_the_level_rule_says(self) -> None:
        """The database's test (verified evidence counting at the month's end)
        agrees with the rule's own reason, person by person: verified levels
        outrank self-assessments, an expired validation no longer counts."""
        people = self.staff(5)
        self.evidence(people[0], self.c41, 3, verified=True)
        self.evidence(people[1], self.c41, 3, verified=False)
        self.evidence(people[2], self.c41, 1, verified=True)
        self.evidence(people[2], self.c41, 4, verified=False)
        Evidence.objects.create(
            person=people[3],
            competence=self.c41,
            level=4,
            source="import",
            trust="import",
            recorded_by=self.cleo,
            observed_at=timezone.now() - dt.timedelta(days=400),
            expires_at=timezone.now() - dt.timedelta(days=300),
        )
        self.evidence(people[3], self.c41, 2, verified=False)
        self.evidence(people[4], self.c41, 2, verified=True)
        month = timezone.localdate().replace(day=1)
        rows = {r["person_id"]: r for r in queries.skills_rows(self.town, month)}
        end = rules.end_of_month(month, timezone.get_current_timezone())
        for person in people:
            facts = [
                rules.Fact(
                    e.level, e.source, e.observed_at, e.expires_at, trust=e.trust
                )
                for e in Evidence.objects.filter(person=person, competence=self.c41)
            ]
            decision = rules.current_level(facts, end)
            rests_on_verified = decision.reason in ("validated", "assessed")
            with self.subTest(person=person.username):
                self.assertEqual(
                    rows[person.pk]["met"] == 1,
                    rests_on_verified and decision.level >= 2,
                )
        self.assertEqual([rows[p.pk]["met"] for p in people], [1, 0, 0, 0, 1])


class VersionTests(MaturityTestCase):
    def test_a_new_version_is_current_and_compares_by_dimension_code(self) -> None:
        """Version 2 drops "green" and adds "inclusion": the 2027 assessment
        uses it, compares with 2026 on the codes both share, and 2026's frozen
        scores are unchanged."""
        old = self.open(2026)
        self.answer(old, self.ben, Group.MANAGEMENT, {"data": 2, "green": 3})
        actions.close_assessment(old)
        data = json.loads(actions.SHIPPED.read_text(encoding="utf-8"))
        new = copy.deepcopy(data)
        new["version"] = "2027.1"
        new["dimensions"] = [d for d in new["dimensions"] if d["code"] != "green"]
        inclusion = copy.deepcopy(new["dimensions"][1])
        inclusion["code"] = "inclusion"
        new["dimensions"].append(inclusion)
        v2 = actions.install_questionnaire(new)
        self.assertEqual(actions.install_questionnaire(new), v2)  # idempotent
        self.assertEqual(actions.shipped_questionnaire(), v2)
        current = self.open(2027)
        self.assertEqual(current.questionnaire, v2)
        self.answer(current, self.ben, Group.MANAGEMENT, {"data": 4, "inclusion": 1})
        result = scoring.full_results(current)
        rows = {d.code: d for d in result.dimensions}
        self.assertNotIn("green", rows)
        self.assertEqual(rows["data"].previous, 2.0)
        self.assertEqual(rows["data"].change, 2.0)
        self.assertIsNone(rows["inclusion"].previous)
        self.assertEqual(result.previous, old)
        self.assertEqual(
            DimensionScore.objects.get(assessment=old, dimension="green").score, 3.0
        )
        old.refresh_from_db()
        self.assertEqual(old.questionnaire, self.questionnaire)


class NetworkBandTests(MaturityTestCase):
    def town_with_score(self, n: int, score: int) -> None:
        town = Organisation.objects.create(
            name=f"Peer {n}",
            slug=f"peer-{n}",
            network=self.network,
            shares_indicators=True,
        )
        hr = make_person(f"hr{n}", town, is_hr_admin=True)
        peer = make_person(f"mgr{n}", town)
        assessment = actions.open_assessment(hr, year=2025)
        self.answer(assessment, peer, Group.MANAGEMENT, {"data": score})
        actions.close_assessment(assessment)

    def test_the_band_median_needs_five_sharing_towns(self) -> None:
        Organisation.objects.filter(pk=self.town.pk).update(shares_indicators=True)
        self.town.refresh_from_db()
        for n in range(4):
            self.town_with_score(n, n + 1)
        mine = self.open()
        rows = {d.code: d for d in scoring.full_results(mine).dimensions}
        self.assertIsNone(rows["data"].band)
        self.town_with_score(4, 5)
        result = scoring.full_results(mine)
        self.assertEqual({d.code: d for d in result.dimensions}["data"].band, 3.0)
        self.assertEqual(result.band_towns, 5)

    def test_towns_that_do_not_share_are_left_out(self) -> None:
        Organisation.objects.filter(pk=self.town.pk).update(shares_indicators=True)
        self.town.refresh_from_db()
        for n in range(5):
            self.town_with_score(n, 3)
        Organisation.objects.filter(slug="peer-0").update(shares_indicators=False)
        result = scoring.full_results(self.open())
        self.assertEqual(result.band_towns, 4)
        self.assertIsNone({d.code: d for d in result.dimensions}["data"].band)

    def test_a_town_that_does_not_share_sees_no_comparison(self) -> None:
        for n in range(5):
            self.town_with_score(n, 3)
        result = scoring.full_results(self.open())
        self.assertFalse(result.shares)
        self.assertTrue(all(d.band is None for d in result.dimensions))


class CloseTests(MaturityTestCase):
    def test_closing_freezes_every_dimension_and_refuses_a_second_time(self) -> None:
        assessment = self.open()
        self.answer(assessment, self.ben, Group.MANAGEMENT, {"data": 3})
        actions.close_assessment(assessment)
        assessment.refresh_from_db()
        self.assertEqual(assessment.status, Assessment.Status.CLOSED)
        self.assertEqual(assessment.scores.count(), 10)
        self.assertEqual(assessment.overall, 3.0)
        with self.assertRaises(ValidationError):
            actions.close_assessment(assessment)
