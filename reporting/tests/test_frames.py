import datetime as dt

import pandas as pd
from django.test import SimpleTestCase
from pandas.testing import assert_series_equal

from reporting import frames

MONTH = dt.date(2026, 3, 1)


def partition(total: str, parts: list[str], relation: str = "r") -> pd.DataFrame:
    """``total`` is the sum of ``parts``, as ``suppress_linked`` reads it."""
    return pd.DataFrame(
        {
            "relation": relation,
            "cell": [total, *parts],
            "total": [True] + [False] * len(parts),
        }
    )


class SuppressLinkedTests(SimpleTestCase):
    def blanks(self, people: dict[str, int], relations=None, **kwargs) -> set[str]:
        hidden = frames.suppress_linked(pd.Series(people), relations, **kwargs)
        return set(hidden[hidden].index)

    def test_cells_of_one_to_four_people_are_blank(self) -> None:
        """Primary suppression: 1–4 people; zero and five are shown."""
        self.assertEqual(
            self.blanks({"a": 0, "b": 1, "c": 4, "d": 5, "e": 40}), {"b", "c"}
        )

    def test_a_lone_blank_gets_a_sibling_so_the_total_cannot_give_it_back(
        self,
    ) -> None:
        """20 = 1 + 10 + 9: the 1 alone would be 20 − 10 − 9; the smallest other
        part (9) is blanked with it."""
        blanks = self.blanks(
            {"T": 20, "a": 1, "b": 10, "c": 9}, partition("T", ["a", "b", "c"])
        )
        self.assertEqual(blanks, {"a", "c"})

    def test_blanks_that_together_count_fewer_than_five_get_another(self) -> None:
        """1 + 2 blank would still give away a group of three people."""
        blanks = self.blanks(
            {"T": 30, "a": 1, "b": 2, "c": 7, "d": 20},
            partition("T", ["a", "b", "c", "d"]),
        )
        self.assertEqual(blanks, {"a", "b", "c"})

    def test_a_total_whose_only_part_is_blank_is_blanked_too(self) -> None:
        """``a`` (6) is blanked to protect ``c`` (1) in U = a + c; in T = a + z,
        with z zero, T would give ``a`` back, so T is blanked."""
        relations = pd.concat(
            [partition("U", ["a", "c"], "U"), partition("T", ["a", "z"], "T")]
        )
        blanks = self.blanks({"U": 7, "a": 6, "c": 1, "T": 6, "z": 0}, relations)
        self.assertEqual(blanks, {"a", "c", "T", "z"})

    def test_zeros_beside_a_blank_total_are_blank(self) -> None:
        """Finance (1 person): "0 done, 0 late" beside a blank total would say
        what that person did; beside a shown total, zeros are shown."""
        relations = pd.concat(
            [
                partition("fin", ["fin_done", "fin_late"], "fin"),
                partition("eng", ["eng_done", "eng_late"], "eng"),
            ]
        )
        people = {"fin": 1, "fin_done": 0, "fin_late": 1}
        people |= {"eng": 9, "eng_done": 9, "eng_late": 0}
        self.assertEqual(
            self.blanks(people, relations), {"fin", "fin_done", "fin_late"}
        )

    def test_a_blank_total_needs_a_blank_part(self) -> None:
        """dir1 (3) is blank, so its sibling dir2 is too; blanked, dir2 would
        come back as the sum of its services, so they are blanked — two of them,
        as dir2 may be known from the town's total."""
        relations = pd.concat(
            [
                partition("town", ["dir1", "dir2"], "town"),
                partition("dir1", ["s1", "s2"], "dir1"),
                partition("dir2", ["s3", "s4"], "dir2"),
            ]
        )
        people = {
            "town": 33,
            "dir1": 3,
            "s1": 3,
            "s2": 0,
            "dir2": 30,
            "s3": 12,
            "s4": 18,
        }
        blanks = self.blanks(people, relations)
        self.assertEqual(blanks, {"dir1", "s1", "s2", "dir2", "s3", "s4"})

    def test_a_whole_relation_is_blanked_together_zeros_included(self) -> None:
        relations = pd.DataFrame(
            {"relation": 0, "cell": list("abcde"), "total": False, "whole": True}
        )
        people = {"a": 0, "b": 1, "c": 7, "d": 8, "e": 0}
        self.assertEqual(self.blanks(people, relations), set("abcde"))
        people["b"] = 0
        self.assertEqual(self.blanks(people, relations), set())

    def test_k_one_blanks_nothing(self) -> None:
        """A manager's own team."""
        people = {"T": 3, "a": 1, "b": 2}
        self.assertEqual(self.blanks(people, partition("T", ["a", "b"]), k=1), set())

    def test_no_relation_is_primary_suppression_only(self) -> None:
        result = frames.suppress_linked(pd.Series([4, 5], index=["x", "y"]))
        assert_series_equal(result, pd.Series([True, False], index=["x", "y"]))


