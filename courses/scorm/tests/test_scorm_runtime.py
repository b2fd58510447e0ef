"""The SCORM data model on the server: durations, vocabularies, mastery, launch data."""

from decimal import Decimal

from django.test import SimpleTestCase

from courses.scorm.runtime import (
    CommitInvalid,
    Interaction,
    format_duration,
    interactions_of,
    launch_data,
    parse_commit,
    read_commit,
    seconds_of,
)


class DurationTests(SimpleTestCase):
    def test_both_formats_read_and_write(self) -> None:
        self.assertEqual(seconds_of("0001:02:03.5", "1.2"), 3723.5)
        self.assertEqual(seconds_of("00:00:07", "1.2"), 7)
        self.assertEqual(seconds_of("PT1H2M3.25S", "2004"), 3723.25)
        self.assertEqual(seconds_of("P1DT1S", "2004"), 86401)
        self.assertEqual(format_duration(3723.5, "1.2"), "0001:02:03.50")
        self.assertEqual(format_duration(3723.5, "2004"), "PT1H2M3.50S")

    def test_malformed_durations_are_refused(self) -> None:
        for value, version in (
            ("1:2:3", "1.2"),
            ("00:61:00", "1.2"),
            ("PT", "2004"),
            ("P1H", "2004"),
            ("3600", "2004"),
        ):
            with self.subTest(value=value), self.assertRaises(ValueError):
                seconds_of(value, version)


class ReadCommitTests(SimpleTestCase):
    def test_scorm_12_status_score_and_time(self) -> None:
        reading = read_commit(
            {
                "core": {
                    "lesson_status": "passed",
                    "score": {"raw": "45", "min": "0", "max": "50"},
                    "session_time": "00:02:00",
                    "lesson_location": "p4",
                    "exit": "suspend",
                },
                "suspend_data": "a=1",
            },
            version="1.2",
        )
        self.assertEqual((reading.completion, reading.success), ("completed", "passed"))
        self.assertEqual(reading.score_scaled, Decimal("0.9"))
        self.assertEqual(reading.session_seconds, 120)
        self.assertEqual((reading.location, reading.exit), ("p4", "suspend"))

    def test_the_mastery_score_decides_passed_or_failed(self) -> None:
        cmi = {"core": {"lesson_status": "completed", "score": {"raw": "70"}}}
        self.assertEqual(
            read_commit(cmi, version="1.2", mastery_score=Decimal(80)).success,
            "failed",
        )
        self.assertEqual(
            read_commit(cmi, version="1.2", mastery_score=Decimal(60)).success,
            "passed",
        )

    def test_a_12_sco_that_set_no_status_is_completed_when_it_finishes(self) -> None:
        """RTE 3-25: still "not attempted" at LMSFinish, the LMS sets
        "completed", and that is what the next launch reads."""
        cmi = {"core": {"lesson_status": "not attempted", "session_time": "00:00:09"}}
        reading = read_commit(cmi, version="1.2", terminate=True)
        self.assertEqual(
            (reading.completion, reading.success), ("completed", "unknown")
        )
        self.assertEqual(reading.cmi["core"]["lesson_status"], "completed")
        self.assertEqual(reading.cmi["core"]["session_time"], "00:00:09")
        self.assertEqual(cmi["core"]["lesson_status"], "not attempted")  # a copy
        empty = read_commit({}, version="1.2", terminate=True)
        self.assertEqual(empty.completion, "completed")

    def test_before_it_finishes_a_12_sco_stays_not_attempted(self) -> None:
        cmi = {"core": {"lesson_status": "not attempted"}}
        reading = read_commit(cmi, version="1.2")
        self.assertEqual(reading.completion, "not attempted")
        self.assertEqual(reading.cmi["core"]["lesson_status"], "not attempted")

    def test_a_status_the_12_sco_set_is_kept_when_it_finishes(self) -> None:
        for status, completion in (
            ("incomplete", "incomplete"),
            ("browsed", "incomplete"),
        ):
            with self.subTest(status=status):
                reading = read_commit(
                    {"core": {"lesson_status": status}}, version="1.2", terminate=True
                )
                self.assertEqual(reading.completion, completion)
                self.assertEqual(reading.cmi["core"]["lesson_status"], status)

    def test_after_completing_it_the_lms_applies_the_mastery_score(self) -> None:
        cmi = {"core": {"lesson_status": "not attempted", "score": {"raw": "70"}}}
        for mastery, decided in ((Decimal(80), "failed"), (Decimal(60), "passed")):
            with self.subTest(mastery=mastery):
                reading = read_commit(
                    cmi, version="1.2", mastery_score=mastery, terminate=True
                )
                self.assertEqual(
                    (reading.completion, reading.success), ("completed", decided)
                )
                self.assertEqual(reading.cmi["core"]["lesson_status"], decided)

    def test_the_2004_finish_rules_are_unchanged(self) -> None:
        reading = read_commit({}, version="2004", terminate=True)
        self.assertEqual((reading.completion, reading.success), ("unknown", "unknown"))

    def test_scorm_2004_and_the_scaled_passing_score(self) -> None:
        cmi = {
            "completion_status": "completed",
            "success_status": "unknown",
            "score": {"scaled": "0.65"},
            "session_time": "PT30S",
        }
        reading = read_commit(cmi, version="2004", scaled_passing_score=Decimal("0.7"))
        self.assertEqual((reading.completion, reading.success), ("completed", "failed"))
        self.assertEqual(reading.session_seconds, 30)

    def test_every_problem_is_named(self) -> None:
        with self.assertRaises(CommitInvalid) as refused:
            read_commit(
                {
                    "completion_status": "finished",
                    "score": {"scaled": "2"},
                    "suspend_data": "x" * 64001,
                    "session_time": "yesterday",
                    "exit": "quit",
                },
                version="2004",
            )
        text = " ".join(refused.exception.problems)
        for name in (
            "cmi.completion_status",
            "cmi.score.scaled",
            "cmi.suspend_data",
            "session_time",
            "cmi.exit",
        ):
            self.assertIn(name, text)
        with self.assertRaises(CommitInvalid):
            read_commit({"suspend_data": "x" * 4097}, version="1.2")
        with self.assertRaises(CommitInvalid):
            read_commit({"core": {"score": {"raw": "NaN"}}}, version="1.2")

    def test_the_envelope_is_checked(self) -> None:
        for body in (
            b"{",
            b'{"session": "x", "sequence": 1, "cmi": {}}',
            b'{"session": "0b0e4f9c-4d7c-4e8e-9d59-0b0b0b0b0b0b", "sequence": 0, "cmi": {}}',
            b'{"session": "0b0e4f9c-4d7c-4e8e-9d59-0b0b0b0b0b0b", "sequence": 1, "cmi": {}, "x": 1}',
            b" " * (513 * 1024),
        ):
            with self.subTest(body=body[:40]), self.assertRaises(CommitInvalid):
                parse_commit(body)


