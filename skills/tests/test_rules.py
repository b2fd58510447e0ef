import datetime as dt

from django.test import SimpleTestCase

from skills.rules import Fact, current_level, levels_by_month, month_ends

UTC = dt.UTC


def at(day: int, month: int = 1) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, tzinfo=UTC)


NOW = at(28, 6)


class CurrentLevelTests(SimpleTestCase):
    def test_no_evidence_is_level_zero(self) -> None:
        self.assertEqual(current_level([], NOW).level, 0)

    def test_assessed_evidence_outranks_a_higher_self_assessment(self) -> None:
        facts = [Fact(4, "self", at(1)), Fact(2, "course", at(2))]
        decision = current_level(facts, NOW)
        self.assertEqual((decision.level, decision.reason), (2, "assessed"))

    def test_the_latest_self_assessment_counts_when_nothing_else_does(self) -> None:
        facts = [Fact(1, "self", at(1)), Fact(3, "self", at(5)), Fact(2, "self", at(9))]
        self.assertEqual(current_level(facts, NOW).level, 2)

    def test_a_manager_validation_can_lower_an_assessed_level(self) -> None:
        facts = [Fact(3, "quiz", at(1)), Fact(2, "manager", at(5))]
        self.assertEqual(current_level(facts, NOW).level, 2)

    def test_a_later_assessment_raises_a_validated_level(self) -> None:
        facts = [
            Fact(2, "manager", at(5)),
            Fact(3, "course", at(9)),
            Fact(1, "quiz", at(10)),
        ]
        decision = current_level(facts, NOW)
        self.assertEqual(decision.level, 3)
        self.assertEqual(len(decision.basis), 2)

    def test_expired_evidence_stops_counting(self) -> None:
        facts = [Fact(3, "import", at(1), expires_at=at(1, 3)), Fact(1, "self", at(2))]
        self.assertEqual(current_level(facts, at(1, 2)).level, 3)
        self.assertEqual(current_level(facts, NOW).level, 1)

    def test_evidence_after_the_date_asked_about_does_not_count(self) -> None:
        facts = [Fact(2, "course", at(1, 5))]
        self.assertEqual(current_level(facts, at(1, 4)).level, 0)


class MonthTests(SimpleTestCase):
    def test_months_span_years(self) -> None:
        months = month_ends(dt.date(2025, 11, 20), dt.date(2026, 2, 3))
        self.assertEqual(
            [m.isoformat() for m in months],
            ["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"],
        )

    def test_levels_by_month_follow_the_ledger(self) -> None:
        facts = [Fact(1, "self", at(10, 1)), Fact(2, "course", at(10, 3))]
        months = month_ends(dt.date(2026, 1, 1), dt.date(2026, 4, 1))
        self.assertEqual(levels_by_month(facts, months, UTC), [1, 1, 2, 2])


class TrustTests(SimpleTestCase):
    """Results reported by the content (H5P, SCORM as the browser sent them)
    never outrank a manager's validation or the platform's own scoring."""

    def test_a_reported_result_never_outranks_a_platform_score(self) -> None:
        facts = [Fact(2, "quiz", at(1)), Fact(4, "scorm", at(5))]
        decision = current_level(facts, NOW)
        self.assertEqual((decision.level, decision.reason), (2, "assessed"))

    def test_a_course_completed_on_reported_results_is_reported(self) -> None:
        facts = [Fact(2, "quiz", at(1)), Fact(4, "course", at(5), trust="content")]
        self.assertEqual(current_level(facts, NOW).level, 2)

    def test_a_reported_result_never_moves_a_validated_level(self) -> None:
        facts = [Fact(2, "manager", at(5)), Fact(4, "h5p", at(9))]
        decision = current_level(facts, NOW)
        self.assertEqual((decision.level, decision.reason), (2, "validated"))

    def test_a_platform_score_after_a_validation_still_raises_it(self) -> None:
        facts = [Fact(2, "manager", at(5)), Fact(3, "quiz", at(9))]
        self.assertEqual(current_level(facts, NOW).level, 3)

    def test_reported_results_count_when_nothing_stronger_exists(self) -> None:
        facts = [Fact(5, "self", at(1)), Fact(3, "scorm", at(5))]
        decision = current_level(facts, NOW)
        self.assertEqual((decision.level, decision.reason), (3, "reported"))

    def test_peers_recognition_outranks_self_assessment_only(self) -> None:
        facts = [Fact(1, "self", at(1)), Fact(3, "peer", at(5))]
        decision = current_level(facts, NOW)
        self.assertEqual((decision.level, decision.reason), (3, "peer"))
        facts.append(Fact(2, "quiz", at(2)))
        self.assertEqual(current_level(facts, NOW).reason, "assessed")
        validated = [Fact(2, "manager", at(5)), Fact(4, "mentoring", at(9))]
        self.assertEqual(current_level(validated, NOW).level, 2)

    def test_a_trainers_observation_is_an_assessment(self) -> None:
        facts = [Fact(2, "manager", at(5)), Fact(3, "training", at(9))]
        decision = current_level(facts, NOW)
        self.assertEqual((decision.level, decision.reason), (3, "assessed"))
