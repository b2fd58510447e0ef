from django.test import SimpleTestCase

from lms.privacy.scrub import (
    SCORM_NAMES,
    SCORM_PERSONAL,
    cmi_without,
    statement_names_person,
    statement_without_names,
)


class StatementTests(SimpleTestCase):
    def test_the_actor_loses_its_name_and_keeps_its_account(self) -> None:
        """The account (platform and row id) stays; the name and any mailbox go."""
        data = {
            "actor": {
                "objectType": "Agent",
                "name": "Ada Lovelace",
                "mbox": "mailto:ada@example.org",
                "account": {"homePage": "https://x.example", "name": "12"},
            },
            "verb": {"id": "answered"},
            "result": {"response": "b"},
        }
        stripped = statement_without_names(data)
        self.assertEqual(
            stripped["actor"],
            {
                "objectType": "Agent",
                "account": {"homePage": "https://x.example", "name": "12"},
            },
        )
        self.assertEqual(stripped["result"], {"response": "b"})
        self.assertTrue(statement_names_person(data))
        self.assertFalse(statement_names_person(stripped))

    def test_a_statement_without_an_actor_object_is_left_alone(self) -> None:
        self.assertEqual(statement_without_names({"actor": "x"}), {"actor": "x"})
        self.assertFalse(statement_names_person([]))


class ScormTests(SimpleTestCase):
    CMI_12 = {
        "core": {
            "student_id": "12",
            "student_name": "Lovelace, Ada",
            "lesson_location": "page-3",
            "lesson_status": "passed",
            "score": {"raw": "80"},
        },
        "suspend_data": "free text",
        "comments": "I found it hard",
        "interactions": {"0": {"id": "q1", "result": "correct"}},
    }

    def test_scorm_12_keeps_status_score_and_interactions(self) -> None:
        self.assertEqual(
            cmi_without(self.CMI_12, SCORM_PERSONAL),
            {
                "core": {"lesson_status": "passed", "score": {"raw": "80"}},
                "interactions": {"0": {"id": "q1", "result": "correct"}},
            },
        )

    def test_the_retention_rule_removes_names_only(self) -> None:
        cmi = cmi_without(self.CMI_12, SCORM_NAMES)
        self.assertNotIn("student_name", cmi["core"])
        self.assertEqual(cmi["core"]["lesson_location"], "page-3")
        self.assertEqual(cmi["suspend_data"], "free text")

    def test_scorm_2004_and_dotted_names(self) -> None:
        cmi = {
            "learner_id": "12",
            "learner_name": "Ada",
            "location": "p3",
            "comments_from_learner": {"0": {"comment": "hi"}},
            "comments_from_lms": {"0": {"comment": "welcome"}},
            "cmi.core.student_name": "Ada",
            "success_status": "passed",
        }
        self.assertEqual(
            cmi_without(cmi, SCORM_PERSONAL),
            {
                "comments_from_lms": {"0": {"comment": "welcome"}},
                "success_status": "passed",
            },
        )
