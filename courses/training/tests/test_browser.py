"""A learner finds a full session in a lesson, signs up, sees it in "My
learning" on the waiting list, and is promoted (and e-mailed) when a seat frees;
every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from courses.demo.builders import make_catalogue, make_course, make_section
from courses.models import CourseCompetence, Enrolment, LessonPage
from courses.training import actions
from courses.training.models import Registration, Training, TrainingSession
from courses.training.tests.base import make_session
from lms.testing import BrowserTestCase
from skills.actions import load_digcomp
from skills.models import Evidence


class TrainingJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        section = make_section(make_catalogue(), self.town)
        course = make_course(section, slug="atelier", lessons=1, title="Atelier")
        training = Training.objects.create(
            organisation=self.town, course=course, title="Atelier messagerie"
        )
        self.lesson = LessonPage.objects.child_of(course).get()
        self.lesson.body = [{"type": "training", "value": {"training": training.pk}}]
        self.lesson.save_revision().publish()
        start = timezone.now() + dt.timedelta(days=7)
        self.session = make_session(training, start=start, capacity=1)
        self.holder = actions.register(self.dev, self.session)

    def test_sign_up_see_it_in_my_learning_and_get_promoted(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.lesson.get_parent().url))
        self.press("M’inscrire", then=f"**{self.lesson.url}")
        self.assert_accessible()
        self.page.click("text=Session du")
        self.page.wait_for_selector("h1:has-text('Atelier messagerie')")
        self.assert_accessible()
        self.press("M’inscrire", then=f"**{self.session.get_absolute_url()}")
        self.assertIn(
            "Sur liste d’attente", self.page.inner_text("#registration-status")
        )
        self.assert_accessible()
        self.page.click("header >> text=Mes formations")
        self.page.wait_for_selector("#sessions-heading")
        self.assertIn("Sur liste d’attente", self.page.inner_text("main"))
        self.assert_accessible()

        mail.outbox.clear()
        actions.cancel(self.holder, by=self.dev)
        self.page.reload()
        self.assertIn("Confirmée", self.page.inner_text("main"))
        self.assertEqual(
            Registration.objects.get(user=self.ada).status,
            Registration.Status.CONFIRMED,
        )
        promoted = [m for m in mail.outbox if m.to == ["ada@example.org"]]
        self.assertEqual(len(promoted), 1)
        self.assertIn("Une place vous est attribuée", promoted[0].subject)
        self.assertEqual(promoted[0].attachments[0][0], "invitation.ics")
        self.page.click("text=Atelier messagerie")
        self.page.wait_for_selector("#registration-status")
        self.assert_accessible()


class AttendanceOnAPhoneTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        section = make_section(make_catalogue(), self.town)
        course = make_course(section, slug="atelier", lessons=1, title="Atelier")
        training = Training.objects.create(
            organisation=self.town, course=course, title="Atelier messagerie"
        )
        lesson = LessonPage.objects.child_of(course).get()
        lesson.body = [{"type": "training", "value": {"training": training.pk}}]
        lesson.save_revision().publish()
        self.course = course
        start = timezone.now() + dt.timedelta(days=7)
        self.session = make_session(training, start=start, capacity=3)
        self.session.trainers.add(self.dev)
        self.session.save()
        actions.register(self.ada, self.session)
        actions.register(self.ben, self.session)

    def test_the_trainer_marks_attendance_on_a_390_px_screen(self) -> None:
        self.page.set_viewport_size({"width": 390, "height": 844})
        self.sign_in("dev")
        self.page.goto(self.url(self.session.get_absolute_url()))
        self.page.click("text=Saisir les présences")
        self.page.wait_for_selector("h1:has-text('Présences')")
        self.assert_accessible()
        width = self.page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, 390)
        fieldsets = self.page.locator("fieldset.attendance-person")
        fieldsets.filter(has_text="Ada Test").locator("select").select_option("present")
        fieldsets.filter(has_text="Ben Test").locator("select").select_option("absent")
        self.press("Enregistrer les présences", then="**/attendance/")
        self.assertIn("Présences enregistrées", self.page.inner_text("main"))
        self.assert_accessible()
        enrolment = Enrolment.objects.get(user=self.ada, course=self.course)
        self.assertIsNotNone(enrolment.completed_at)
        self.assertFalse(
            Enrolment.objects.filter(user=self.ben, completed_at__isnull=False).exists()
        )
        self.page.click("text=Feuille d’émargement à imprimer")
        self.page.wait_for_selector("table.attendance-sheet")
        self.assert_accessible()


class FullJourneyTests(BrowserTestCase):
    """HR creates a session in the back office, a learner signs up, the manager
    approves, the trainer marks attendance and an observed level on a phone,
    and HR sees the hours on the person's page and in the report."""

    def setUp(self) -> None:
        super().setUp()
        section = make_section(make_catalogue(), self.town)
        course = make_course(section, slug="atelier", lessons=1, title="Atelier")
        self.competence = load_digcomp().competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=course, competence=self.competence, level=2
        )
        self.training = Training.objects.create(
            organisation=self.town,
            course=course,
            title="Atelier messagerie",
            requires_approval=True,
        )
        lesson = LessonPage.objects.child_of(course).get()
        lesson.body = [{"type": "training", "value": {"training": self.training.pk}}]
        lesson.save_revision().publish()

    def sign_in_as(self, username: str) -> None:
        self.page.context.clear_cookies()
        self.sign_in(username)

    def test_hr_learner_manager_trainer_and_hours(self) -> None:
        start = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        fmt = "%Y-%m-%d %H:%M"
        self.sign_in_as("cleo")
        self.page.goto(self.url("/admin/snippets/training/trainingsession/add/"))
        # The training field is Wagtail's snippet chooser (a modal); its hidden
        # input takes the chosen id, as the modal would set it.
        self.page.evaluate(
            "pk => { document.querySelector('#id_training').value = pk; }",
            str(self.training.pk),
        )
        self.page.fill("#id_place", "Salle du conseil")
        self.page.fill("#id_capacity", "3")
        self.page.fill("#id_slots-0-starts_at", start.strftime(fmt))
        self.page.fill(
            "#id_slots-0-ends_at", (start + dt.timedelta(hours=3)).strftime(fmt)
        )
        self.page.fill(
            "#id_registration_opens",
            (start - dt.timedelta(days=10)).strftime(fmt),
        )
        self.page.fill(
            "#id_registration_closes", (start - dt.timedelta(hours=2)).strftime(fmt)
        )
        self.page.fill(
            "#id_cancellation_deadline",
            (start - dt.timedelta(days=1)).strftime(fmt),
        )
        if self.page.locator("select#id_trainers").count():
            self.page.select_option("#id_trainers", label="Dev Test")
        else:
            self.page.get_by_label("Dev Test", exact=True).check()
        self.page.keyboard.press("Escape")
        # From the keyboard: a date picker left open covers the button, and a
        # pointer click would land on it (seen on a loaded CI).
        with self.page.expect_navigation():
            self.page.locator(
                "button[type=submit]:has-text('Enregistrer')"
            ).first.press("Enter")
        session = TrainingSession.objects.get(training=self.training)
        self.assertEqual(list(session.trainers.all()), [self.dev])
        self.assertEqual(session.slots.count(), 1)

        self.sign_in_as("ada")
        self.page.goto(self.url(session.get_absolute_url()))
        self.press("M’inscrire", then=f"**{session.get_absolute_url()}")
        self.assertIn("validation", self.page.inner_text("#registration-status"))
        self.assert_accessible()

        self.sign_in_as("ben")
        self.page.goto(self.url("/learning/training/approvals/"))
        self.assert_accessible()
        self.page.get_by_label("Accepter").check()
        self.press("Enregistrer la décision", then="**/approvals/")
        registration = Registration.objects.get(user=self.ada)
        self.assertEqual(registration.status, Registration.Status.CONFIRMED)

        self.page.set_viewport_size({"width": 390, "height": 844})
        self.sign_in_as("dev")
        self.page.goto(
            self.url(f"/learning/training/sessions/{session.pk}/attendance/")
        )
        self.assert_accessible()
        self.assertLessEqual(
            self.page.evaluate("document.documentElement.scrollWidth"), 390
        )
        person = self.page.locator("fieldset.attendance-person", has_text="Ada Test")
        person.locator("select").select_option("present")
        self.press("Enregistrer les présences", then="**/attendance/")
        self.page.click("main >> text=Niveaux observés")
        self.page.wait_for_selector("h1:has-text('Niveaux observés')")
        self.assert_accessible()
        self.assertLessEqual(
            self.page.evaluate("document.documentElement.scrollWidth"), 390
        )
        level = self.page.locator("fieldset.attendance-person", has_text="Ada Test")
        level.locator("select").select_option("3")
        self.press("Enregistrer les niveaux", then="**/observed/")
        self.assertIn("déjà saisi", self.page.inner_text("main"))
        evidence = Evidence.objects.get(person=self.ada, source="training")
        self.assertEqual((evidence.level, evidence.trust), (3, "trainer"))

        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.sign_in_as("cleo")
        self.page.goto(self.url(f"/people/{self.ada.pk}/"))
        self.assertIn("3,0", self.page.inner_text("#training-hours"))
        self.assert_accessible()
        self.page.goto(self.url(f"/learning/training/hours/?year={start.year}"))
        self.assertIn("Engineering", self.page.inner_text("#hours-report"))
        self.assert_accessible()
