"""What the browser may send: xAPI statements and H5P's saved state, checked
before any ORM call."""

import uuid

from django.test import SimpleTestCase
from pydantic import ValidationError

from courses.records.intake import (
    MAX_USER_DATA_CHARS,
    SUBCONTENT_EXTENSION,
    IncomingStatement,
    IncomingUserData,
)

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def statement(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "verb": {"id": ANSWERED},
        "object": {"id": "https://example.org/h5p/1"},
    }
    data.update(overrides)
    return data


class IncomingStatementTests(SimpleTestCase):
    def test_a_statement_without_a_uuid_is_refused(self) -> None:
        """The id must be a UUID: the store uses it to keep one copy."""
        with self.assertRaises(ValidationError):
            IncomingStatement.model_validate(statement(id="not-a-uuid"))

    def test_a_scaled_score_outside_minus_one_to_one_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            IncomingStatement.model_validate(
                statement(result={"score": {"scaled": 1.5}})
            )

    def test_an_empty_verb_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            IncomingStatement.model_validate(statement(verb={"id": ""}))

    def test_unknown_fields_are_kept(self) -> None:
        """xAPI statements may carry more than the platform reads."""
        incoming = IncomingStatement.model_validate(statement(authority={"x": 1}))
        dumped = incoming.model_dump(mode="json", exclude_none=True)
        self.assertEqual(dumped["authority"], {"x": 1})

    def test_the_outer_statement_is_top_level_and_gives_its_score(self) -> None:
        incoming = IncomingStatement.model_validate(
            statement(result={"score": {"scaled": 0.8}, "success": True})
        )
        self.assertTrue(incoming.is_top_level)
        self.assertEqual(incoming.scaled, 0.8)
        self.assertEqual(incoming.sub_content_id, "")

    def test_a_statement_with_a_parent_activity_is_not_top_level(self) -> None:
        incoming = IncomingStatement.model_validate(
            statement(
                context={"contextActivities": {"parent": [{"id": "https://x/1"}]}}
            )
        )
        self.assertFalse(incoming.is_top_level)

    def test_a_sub_content_statement_is_not_top_level_and_names_its_part(
        self,
    ) -> None:
        incoming = IncomingStatement.model_validate(
            statement(
                object={
                    "id": "https://example.org/h5p/1?sub=2",
                    "definition": {
                        "extensions": {SUBCONTENT_EXTENSION: "abc-123"},
                        "interactionType": "choice",
                    },
                }
            )
        )
        self.assertFalse(incoming.is_top_level)
        self.assertEqual(incoming.sub_content_id, "abc-123")
        self.assertEqual(incoming.interaction_type, "choice")

    def test_the_question_is_its_description_without_markup(self) -> None:
        incoming = IncomingStatement.model_validate(
            statement(
                object={
                    "id": "https://example.org/h5p/1",
                    "definition": {
                        "description": {"en-US": "<p>Which  <b>password</b>?</p>"},
                        "name": {"en-US": "Name"},
                    },
                }
            )
        )
        self.assertEqual(incoming.question, "Which password?")

    def test_without_a_description_the_question_is_the_activity_id(self) -> None:
        incoming = IncomingStatement.model_validate(statement())
        self.assertEqual(incoming.question, "https://example.org/h5p/1")
        self.assertIsNone(incoming.scaled)


class IncomingUserDataTests(SimpleTestCase):
    def test_json_data_is_accepted(self) -> None:
        data = IncomingUserData.model_validate(
            {"dataType": "state", "subContentId": "0", "data": '{"page": 2}'}
        )
        self.assertEqual(data.data, '{"page": 2}')

    def test_none_forgets_the_value(self) -> None:
        data = IncomingUserData.model_validate({"dataType": "state", "data": None})
        self.assertIsNone(data.data)
        self.assertEqual(data.subContentId, "0")

    def test_data_that_is_not_json_is_refused(self) -> None:
        with self.assertRaisesMessage(ValidationError, "data is not JSON"):
            IncomingUserData.model_validate({"dataType": "state", "data": "{nope"})

    def test_a_data_type_with_odd_characters_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            IncomingUserData.model_validate({"dataType": "../state", "data": "1"})

    def test_unknown_fields_are_refused(self) -> None:
        with self.assertRaises(ValidationError):
            IncomingUserData.model_validate(
                {"dataType": "state", "data": "1", "extra": True}
            )

    def test_data_longer_than_the_limit_is_refused(self) -> None:
        too_long = '"' + "a" * MAX_USER_DATA_CHARS + '"'
        with self.assertRaises(ValidationError):
            IncomingUserData.model_validate({"dataType": "state", "data": too_long})