def cell(path: str, role: int | None, people: int, **counts: int) -> dict:
    return {
        "organisation_id": 1,
        "path": path,
        "job_role_id": role,
        "competence_id": 7,
        "month": MONTH,
        "people": people,
        "with_expectation": counts.get("with_expectation", people),
        "level_sum": counts.get("level_sum", 2 * people),
    }


DIRECTION, SERVICE, OTHER, UNIT = "0001", "00010001", "00010002", "000100010001"


class PoolSmallCellsTests(SimpleTestCase):
    def pool(self, rows: list[dict]) -> dict[tuple, dict]:
        pooled = frames.pool_small_cells(rows, step=4)
        return {(row["path"], row["job_role_id"]): row for row in pooled}

    def test_cells_of_five_or_more_are_kept_as_they_are(self) -> None:
        rows = [cell(SERVICE, 10, 5), cell(OTHER, 11, 8)]
        self.assertEqual(
            {key: row["people"] for key, row in self.pool(rows).items()},
            {(SERVICE, 10): 5, (OTHER, 11): 8},
        )

    def test_a_one_person_job_role_joins_its_department_with_another_role(
        self,
    ) -> None:
        """One accountant among five developers: alone in "other roles" they
        could be had as the department minus the developers, so the developers
        join them and the department is one cell of six."""
        pooled = self.pool([cell(SERVICE, 10, 5), cell(SERVICE, 11, 1)])
        self.assertEqual(list(pooled), [(SERVICE, None)])
        self.assertEqual(pooled[SERVICE, None]["people"], 6)
        self.assertEqual(pooled[SERVICE, None]["level_sum"], 12)

    def test_a_one_person_department_moves_up_to_its_parent(self) -> None:
        """A one-person unit goes to its service's own cell; a department
        that cannot reach five goes on up; above the directions, it is left out."""
        pooled = self.pool(
            [cell(UNIT, None, 1), cell(SERVICE, 10, 5), cell(OTHER, 11, 2)]
        )
        self.assertEqual(pooled[SERVICE, None]["people"], 6)
        self.assertNotIn((OTHER, 11), pooled)
        self.assertNotIn((DIRECTION, None), pooled)  # 2 people: left out
        self.assertNotIn(("", None), pooled)

    def test_small_cells_of_a_direction_pool_together_when_they_reach_five(
        self,
    ) -> None:
        pooled = self.pool([cell(SERVICE, 10, 3), cell(OTHER, 11, 2)])
        self.assertEqual(list(pooled), [(DIRECTION, None)])
        self.assertEqual(pooled[DIRECTION, None]["people"], 5)

    def test_fewer_than_five_people_with_an_expectation_move_up_alone(self) -> None:
        """Six people, two of whom have an expectation: the share at or above it
        would describe two people, so only their expectation counts move up (and
        here, still two above the directions, are left out); the six stay."""
        pooled = self.pool(
            [cell(SERVICE, None, 6, with_expectation=2), cell(OTHER, 11, 5)]
        )
        self.assertEqual(set(pooled), {(SERVICE, None), (OTHER, 11)})
        service = pooled[SERVICE, None]
        self.assertEqual((service["people"], service["with_expectation"]), (6, 0))

    def test_expectation_counts_that_reach_five_higher_up_are_kept(self) -> None:
        pooled = self.pool(
            [
                cell(SERVICE, None, 6, with_expectation=2),
                cell(OTHER, None, 6, with_expectation=3),
            ]
        )
        direction = pooled[DIRECTION, None]
        self.assertEqual((direction["people"], direction["with_expectation"]), (0, 5))

    def test_no_row_describes_one_to_four_people(self) -> None:
        rows = [
            cell(path, role, n)
            for path, role, n in [
                (UNIT, 10, 4),
                (UNIT, 11, 1),
                (SERVICE, 10, 2),
                (SERVICE, 12, 9),
                (OTHER, None, 3),
                ("", None, 7),
            ]
        ]
        pooled = frames.pool_small_cells(rows, step=4)
        self.assertTrue(all(row["people"] >= 5 for row in pooled))
        self.assertEqual(sum(row["people"] for row in pooled), 26)


def summary_row(group: str, competence: int, people: int, **counts: int) -> dict:
    return {
        "month": MONTH,
        "group": group,
        "competence": competence,
        "people": people,
        "with_expectation": counts.get("with_expectation", people),
        "at_or_above": counts.get("at_or_above", 0),
        "level_sum": counts.get("level_sum", people),
    }


