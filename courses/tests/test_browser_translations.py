"""A bilingual course taken in English counts for its French assignment."""

import datetime as dt

from django.utils import timezone

from courses import actions
from courses.demo.builders import (
    make_catalogue,
    make_course,
    make_section,
    make_translation,
)
from courses.models import Assignment, Enrolment
from lms.testing import BrowserTestCase


class BilingualCourseJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.catalogue = make_catalogue()
        section = make_section(self.catalogue, self.town)
        self.course = make_course(
            section, slug="cyber", lessons=2, quiz_in=(2,), title="Cybersécurité"
        )
        make_translation(self.course, "en", title="Cybersecurity")
        self.assignment = actions.create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.FIXED,
            due_date=timezone.localdate() + dt.timedelta(days=30),
            people=[self.ada],
        )

    def test_a_course_taken_in_english_is_done_for_the_french_assignment(
        self,
    ) -> None:
        self.sign_in("ada")
        self.page.click("button[lang=en]")  # the header's language switch
        self.page.wait_for_selector("html[lang=en]")
        self.page.goto(self.url(self.catalogue.url))
        cards = self.page.inner_text(".course-list")
        self.assertIn("Cybersecurity", cards)
        self.assertNotIn("Cybersécurité", cards)  # one course, listed once
        self.page.click("text=Cybersecurity")
        self.page.click("text=Enrol")
        self.page.wait_for_selector("h1:has-text('Lesson 1 (en)')")
        self.page.click("text=Mark this lesson as done")
        self.page.wait_for_selector("h1:has-text('Lesson 2 (en)')")
        self.page.get_by_label("Right", exact=True).check()
        self.page.get_by_label("A", exact=True).check()
        self.page.get_by_label("C", exact=True).check()
        with self.page.expect_navigation(url="**/learning/"):
            self.page.click("text=Submit my answers")
        enrolment = Enrolment.objects.get(user=self.ada)
        self.assertEqual(enrolment.course_id, self.course.pk)
        self.assertIsNotNone(enrolment.completed_at)
        # Back in French: the French course is done, the assignment complete.
        self.page.click("button[lang=fr]")
        self.page.wait_for_selector("html[lang=fr]")
        self.page.goto(self.url("/learning/"))
        assigned = self.page.inner_text("section[aria-labelledby=assigned-heading]")
        self.assertIn("Cybersécurité", assigned)
        self.assertIn("Terminée dans les délais", assigned)
        completed = self.page.inner_text("section[aria-labelledby=completed-heading]")
        self.assertIn("Cybersécurité", completed)
        self.assert_accessible()
        self.page.goto(self.url(self.course.url))
        self.assertIn("Cybersécurité", self.page.inner_text("h1"))
