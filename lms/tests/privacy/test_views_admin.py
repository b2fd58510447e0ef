import io
import json
import zipfile

from django.test import Client
from django.urls import reverse

from lms.models import User
from lms.privacy.models import Anonymisation
from lms.tests.privacy.support import LeaversTestCase

LEAVERS = reverse("privacy_admin:leavers")


def anonymise_url(person: User) -> str:
    return reverse("privacy_admin:anonymise", args=[person.pk])


def archive_url(person: User) -> str:
    return reverse("privacy_admin:person-archive", args=[person.pk])


class LeaversPageTests(LeaversTestCase):
    def test_hr_sees_their_towns_leavers_only(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(LEAVERS)
        self.assertContains(response, anonymise_url(self.lea))
        self.assertNotContains(response, anonymise_url(self.max))
        self.assertNotContains(response, anonymise_url(self.ada))  # still active

    def test_hr_of_the_other_town_sees_theirs(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(LEAVERS, {"organisation": self.town.pk})
        self.assertContains(response, anonymise_url(self.max))
        self.assertNotContains(response, anonymise_url(self.lea))

    def test_a_platform_admin_sees_every_town(self) -> None:
        self.client.force_login(self.root)
        response = self.client.get(LEAVERS)
        self.assertContains(response, anonymise_url(self.lea))
        self.assertContains(response, anonymise_url(self.max))
        self.assertContains(response, reverse("privacy_admin:export-log"))

    def test_nobody_else_opens_it(self) -> None:
        """An author reaches the back office but not this page; a learner,
        manager or official does not reach the back office at all."""
        for person in (self.aurore, self.ada, self.ben, self.eli):
            self.client.force_login(person)
            response = self.client.get(LEAVERS)
            self.assertIn(response.status_code, (302, 403), person)
            self.assertNotIn(anonymise_url(self.lea).encode(), response.content)
        self.client.logout()
        response = self.client.get(LEAVERS)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_the_menu_shows_it_to_hr_only(self) -> None:
        self.client.force_login(self.cleo)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), LEAVERS)
        self.client.force_login(self.aurore)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), LEAVERS)


class AnonymiseTests(LeaversTestCase):
    def post(self, person: User, **data: str) -> int:
        return self.client.post(anonymise_url(person), data).status_code

    def assert_untouched(self, person: User) -> None:
        person.refresh_from_db()
        self.assertIn(person.username, {"lea", "max"})
        self.assertFalse(Anonymisation.objects.filter(person=person).exists())

    def test_hr_confirms_then_anonymises_a_leaver_of_their_town(self) -> None:
        self.client.force_login(self.cleo)
        page = self.client.get(anonymise_url(self.lea))
        self.assertContains(page, "Lea Test")
        self.assert_untouched(self.lea)  # the page itself changes nothing
        response = self.client.post(anonymise_url(self.lea), {"confirm": "on"})
        self.assertRedirects(response, LEAVERS)
        self.lea.refresh_from_db()
        self.assertTrue(self.lea.username.startswith("anonymised-"))
        record = Anonymisation.objects.get(person=self.lea)
        self.assertEqual(record.anonymised_by, self.cleo)
        self.assertEqual(record.reason, Anonymisation.Reason.LEFT)

    def test_nothing_happens_without_the_confirmation(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(anonymise_url(self.lea), {})
        self.assertContains(response, "Cochez la case pour confirmer.")
        self.assert_untouched(self.lea)

    def test_a_forged_request_without_the_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.cleo)
        response = client.post(anonymise_url(self.lea), {"confirm": "on"})
        self.assertEqual(response.status_code, 403)
        self.assert_untouched(self.lea)

    def test_a_replayed_request_changes_nothing(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.post(self.lea, confirm="on"), 302)
        self.lea.refresh_from_db()
        first = self.lea.username
        self.assertEqual(self.post(self.lea, confirm="on"), 404)
        self.lea.refresh_from_db()
        self.assertEqual(self.lea.username, first)
        self.assertEqual(Anonymisation.objects.count(), 1)

    def test_someone_still_active_cannot_be_anonymised(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.post(self.ada, confirm="on"), 404)
        self.ada.refresh_from_db()
        self.assertEqual(self.ada.username, "ada")

    def test_hr_of_another_town_cannot(self) -> None:
        self.client.force_login(self.hugo)
        self.assertEqual(self.client.get(anonymise_url(self.lea)).status_code, 404)
        self.assertEqual(self.post(self.lea, confirm="on"), 404)
        self.assert_untouched(self.lea)

    def test_learners_managers_officials_and_authors_cannot(self) -> None:
        for person in (self.ada, self.ben, self.eli, self.aurore):
            self.client.force_login(person)
            self.assertIn(self.post(self.lea, confirm="on"), (302, 403, 404), person)
        self.assert_untouched(self.lea)

    def test_an_anonymous_visitor_cannot(self) -> None:
        self.assertEqual(self.post(self.lea, confirm="on"), 302)
        self.assert_untouched(self.lea)

    def test_hr_cannot_anonymise_a_platform_admins_account(self) -> None:
        self.root.organisation = self.town
        self.root.is_active = False
        self.root.save()
        self.client.force_login(self.cleo)
        self.assertEqual(self.post(self.root, confirm="on"), 404)

    def test_a_platform_admin_may_anonymise_anyone_who_left(self) -> None:
        self.client.force_login(self.root)
        self.assertEqual(self.post(self.max, confirm="on"), 302)
        self.assertEqual(Anonymisation.objects.get().person, self.max)


class PersonArchiveTests(LeaversTestCase):
    def test_hr_downloads_the_data_of_a_person_of_their_town(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(archive_url(self.lea))
        self.assertEqual(response.status_code, 200)
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        self.assertEqual(json.loads(archive.read("profile.json"))[0]["username"], "lea")

    def test_nobody_else_downloads_it(self) -> None:
        for person in (self.hugo, self.ada, self.ben, self.eli, self.aurore):
            self.client.force_login(person)
            response = self.client.get(archive_url(self.lea))
            self.assertIn(response.status_code, (302, 403, 404), person)
            self.assertNotEqual(response.get("Content-Type"), "application/zip")
        self.client.logout()
        self.assertEqual(self.client.get(archive_url(self.lea)).status_code, 302)

    def test_a_platform_admin_may(self) -> None:
        self.client.force_login(self.root)
        self.assertEqual(self.client.get(archive_url(self.max)).status_code, 200)
