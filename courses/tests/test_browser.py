from django.urls import reverse

from courses.demo.builders import make_catalogue, make_course, make_section
from courses.models import Certificate, Enrolment, LessonPage, QuizAttempt
from lms.testing import BrowserTestCase


class LearnerJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        catalogue = make_catalogue()
        section = make_section(catalogue, self.town)
        self.course = make_course(
            section, slug="cyber", lessons=2, quiz_in=(2,), title="Cybersécurité"
        )
        self.catalogue = catalogue

    def test_a_learner_enrols_follows_lessons_passes_the_quiz_and_gets_an_attestation(
        self,
    ) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.catalogue.url))
        self.assert_accessible()
        self.page.click("text=Cybersécurité")
        self.assert_accessible()
        self.page.click("text=M’inscrire")
        self.page.wait_for_selector("h1:has-text('Lesson 1')")
        self.assert_accessible()
        self.page.click("text=Marquer cette leçon comme terminée")
        self.page.wait_for_selector("h1:has-text('Lesson 2')")
        # A wrong answer first: the server says so and keeps the attempt.
        self.page.get_by_label("Wrong", exact=True).check()
        self.page.click("text=Envoyer mes réponses")
        self.page.wait_for_selector(".quiz__result")
        self.assertIn("Non réussi", self.page.inner_text(".quiz__result"))
        self.assert_accessible()
        self.page.get_by_label("Right", exact=True).check()
        self.page.get_by_label("A", exact=True).check()
        self.page.get_by_label("C", exact=True).check()
        # Passing the lesson's last quiz completes it, and here the course: no
        # "Mark this lesson as done" click.
        with self.page.expect_navigation(url="**/learning/"):
            self.page.click("text=Envoyer mes réponses")
        self.assert_accessible()
        self.assertEqual(
            list(QuizAttempt.objects.values_list("passed", flat=True)), [False, True]
        )
        enrolment = Enrolment.objects.get(user=self.ada)
        self.assertIsNotNone(enrolment.completed_at)
        certificate = Certificate.objects.get(enrolment=enrolment)
        with self.page.expect_download() as download:
            self.page.click("text=Télécharger mon attestation (PDF)")
        self.assertTrue(download.value.suggested_filename.endswith(".pdf"))
        self.page.goto(
            self.url(reverse("courses:certificate-verify", args=[certificate.code]))
        )
        self.assertIn("authentique", self.page.inner_text("main"))
        self.assert_accessible()

    def test_a_learner_resumes_where_they_left_off(self) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.course.url))
        self.page.click("text=M’inscrire")
        self.page.click("text=Marquer cette leçon comme terminée")
        self.page.wait_for_selector("h1:has-text('Lesson 2')")
        self.page.goto(self.url(self.course.url))
        self.page.click("text=Reprendre")
        self.page.wait_for_selector("h1:has-text('Lesson 2')")
        second = LessonPage.objects.get(slug="cyber-l2")
        self.assertTrue(self.page.url.endswith(second.url))

    def test_the_outline_sits_beside_the_lesson_and_folds_above_it_on_a_phone(
        self,
    ) -> None:
        self.sign_in("ada")
        self.page.goto(self.url(self.course.url))
        self.page.click("text=M’inscrire")
        self.page.wait_for_selector("h1:has-text('Lesson 1')")
        # The heading can be there before the lesson's stylesheet applies.
        self.page.wait_for_load_state("load")
        outline = self.page.locator("nav.course-outline")
        article = self.page.locator("article.lesson")
        self.assertEqual(outline.locator("details").get_attribute("open"), "")
        beside, lesson = outline.bounding_box(), article.bounding_box()
        self.assertLess(beside["x"] + beside["width"], lesson["x"] + 1)
        # Each lesson's state wraps inside the outline ("locked: finish the
        # lessons before it" ran out of its panel).
        for state in outline.locator(".course-outline__state").all():
            box = state.bounding_box()
            assert box is not None
            self.assertLessEqual(box["x"] + box["width"], beside["x"] + beside["width"])
        self.assert_accessible()
        self.page.set_viewport_size({"width": 375, "height": 740})
        self.page.reload()
        self.page.wait_for_selector("h1:has-text('Lesson 1')")
        above, lesson = outline.bounding_box(), article.bounding_box()
        self.assertLessEqual(above["y"] + above["height"], lesson["y"])
        # Folded to its summary so the lesson comes first; one press opens it.
        self.assertIsNone(outline.locator("details").get_attribute("open"))
        outline.locator("summary").click()
        self.assertIn("vous êtes ici", outline.inner_text())
        self.assert_accessible()
