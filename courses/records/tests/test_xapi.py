"""xAPI statements built for server-side events: the actor is an account (never
an e-mail address) and the context says where the person works."""

import datetime as dt
import uuid

from django.test import override_settings

from courses.records import xapi
from lms.testing import PersonasTestCase


@override_settings(SITE_URL="https://skills.example.org")
class StatementBuildingTests(PersonasTestCase):
    def test_the_actor_is_the_platform_account(self) -> None:
        actor = xapi.actor_for(self.ada)
        self.assertEqual(actor["objectType"], "Agent")
        self.assertEqual(
            actor["account"],
            {"homePage": "https://skills.example.org", "name": str(self.ada.pk)},
        )
        self.assertNotIn("mbox", actor)

    def test_the_context_names_town_department_and_job_role(self) -> None:
        context = xapi.people_context(self.ada)
        self.assertEqual(
            context,
            {
                xapi.extension_iri("organisation"): "saint-aubin",
                xapi.extension_iri("department"): "ENG",
                xapi.extension_iri("job-role"): "DEV",
                xapi.extension_iri("person-kind"): self.ada.kind,
            },
        )

    def test_a_platform_admin_without_a_town_has_empty_context(self) -> None:
        context = xapi.people_context(self.root)
        self.assertIsNone(context[xapi.extension_iri("organisation")])
        self.assertIsNone(context[xapi.extension_iri("department")])

    def test_the_same_event_gets_the_same_id(self) -> None:
        self.assertEqual(xapi.event_id("quiz", 1, 2), xapi.event_id("quiz", 1, 2))
        self.assertNotEqual(xapi.event_id("quiz", 1, 2), xapi.event_id("quiz", 1, 3))

    def test_a_built_statement_is_xapi_1_0_3_with_parent_and_result(self) -> None:
        when = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
        statement_id = uuid.uuid4()
        statement = xapi.build_statement(
            self.ada,
            verb="passed",
            activity_kind="quiz",
            activity_key=7,
            activity_name="Passwords",
            statement_id=statement_id,
            result={"score": {"scaled": 0.9}},
            parent=("course", 3),
            timestamp=when,
        )
        self.assertEqual(statement["id"], str(statement_id))
        self.assertEqual(statement["version"], "1.0.3")
        self.assertEqual(statement["verb"]["id"], xapi.VERBS["passed"])
        self.assertEqual(
            statement["object"]["id"],
            "https://skills.example.org/xapi/activities/quiz/7",
        )
        self.assertEqual(
            statement["object"]["definition"]["type"], xapi.ACTIVITY_TYPES["quiz"]
        )
        self.assertEqual(
            statement["context"]["contextActivities"]["parent"][0]["id"],
            "https://skills.example.org/xapi/activities/course/3",
        )
        self.assertEqual(statement["result"], {"score": {"scaled": 0.9}})
        self.assertEqual(statement["timestamp"], when.isoformat())

    def test_an_unknown_activity_kind_is_typed_as_a_lesson(self) -> None:
        statement = xapi.build_statement(
            self.ada,
            verb="completed",
            activity_kind="workshop",
            activity_key="x",
            activity_name="Workshop",
            statement_id=uuid.uuid4(),
        )
        self.assertEqual(
            statement["object"]["definition"]["type"], xapi.ACTIVITY_TYPES["lesson"]
        )
        self.assertNotIn("result", statement)
        self.assertNotIn("contextActivities", statement["context"])