class GrowthFrameTests(SimpleTestCase):
    def test_people_are_counted_once_whatever_the_competences(self) -> None:
        """Six people assessed on two competences are six people, not twelve;
        the share and the mean are over the twelve assessments."""
        rows = [
            summary_row("0001", 1, 6, at_or_above=3, level_sum=12),
            summary_row("0001", 2, 6, at_or_above=6, level_sum=18),
        ]
        result = frames.growth_frame(rows, names={"0001": "Resources"}, total_label="")
        self.assertEqual(result["people"].tolist(), [6])
        self.assertEqual(result["share_at_or_above"].tolist(), [75.0])
        self.assertEqual(result["mean_level"].tolist(), [2.5])

    def test_one_person_on_five_competences_is_blank(self) -> None:
        """The issue's "5,0 people, 50 %, 2,2": one person, five competences."""
        rows = [summary_row("", c, 1, at_or_above=c % 2, level_sum=2) for c in range(5)]
        result = frames.growth_frame(rows, names={}, total_label="Town")
        self.assertTrue(result["suppressed"].all())
        self.assertTrue(
            result[["people", "share_at_or_above", "mean_level"]].isna().all().all()
        )

    def test_the_share_is_blank_under_five_people_with_an_expectation(self) -> None:
        rows = [summary_row("0001", 1, 8, with_expectation=3, at_or_above=3)]
        result = frames.growth_frame(rows, names={}, total_label="")
        self.assertEqual(result["people"].tolist(), [8.0])
        self.assertTrue(pd.isna(result["share_at_or_above"].iloc[0]))

    def test_a_team_is_shown_person_by_person(self) -> None:
        rows = [summary_row(7, 1, 1, at_or_above=1, level_sum=3)]
        result = frames.growth_frame(rows, names={7: "Ada Test"}, total_label="", k=1)
        self.assertEqual(result["group"].tolist(), ["Ada Test"])
        self.assertEqual(result["share_at_or_above"].tolist(), [100.0])

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


def levels(competence: int, *counts: int) -> dict:
    """People at levels 0–4 on one competence."""
    return {
        "month": MONTH,
        "competence": competence,
        "people": sum(counts),
        **{f"level_{n}": counts[n] for n in range(1, 5)},
    }


class DistributionFrameTests(SimpleTestCase):
    def test_level_zero_is_everyone_not_at_another_level(self) -> None:
        result = frames.distribution_frame([levels(1, 6, 5, 6, 5, 0)])
        self.assertEqual(result["level"].tolist(), [0, 1, 2, 3, 4])
        self.assertEqual(result["people"].tolist(), [6.0, 5.0, 6.0, 5.0, 0.0])
        self.assertFalse(result["suppressed"].any())

    def test_a_competence_with_a_small_level_is_left_out_whole(self) -> None:
        """Competence 2 has one person at level 4: its whole row is left out, so
        neither the row total nor the mean level can give that person back."""
        result = frames.distribution_frame(
            [levels(1, 6, 5, 6, 5, 0), levels(2, 0, 10, 0, 5, 1)]
        )
        self.assertEqual(result["people"].tolist(), [6.0, 5.0, 6.0, 5.0, 0.0])
        self.assertTrue(result["suppressed"].all())

    def test_a_month_with_nothing_to_show_is_blank(self) -> None:
        result = frames.distribution_frame([levels(1, 0, 2, 0, 0, 0)])
        self.assertTrue(result["people"].isna().all())


STEP = 4
STATUS_ZERO = dict.fromkeys(frames.STATUSES, 0)


def assignees(path: str, **statuses: int) -> dict:
    return {"assignment": "Security", "path": path, **STATUS_ZERO, **statuses}


class ComplianceFrameTests(SimpleTestCase):
    """Resources (0001) has Engineering (00010001, six people) and Finance
    (00010002, one person)."""

    rows = [assignees(SERVICE, done=4, late=2), assignees(OTHER, late=1)]
    names = {DIRECTION: "Resources", SERVICE: "Engineering", OTHER: "Finance"}

    def frame(self, within: str, length: int | None) -> pd.DataFrame:
        return frames.compliance_frame(
            self.rows,
            names=self.names,
            grouping=frames.Grouping(within=within, length=length, step=STEP),
            total_label="Town",
        )

    def test_a_direction_minus_its_services_gives_nothing_back(self) -> None:
        """Under Resources, Finance (one person) is blank, and so is Engineering,
        which Resources (shown above it) minus Engineering would otherwise give."""
        result = self.frame(DIRECTION, 2 * STEP)
        self.assertEqual(result["group"].tolist(), ["Engineering", "Finance"])
        self.assertTrue(result["people"].isna().all())
        self.assertTrue(result["suppressed"].all())

    def test_the_direction_itself_is_shown_with_its_small_statuses_blank(
        self,
    ) -> None:
        """Resources: 7 people, 4 done and 3 late, both blank; 7 is shown, as
        the two blanks together count seven people."""
        result = self.frame("", STEP)
        row = result.iloc[0]
        self.assertEqual((row["group"], row["people"]), ("Resources", 7.0))
        self.assertTrue(pd.isna(row["done"]) and pd.isna(row["late"]))
        self.assertEqual(row["not_started"], 0.0)

    def test_the_whole_organisation_as_one_group(self) -> None:
        result = self.frame("", None)
        self.assertEqual(result["group"].tolist(), ["Town"])
        self.assertEqual(result["people"].tolist(), [7.0])

    def test_a_team_is_shown_person_by_person(self) -> None:
        rows = [{"assignment": "Security", "group": 7, **STATUS_ZERO, "late": 1}]
        result = frames.compliance_frame(
            rows, names={7: "Ada Test"}, grouping=None, total_label="Team", k=1
        )
        self.assertEqual(result[["group", "late"]].values.tolist(), [["Ada Test", 1]])