class LaunchDataTests(SimpleTestCase):
    def launch(self, **overrides):
        values = {
            "version": "2004",
            "learner_id": "7",
            "learner_name": "Martin, Ada",
            "saved": {
                "location": "p3",
                "suspend_data": "s",
                "score": {"scaled": "0.5"},
            },
            "completion": "incomplete",
            "success": "unknown",
            "exit": "suspend",
            "first_launch": False,
            "total_seconds": 90,
            "data_from_lms": "",
            "mastery_score": None,
            "scaled_passing_score": Decimal("0.8"),
        }
        return launch_data(**{**values, **overrides})

    def test_a_suspended_session_resumes_with_its_data(self) -> None:
        cmi = self.launch()
        self.assertEqual(cmi["entry"], "resume")
        self.assertEqual((cmi["location"], cmi["suspend_data"]), ("p3", "s"))
        self.assertEqual(cmi["total_time"], "PT0H1M30.00S")
        self.assertEqual(cmi["scaled_passing_score"], "0.8")

    def test_entry_on_first_launch_and_after_a_normal_exit(self) -> None:
        self.assertEqual(self.launch(first_launch=True)["entry"], "ab-initio")
        self.assertEqual(self.launch(exit="")["entry"], "")

    def test_scorm_12_first_launch_defaults(self) -> None:
        """RTE 3.4.2: "not attempted", "ab-initio", for credit, in normal mode."""
        core = self.launch(version="1.2", saved={}, first_launch=True, exit="")["core"]
        self.assertEqual(core["lesson_status"], "not attempted")
        self.assertEqual(core["entry"], "ab-initio")
        self.assertEqual(core["credit"], "credit")
        self.assertEqual(core["lesson_mode"], "normal")

    def test_scorm_12_entry_after_a_suspended_and_a_normal_exit(self) -> None:
        saved = {"core": {"lesson_status": "completed"}}
        resumed = self.launch(version="1.2", saved=saved, exit="suspend")["core"]
        self.assertEqual(
            (resumed["entry"], resumed["lesson_status"]), ("resume", "completed")
        )
        self.assertEqual(
            self.launch(version="1.2", saved=saved, exit="")["core"]["entry"], ""
        )

    def test_scorm_12_shape(self) -> None:
        cmi = self.launch(
            version="1.2",
            saved={"core": {"lesson_location": "4", "lesson_status": "incomplete"}},
            mastery_score=Decimal(80),
            data_from_lms="mode=short",
        )
        self.assertEqual(cmi["core"]["lesson_location"], "4")
        self.assertEqual(cmi["core"]["entry"], "resume")
        self.assertEqual(cmi["core"]["total_time"], "0000:01:30.00")
        self.assertEqual(cmi["student_data"]["mastery_score"], "80")
        self.assertEqual(cmi["launch_data"], "mode=short")


class InteractionsTests(SimpleTestCase):
    def test_both_vocabularies_and_the_api_s_indexed_shape(self) -> None:
        committed = {
            "1": {"id": "q2", "type": "choice", "result": "wrong"},
            "0": {"id": "q1", "type": "true-false", "result": "correct"},
            "2": {"id": "q3", "type": "numeric", "result": "incorrect"},
            "3": {"id": "q4", "type": "likert", "result": "neutral"},
            "4": {"id": "q5", "type": "fill-in", "result": "0.5"},
            "10": {
                "id": "q6",
                "type": "other",
                "result": "unanticipated",
                "description": "Why?",
            },
        }
        self.assertEqual(
            [(i.id, i.result) for i in interactions_of(committed)],
            [
                ("q1", "correct"),
                ("q2", "incorrect"),
                ("q3", "incorrect"),
                ("q4", "other"),
                ("q5", "other"),
                ("q6", "other"),
            ],
        )
        self.assertEqual(
            interactions_of(committed)[-1],
            Interaction(id="q6", type="other", description="Why?", result="other"),
        )

    def test_what_is_not_an_interaction_is_skipped(self) -> None:
        self.assertEqual(interactions_of(None), [])
        self.assertEqual(interactions_of("q1"), [])
        self.assertEqual(
            [
                i.id
                for i in interactions_of(
                    [{"id": ""}, "x", {"id": "q1"}, {"result": "correct"}]
                )
            ],
            ["q1"],
        )
        self.assertEqual(
            interactions_of({"_count": "1", "0": {"id": "q1", "result": "CORRECT"}}),
            [Interaction(id="q1", type="", description="", result="correct")],
        )
