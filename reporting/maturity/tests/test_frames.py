"""The maturity scores computed by ``reporting.frames.maturity``, on tiny
hand-built rows (no database)."""

from __future__ import annotations

import math

import pandas as pd
from django.test import SimpleTestCase
from pandas.testing import assert_frame_equal

from reporting.frames import maturity as frames


def answer(
    dimension: str, group: str, invitation: int, level: float | None, question: int = 1
) -> dict:
    return {
        "dimension": dimension,
        "question_id": question,
        "group": group,
        "invitation_id": invitation,
        "level": level,
    }


class DimensionScoreTests(SimpleTestCase):
    def test_each_group_weighs_the_same_whatever_its_size(self) -> None:
        """Three departments answering 1 and one manager answering 5: the
        dimension scores 3 (mean of the groups' means), not 2."""
        rows = [answer("data", "departments", n, 1) for n in range(3)]
        rows.append(answer("data", "management", 9, 5))
        scores = frames.dimension_scores(frames.answers_frame(rows), ["data"])
        self.assertEqual(scores.loc[0, "score"], 3.0)
        self.assertEqual(scores.loc[0, "spread"], 4.0)
        self.assertEqual(scores.loc[0, "groups"], 2)

    def test_i_dont_know_and_missing_answers_count_for_nothing(self) -> None:
        """A blank answer is left out of the mean; a dimension nobody answered
        has no score (not 0), and keeps its place in the order given."""
        rows = [answer("data", "it", 1, 4), answer("data", "it", 2, None)]
        scores = frames.dimension_scores(
            frames.answers_frame(rows), ["strategy", "data"]
        )
        self.assertEqual(list(scores["dimension"]), ["strategy", "data"])
        self.assertTrue(math.isnan(scores.loc[0, "score"]))
        self.assertEqual(scores.loc[0, "answers"], 0)
        self.assertEqual(scores.loc[1, "score"], 4.0)
        self.assertEqual(scores.loc[1, "answers"], 1)
        self.assertTrue(math.isnan(scores.loc[1, "spread"]))  # one group: no spread

    def test_no_answer_at_all_gives_blank_scores(self) -> None:
        scores = frames.dimension_scores(frames.answers_frame([]), ["data"])
        self.assertTrue(math.isnan(scores.loc[0, "score"]))
        self.assertIsNone(frames.overall_score(scores["score"]))

    def test_overall_is_the_mean_of_dimensions_with_a_score(self) -> None:
        self.assertEqual(frames.overall_score([2.0, None, 4.0, float("nan")]), 3.0)


class QuestionSpreadTests(SimpleTestCase):
    def test_groups_two_levels_apart_disagree(self) -> None:
        rows = [
            answer("strategy", "elected", 1, 4, question=7),
            answer("strategy", "departments", 2, 1, question=7),
            answer("strategy", "elected", 1, 3, question=8),
            answer("strategy", "departments", 2, 2, question=8),
        ]
        spread = frames.question_spread(
            frames.answers_frame(rows), ["elected", "departments"]
        )
        expected = pd.DataFrame(
            {
                "dimension": ["strategy", "strategy"],
                "question_id": [7, 8],
                "elected": [4.0, 3.0],
                "departments": [1.0, 2.0],
                "spread": [3.0, 1.0],
                "disagree": [True, False],
            }
        )
        assert_frame_equal(spread, expected)


class SkillsAreaTests(SimpleTestCase):
    def rows(self, people: int, met: int, area: str = "1") -> list[dict]:
        return [
            {
                "person_id": n,
                "area": area,
                "expected_count": 2,
                "met": 2 if n < met else 1,
            }
            for n in range(people)
        ]

    def test_share_of_people_meeting_every_expectation_of_the_area(self) -> None:
        """A person counts when every expected competence of the area is met."""
        areas = frames.skills_areas(self.rows(5, 2))
        self.assertEqual(areas.loc[0, "people"], 5)
        self.assertEqual(areas.loc[0, "at_or_above"], 2)
        self.assertEqual(areas.loc[0, "share"], 0.4)
        self.assertEqual(frames.skills_score(areas), 2.0)

    def test_an_area_of_fewer_than_k_people_is_blank(self) -> None:
        """Four people: the area's share is blank, and the score leaves it out,
        so it cannot be worked out from the score."""
        areas = frames.skills_areas(self.rows(4, 4, "1") + self.rows(5, 5, "2"))
        self.assertTrue(math.isnan(areas.loc[0, "share"]))
        self.assertTrue(math.isnan(areas.loc[0, "at_or_above"]))
        self.assertEqual(frames.skills_score(areas), 5.0)

    def test_no_area_shown_gives_no_score(self) -> None:
        self.assertIsNone(frames.skills_score(frames.skills_areas(self.rows(4, 4))))
        self.assertIsNone(frames.skills_score(frames.skills_areas([])))


class BandMedianTests(SimpleTestCase):
    def rows(self, towns: int) -> list[dict]:
        return [
            {"town": t, "dimension": "data", "score": float(t)} for t in range(towns)
        ]

    def test_the_median_needs_k_towns(self) -> None:
        """Four towns: no median (one town's score would be too easy to read);
        five: their median, and how many they are, never which."""
        four = frames.band_medians(self.rows(4), ["data", "green"])
        self.assertTrue(four["median"].isna().all())
        self.assertEqual(list(four["towns"]), [4, 0])
        five = frames.band_medians(self.rows(5), ["data"])
        self.assertEqual(five.loc[0, "median"], 2.0)
        self.assertEqual(list(five.columns), ["dimension", "towns", "median"])

    def test_towns_without_a_score_do_not_count(self) -> None:
        rows = self.rows(5)
        rows[0]["score"] = None
        self.assertTrue(frames.band_medians(rows, ["data"])["median"].isna().all())


class RadarFrameTests(SimpleTestCase):
    def test_change_is_score_minus_previous(self) -> None:
        frame = frames.radar_frame(
            {"data": "Data", "green": "Green"},
            current={"data": 3.0, "green": None},
            previous={"data": 2.5, "green": 1.0},
        )
        self.assertEqual(list(frame["dimension"]), ["Data", "Green"])
        self.assertEqual(frame.loc[0, "change"], 0.5)
        self.assertTrue(math.isnan(frame.loc[1, "change"]))
        self.assertTrue(frame["band"].isna().all())