class FunnelFrameTests(SimpleTestCase):
    def test_enrolled_split_into_statuses_with_complementary_blanks(self) -> None:
        """20 enrolled: 2 not started (blank), 8 in progress (blanked with it, or
        20 − 10 would give the 2 back), 10 completed."""
        rows = [{"course__title": "A", "enrolled": 20, "started": 18, "completed": 10}]
        result = frames.funnel_frame(rows)
        row = result.iloc[0]
        self.assertEqual((row["enrolled"], row["completed"]), (20.0, 10.0))
        self.assertTrue(pd.isna(row["not_started"]) and pd.isna(row["in_progress"]))

    def test_a_course_with_fewer_than_five_enrolled_is_blank(self) -> None:
        rows = [{"course__title": "B", "enrolled": 2, "started": 2, "completed": 1}]
        result = frames.funnel_frame(rows)
        self.assertTrue(
            result[["enrolled", "in_progress", "completed"]].isna().all().all()
        )


class NetworkFrameTests(SimpleTestCase):
    def test_a_town_of_three_is_listed_blank(self) -> None:
        rows = [
            {
                "town": town,
                "competence": competence,
                "people": people,
                "with_expectation": people,
                "at_or_above": 1,
                "level_sum": 2 * people,
            }
            for town, people in (("Big", 12), ("Tiny", 3))
            for competence in (1, 2)
        ]
        result = frames.network_frame(rows, towns=["Big", "Tiny", "Silent"])
        self.assertEqual(result["town"].tolist(), ["Big", "Tiny", "Silent"])
        self.assertEqual(result["people"].iloc[0], 12.0)
        self.assertTrue(
            result.iloc[1:][["people", "share_at_or_above", "mean_level"]]
            .isna()
            .all()
            .all()
        )


class ActivityFrameTests(SimpleTestCase):
    def test_months_with_fewer_than_five_learners_are_blank(self) -> None:
        rows = [
            {"month": MONTH, "active": 7, "completed": 2},
            {"month": dt.date(2026, 4, 1), "active": 3, "completed": 0},
        ]
        result = frames.activity_frame(rows)
        self.assertEqual(result["active"].iloc[0], 7.0)
        self.assertTrue(pd.isna(result["completed"].iloc[0]))
        self.assertTrue(pd.isna(result["active"].iloc[1]))
        self.assertEqual(result["completed"].iloc[1], 0.0)


class HistoryTableTests(SimpleTestCase):
    def test_one_row_per_competence_one_column_per_month_blank_where_none(
        self,
    ) -> None:
        """4.1 has no snapshot in February: its cell is blank, not 0; months
        oldest first, competences in code order, whatever the input order."""
        frame = frames.history_frame(
            [
                {"competence__code": "4.2", "month": dt.date(2026, 2, 1), "level": 1},
                {"competence__code": "4.1", "month": MONTH, "level": 3},
                {"competence__code": "4.1", "month": dt.date(2026, 1, 1), "level": 2},
                {"competence__code": "4.2", "month": MONTH, "level": 1},
            ]
        )
        table = frames.history_table(
            frame,
            title="Competence",
            names={"4.1": "4.1 Devices"},
            month=lambda m: f"{m:%Y-%m}",
        )
        self.assertEqual(
            table["header"], ["Competence", "2026-01", "2026-02", "2026-03"]
        )
        self.assertEqual(
            table["rows"],
            [["4.1 Devices", 2, frames.BLANK, 3], ["4.2", frames.BLANK, 1, 1]],
        )

    def test_no_snapshot_gives_no_row(self) -> None:
        table = frames.history_table(
            frames.history_frame([]), title="C", names={}, month=str
        )
        self.assertEqual(table, {"header": ["C"], "rows": []})
