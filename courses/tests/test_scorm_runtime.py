"""The SCORM data model on the server: durations, vocabularies, mastery, launch data."""

from decimal import Decimal

from django.test import SimpleTestCase

from courses.scorm_runtime import (
    CommitInvalid,
    format_duration,
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
