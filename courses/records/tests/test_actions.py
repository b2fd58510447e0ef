"""Writing to the learning record store: one row per statement id."""

import datetime as dt
import uuid

from courses.records import xapi
from courses.records.actions import record_event, record_statement
from courses.records.models import Statement
from lms.testing import PersonasTestCase


class RecordStatementTests(PersonasTestCase):
    def statement(self, statement_id: uuid.UUID) -> dict[str, object]:
        return xapi.build_statement(
            self.ada,
            verb="completed",
            activity_kind="lesson",
            activity_key=4,
            activity_name="Phishing",
            statement_id=statement_id,
            timestamp=dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC),
        )

    def test_a_statement_is_stored_with_its_actor_verb_object_and_town(self) -> None:
        statement_id = uuid.uuid4()
        row, created = record_statement(self.statement(statement_id), actor=self.ada)
        self.assertTrue(created)
        row.refresh_from_db()
        self.assertEqual(row.pk, statement_id)
        self.assertEqual(row.actor, self.ada)
        self.assertEqual(row.verb, xapi.VERBS["completed"])
        self.assertEqual(row.object_id, xapi.activity_iri("lesson", 4))
        self.assertEqual(row.organisation, self.town)
        self.assertEqual(row.timestamp, dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC))
        self.assertEqual(row.data["id"], str(statement_id))

    def test_the_same_id_twice_stores_it_once(self) -> None:
        data = self.statement(uuid.uuid4())
        first, created_first = record_statement(data, actor=self.ada)
        second, created_second = record_statement(data, actor=self.ada)
        self.assertTrue(created_first)
        self.assertFalse(created_second)
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(Statement.objects.count(), 1)

    def test_a_replayed_id_keeps_the_first_actor(self) -> None:
        """Another person sending a stored id gets the stored row back, so the
        caller can see it is not theirs."""
        data = self.statement(uuid.uuid4())
        record_statement(data, actor=self.ada)
        row, created = record_statement(data, actor=self.marc)
        self.assertFalse(created)
        self.assertEqual(row.actor, self.ada)

    def test_a_statement_without_an_id_changes_nothing(self) -> None:
        data = self.statement(uuid.uuid4())
        data["id"] = "not-a-uuid"
        with self.assertRaises(ValueError):
            record_statement(data, actor=self.ada)
        self.assertFalse(Statement.objects.exists())


class RecordEventTests(PersonasTestCase):
    def test_a_server_event_is_built_and_stored_once(self) -> None:
        statement_id = xapi.event_id("enrolment", self.ada.pk, 9)
        kwargs = {
            "verb": "registered",
            "activity_kind": "course",
            "activity_key": 9,
            "activity_name": "Cybersecurity",
            "statement_id": statement_id,
        }
        row = record_event(self.ada, **kwargs)
        again = record_event(self.ada, **kwargs)
        self.assertEqual(row.pk, statement_id)
        self.assertEqual(again.pk, statement_id)
        self.assertEqual(row.verb, xapi.VERBS["registered"])
        self.assertEqual(Statement.objects.filter(actor=self.ada).count(), 1)
