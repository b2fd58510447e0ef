import datetime as dt
import io

import time_machine
from django.core.management import call_command
from django.test import SimpleTestCase
from django.utils import timezone

from lms.models import User
from lms.privacy import actions
from lms.privacy.models import Anonymisation
from lms.privacy.queries import retention_cutoff
from lms.tests.privacy.support import LeaversTestCase, make_statement

NOW = dt.datetime(2032, 6, 1, 3, 0, tzinfo=dt.UTC)
LONG_AGO = NOW - dt.timedelta(days=7 * 365)
RECENTLY = NOW - dt.timedelta(days=2 * 365)


@time_machine.travel(NOW, tick=False)
class RetentionTests(LeaversTestCase):
    """The default period is 6 years. Lea left 7 years ago; Max 2 years ago."""

    def setUp(self) -> None:
        super().setUp()
        User.objects.filter(pk__in=[self.lea.pk, self.max.pk]).update(
            date_joined=LONG_AGO, last_login=LONG_AGO
        )
        make_statement(self.lea, when=LONG_AGO)
        make_statement(self.max, when=RECENTLY)

    def test_people_who_left_long_ago_are_anonymised(self) -> None:
        result = actions.apply_retention()
        self.assertEqual(result.people, 1)
        record = Anonymisation.objects.get()
        self.assertEqual(record.person_id, self.lea.pk)
        self.assertIsNone(record.anonymised_by)
        self.assertEqual(record.reason, Anonymisation.Reason.RETENTION)

    def test_a_recent_learning_record_or_sign_in_keeps_a_leaver(self) -> None:
        User.objects.filter(pk=self.lea.pk).update(last_login=RECENTLY)
        self.assertEqual(actions.apply_retention().people, 0)

    def test_people_still_at_work_are_never_anonymised(self) -> None:
        User.objects.filter(pk=self.ada.pk).update(
            date_joined=LONG_AGO, last_login=LONG_AGO
        )
        actions.apply_retention()
        self.assertFalse(Anonymisation.objects.filter(person=self.ada).exists())

    def test_old_learning_records_lose_names_whoever_they_belong_to(self) -> None:
        """Ada still works here: her old statement loses her name, not her."""
        old = make_statement(self.ada, when=LONG_AGO)
        recent = make_statement(self.ada, when=RECENTLY)
        result = actions.apply_retention()
        old.refresh_from_db()
        recent.refresh_from_db()
        self.assertNotIn("name", old.data["actor"])
        self.assertEqual(old.actor_id, self.ada.pk)
        self.assertEqual(recent.data["actor"]["name"], "Ada Test")
        # Ada's old one; Lea's lost its name when she was anonymised.
        self.assertEqual(result.statements, 1)

    def test_a_second_run_changes_nothing(self) -> None:
        actions.apply_retention()
        self.assertEqual(
            actions.apply_retention(),
            actions.RetentionResult(people=0, statements=0, scorm_states=0),
        )

    def test_the_period_is_a_setting(self) -> None:
        with self.settings(LEARNING_RECORDS_RETENTION_YEARS=1):
            self.assertEqual(actions.apply_retention().people, 2)

    def test_the_daily_command_says_what_it_did(self) -> None:
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        self.assertEqual(
            out.getvalue().strip(),
            "Retention 6 years. People anonymised: 1. Without names now: "
            "0 statements, 0 SCORM records.",
        )


class CutoffTests(SimpleTestCase):
    def test_the_29th_of_february_becomes_the_28th(self) -> None:
        leap = dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)
        self.assertEqual(
            retention_cutoff(leap, years=6), dt.datetime(2022, 2, 28, 12, tzinfo=dt.UTC)
        )
        self.assertEqual(
            retention_cutoff(timezone.now(), years=0).date(), timezone.now().date()
        )
