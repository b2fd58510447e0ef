from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lms.models import User
from lms.privacy import actions
from lms.privacy.models import Anonymisation
from lms.tests.privacy.support import LeaversTestCase, make_statement


class AnonymisePersonTests(LeaversTestCase):
    def anonymise(self) -> User:
        actions.anonymise_person(self.lea, by=self.cleo)
        return User.objects.get(pk=self.lea.pk)

    def test_the_person_row_names_nobody_and_keeps_what_figures_need(self) -> None:
        person = self.anonymise()
        self.assertRegex(person.username, r"^anonymised-[0-9a-f]{12}$")
        self.assertEqual(
            (person.first_name, person.last_name, person.email), ("", "", "")
        )
        self.assertIsNone(person.employee_number)
        self.assertIsNone(person.hire_date)
        self.assertFalse(person.is_active)
        self.assertFalse(person.has_usable_password())
        # What dashboards group by stays.
        self.assertEqual(
            (person.organisation, person.department, person.job_role, person.manager),
            (self.town, self.engineering, self.developer_role, self.ben),
        )

    def test_roles_groups_and_second_factor_go(self) -> None:
        User.objects.filter(pk=self.lea.pk).update(is_hr_admin=True, is_author=True)
        self.lea.groups.add(Group.objects.create(name="some group"))
        TOTPDevice.objects.create(user=self.lea, name="phone", confirmed=True)
        person = self.anonymise()
        self.assertFalse(person.is_hr_admin or person.is_author or person.is_superuser)
        self.assertFalse(person.groups.exists())
        self.assertFalse(TOTPDevice.objects.filter(user=person).exists())

    def test_statements_lose_the_actors_name_and_keep_the_actor(self) -> None:
        statement = make_statement(self.lea)
        self.anonymise()
        statement.refresh_from_db()
        self.assertEqual(statement.actor_id, self.lea.pk)
        self.assertNotIn("name", statement.data["actor"])
        self.assertEqual(statement.data["actor"]["account"]["name"], str(self.lea.pk))

    def test_sign_in_records_under_the_old_names_are_deleted(self) -> None:
        for name in ("lea", "LEA@example.org"):
            AccessLog.objects.create(username=name, ip_address="10.0.0.1")
        AccessAttempt.objects.create(
            username="lea", ip_address="10.0.0.1", failures_since_start=1
        )
        AccessLog.objects.create(username="ada", ip_address="10.0.0.2")
        self.anonymise()
        self.assertEqual(
            list(AccessLog.objects.values_list("username", flat=True)), ["ada"]
        )
        self.assertFalse(AccessAttempt.objects.exists())

    def test_the_back_office_history_no_longer_names_them(self) -> None:
        log(instance=self.lea, action="wagtail.edit", user=self.cleo)
        person = self.anonymise()
        entry = ModelLogEntry.objects.get(
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(person.pk),
        )
        self.assertEqual(entry.label, person.username)

    def test_it_is_recorded_without_a_name(self) -> None:
        self.anonymise()
        record = Anonymisation.objects.get()
        self.assertEqual(record.anonymised_by, self.cleo)
        self.assertNotIn("lea", str(record).lower())

    def test_someone_still_active_or_already_anonymised_is_refused(self) -> None:
        with self.assertRaises(actions.NotALeaver):
            actions.anonymise_person(self.ada, by=self.cleo)
        self.anonymise()
        with self.assertRaises(actions.NotALeaver):
            actions.anonymise_person(self.lea, by=self.cleo)
        self.assertEqual(Anonymisation.objects.count(), 1)

    def test_other_peoples_records_are_untouched(self) -> None:
        statement = make_statement(self.ada)
        self.anonymise()
        statement.refresh_from_db()
        self.assertEqual(statement.data["actor"]["name"], "Ada Test")
        self.assertTrue(User.objects.filter(username="ada", email="ada@example.org"))

    def test_an_old_row_that_newer_rules_refuse_is_still_anonymised(self) -> None:
        """An official given a department before the rule existed."""
        User.objects.filter(pk=self.lea.pk).update(kind=User.Kind.ELECTED)
        person = self.anonymise()
        self.assertEqual(person.department, self.engineering)
        self.assertEqual(person.first_name, "")
