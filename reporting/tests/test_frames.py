import datetime as dt

import pandas as pd
from django.test import SimpleTestCase
from pandas.testing import assert_frame_equal

from reporting import frames


class SuppressSmallTests(SimpleTestCase):
    def test_rows_under_five_people_are_blanked_and_flagged(self) -> None:
        frame = pd.DataFrame(
            {"group": ["A", "B"], "people": [4, 5], "share": [50.0, 60.0]}
        )
        result = frames.suppress_small(frame)
        expected = pd.DataFrame(
            {
                "group": ["A", "B"],
                "people": [float("nan"), 5.0],
                "share": [float("nan"), 60.0],
                "suppressed": [True, False],
            }
        )
        assert_frame_equal(result, expected)


class GrowthFrameTests(SimpleTestCase):
    def test_share_and_mean_are_computed_per_group_and_month(self) -> None:
        rows = [
            {
                "month": dt.date(2026, 1, 1),
                "group": "0001",
                "people": 10,
                "with_expectation": 8,
                "at_or_above": 2,
                "level_sum": 15,
            },
            {
                "month": dt.date(2026, 2, 1),
                "group": "0001",
                "people": 10,
                "with_expectation": 8,
                "at_or_above": 6,
                "level_sum": 20,
            },
            {
                "month": dt.date(2026, 2, 1),
                "group": "0002",
                "people": 3,
                "with_expectation": 3,
                "at_or_above": 3,
                "level_sum": 9,
            },
        ]
        result = frames.growth_frame(
            rows, names={"0001": "Ressources", "0002": "Tiny"}, total_label="Town"
        )
        self.assertEqual(list(result["group"]), ["Ressources", "Ressources", "Tiny"])
        self.assertEqual(list(result["share_at_or_above"])[:2], [25.0, 75.0])
        self.assertEqual(list(result["mean_level"])[:2], [1.5, 2.0])
        self.assertTrue(result["suppressed"].iloc[2])
        self.assertTrue(pd.isna(result["share_at_or_above"].iloc[2]))

    def test_no_rows_gives_an_empty_frame_with_the_columns(self) -> None:
        result = frames.growth_frame([], names={}, total_label="Town")
        self.assertEqual(
            list(result.columns),
            [
                "month",
                "group",
                "people",
                "share_at_or_above",
                "mean_level",
                "suppressed",
            ],
        )


class DistributionFrameTests(SimpleTestCase):
    def test_level_zero_is_everyone_not_at_another_level(self) -> None:
        rows = [
            {
                "month": dt.date(2026, 3, 1),
                "people": 20,
                "level_1": 5,
                "level_2": 6,
                "level_3": 5,
                "level_4": 1,
            }
        ]
        result = frames.distribution_frame(rows)
        self.assertEqual(list(result["level"]), [0, 1, 2, 3, 4])
        self.assertTrue(pd.isna(result["people"].iloc[0]))
        self.assertEqual(list(result["people"].iloc[1:4]), [5.0, 6.0, 5.0])
