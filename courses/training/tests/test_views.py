"""The learner-side pages: session, sign-up, cancellation, nomination,
approvals, attendance, the printable sheet and the hours export."""

from __future__ import annotations

import csv
import io

from django.core import mail
from django.test import Client

from courses.training import actions
from courses.training.models import Attendance, Registration
from courses.training.tests.base import TrainingTestCase

Status = Registration.Status


class SessionPageTests(TrainingTestCase):
    def test_a_learner_of_the_town_sees_the_session(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(self.session.get_absolute_url())
        self.assertContains(response, "Atelier cybersécurité")
        self.assertContains(response, "Salle du conseil")

    def test_another_towns_learner_gets_404_until_seats_are_opened(self) -> None:
        self.client.force_login(self.marc)
        self.assertEqual(
            self.client.get(self.session.get_absolute_url()).status_code, 404
        )
        self.open_seats(self.session, self.other_town, 2)
        self.assertEqual(
            self.client.get(self.session.get_absolute_url()).status_code, 200
        )

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(self.session.get_absolute_url())
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        response = self.client.post(
            f"/learning/training/sessions/{self.session.pk}/register/"
        )
        self.assertIn("/accounts/login/", response["Location"])
        self.assertFalse(Registration.objects.exists())


class SignUpViewTests(TrainingTestCase):
    def url(self, name: str) -> str:
        return f"/learning/training/sessions/{self.session.pk}/{name}/"

    def test_sign_up_then_my_learning_lists_it(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(self.url("register"))
        self.assertRedirects(response, self.session.get_absolute_url())
        self.assertEqual(Registration.objects.get().status, Status.CONFIRMED)
        page = self.client.get("/learning/")
        self.assertContains(page, "Atelier cybersécurité")
        self.assertContains(page, "Confirmée")

    def test_a_double_submit_makes_one_registration(self) -> None:
        self.client.force_login(self.ada)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url("register"))
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url("register"))
        self.assertEqual(Registration.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_forged_post_without_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.ada)
        self.assertEqual(client.post(self.url("register")).status_code, 403)
        self.assertFalse(Registration.objects.exists())

    def test_get_does_not_register(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.url("register")).status_code, 405)
        self.assertFalse(Registration.objects.exists())

    def test_a_conflict_is_explained_and_nothing_changes(self) -> None:
        from courses.training.tests.base import make_session

        other = make_session(self.training, start=self.start)
        actions.register(self.ada, other)
        self.client.force_login(self.ada)
        response = self.client.post(self.url("register"), follow=True)
        self.assertContains(response, "au même moment")
        self.assertFalse(Registration.objects.filter(session=self.session).exists())

    def test_cancel_is_for_the_person_and_their_hr_only(self) -> None:
        registration = actions.register(self.ada, self.session)
        url = f"/learning/training/registrations/{registration.pk}/cancel/"
        for outsider in (self.dev, self.hugo, self.eli):
            self.client.force_login(outsider)
            self.assertEqual(self.client.post(url).status_code, 404)
        registration.refresh_from_db()
        self.assertEqual(registration.status, Status.CONFIRMED)
        self.client.force_login(self.ada)
        self.client.post(url)
        registration.refresh_from_db()
        self.assertEqual(registration.status, Status.CANCELLED)

    def test_the_manager_nominates_a_report_but_not_someone_else(self) -> None:
        self.client.force_login(self.ben)
        self.client.post(self.url("nominate"), {"person": self.dev.pk})
        self.assertFalse(Registration.objects.exists())
        self.client.post(self.url("nominate"), {"person": self.ada.pk})
        registration = Registration.objects.get()
        self.assertEqual(
            (registration.user, registration.nominated_by), (self.ada, self.ben)
        )


class ApprovalViewTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.training.requires_approval = True
        self.training.save()
        self.registration = actions.register(self.ada, self.session)
        self.url = f"/learning/training/registrations/{self.registration.pk}/decide/"

    def test_the_manager_sees_and_approves(self) -> None:
        self.client.force_login(self.ben)
        self.assertContains(
            self.client.get("/learning/training/approvals/"), "Ada Test"
        )
        self.client.post(self.url, {"decision": "approve"})
        self.registration.refresh_from_db()
        self.assertEqual(self.registration.status, Status.CONFIRMED)

    def test_a_refusal_without_reason_changes_nothing(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.post(self.url, {"decision": "refuse"}, follow=True)
        self.assertContains(response, "Indiquez le motif du refus")
        self.registration.refresh_from_db()
        self.assertEqual(self.registration.status, Status.PENDING)

    def test_another_towns_hr_and_colleagues_see_nothing(self) -> None:
        for outsider in (self.hugo, self.dev, self.eli):
            self.client.force_login(outsider)
            self.assertNotContains(
                self.client.get("/learning/training/approvals/"), "Ada Test"
            )
            self.assertEqual(
                self.client.post(self.url, {"decision": "approve"}).status_code, 404
            )
        self.registration.refresh_from_db()
        self.assertEqual(self.registration.status, Status.PENDING)


class AttendanceViewTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.registration = actions.register(self.ada, self.session)
        self.slot = self.session.slots.get()
        self.url = f"/learning/training/sessions/{self.session.pk}/attendance/"
        self.field = f"mark-{self.registration.pk}-{self.slot.pk}"

    def test_hr_marks_attendance(self) -> None:
        self.client.force_login(self.cleo)
        self.assertContains(self.client.get(self.url), "Ada Test")
        self.client.post(self.url, {self.field: "present"})
        self.assertEqual(Attendance.objects.get().status, "present")

    def test_the_learner_cannot_mark_themselves_present(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(
            self.client.post(self.url, {self.field: "present"}).status_code, 404
        )
        self.assertFalse(Attendance.objects.exists())

    def test_another_towns_hr_gets_404(self) -> None:
        self.client.force_login(self.hugo)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        sheet = f"/learning/training/sessions/{self.session.pk}/sheet/"
        self.assertEqual(self.client.get(sheet).status_code, 404)

    def test_an_unknown_mark_is_rejected(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(self.url, {self.field: "late"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Attendance.objects.exists())

    def test_the_sheet_lists_confirmed_participants_with_the_town(self) -> None:
        waiting = actions.register(self.ben, self.session)
        actions.cancel(waiting, by=self.ben)
        self.client.force_login(self.cleo)
        response = self.client.get(
            f"/learning/training/sessions/{self.session.pk}/sheet/"
        )
        self.assertContains(response, "Ada Test")
        self.assertNotContains(response, "Ben Test")
        self.assertContains(response, "Saint-Aubin")
        self.assertContains(response, "Signature")


class HoursExportTests(TrainingTestCase):
    def test_hr_downloads_hours_of_their_town(self) -> None:
        registration = actions.register(self.ada, self.session)
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={(registration.pk, self.session.slots.get().pk): "present"},
        )
        self.client.force_login(self.cleo)
        response = self.client.get(
            f"/learning/training/hours.csv?year={self.start.year}"
        )
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(
            rows[1], ["ADA", "Test", "Ada", "Engineering", "staff", "1", "3.00"]
        )
        self.assertEqual(len(rows), 2)

    def test_only_hr_may_export(self) -> None:
        for outsider in (self.ada, self.ben, self.eli):
            self.client.force_login(outsider)
            self.assertEqual(
                self.client.get("/learning/training/hours.csv").status_code, 403
            )

    def test_another_towns_hr_gets_only_their_town(self) -> None:
        registration = actions.register(self.ada, self.session)
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={(registration.pk, self.session.slots.get().pk): "present"},
        )
        self.client.force_login(self.hugo)
        response = self.client.get(
            f"/learning/training/hours.csv?year={self.start.year}"
        )
        self.assertEqual(len(response.content.decode().splitlines()), 1)

    def test_a_bad_year_is_a_clear_400(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get("/learning/training/hours.csv?year=abc")
        self.assertEqual(response.status_code, 400)


class MyLearningLinksTests(TrainingTestCase):
    def test_the_manager_is_shown_the_sign_ups_awaiting_them(self) -> None:
        self.training.requires_approval = True
        self.training.save()
        actions.register(self.ada, self.session)
        self.client.force_login(self.ben)
        self.assertContains(
            self.client.get("/learning/"), "1 inscription attend votre décision"
        )
        self.client.force_login(self.dev)
        self.assertNotContains(self.client.get("/learning/"), "attend votre décision")

    def test_only_hr_is_offered_the_hours_export(self) -> None:
        self.client.force_login(self.cleo)
        self.assertContains(self.client.get("/learning/"), "hours.csv")
        self.client.force_login(self.ada)
        self.assertNotContains(self.client.get("/learning/"), "hours.csv")
