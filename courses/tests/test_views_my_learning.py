"""The "My learning" page in the person's language: each course's title and
links are its live translation's when there is one, else its source's; progress
counts the lessons done in any language."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import actions
from courses.demo.builders import make_course, make_translation
from courses.models import LessonPage
from courses.testing import CatalogueTestCase

URL = reverse("courses:my-learning")


class MyLearningInTwoLanguagesTests(CatalogueTestCase):
    """Ada is assigned the Cyber course (3 lessons, translated into English),
    took lesson 1, and finished Montval's course (never translated)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.english = make_translation(cls.course, "en", title="Cyber (English)")
        cls.english_lessons = list(
            LessonPage.objects.child_of(cls.english).order_by("path")
        )
        actions.create_assignment(
            cls.town,
            course=cls.course,
            created_by=cls.cleo,
            due_kind="fixed",
            due_date=timezone.localdate(),
            people=[cls.ada],
        )
        enrolment = actions.enrol(cls.ada, cls.course)
        actions.complete_lesson(enrolment, cls.lessons[0])
        montval = actions.enrol(cls.ada, cls.montval_course)
        for lesson in LessonPage.objects.child_of(cls.montval_course):
            actions.complete_lesson(montval, lesson)

    def page(self, language: str):
        self.ada.preferred_language = language
        self.ada.save(update_fields=["preferred_language"])
        self.client.force_login(self.ada)
        return self.client.get(URL)

    def test_in_english_the_translation_is_named_and_linked(self) -> None:
        """Assigned and in progress: the English title and pages, the next
        lesson in English; the course with no translation keeps its title."""
        response = self.page("en")
        html = response.content.decode()
        self.assertEqual(html.count(">Cyber (English)</a>"), 2)
        self.assertNotIn(f">{self.course.title}</a>", html)
        self.assertContains(response, f'href="{self.english.url}"', count=2)
        self.assertContains(response, "1 lesson done out of 3")
        self.assertContains(response, f'href="{self.english_lessons[1].url}"')
        self.assertContains(response, f">{self.montval_course.title}</a>", count=1)

    def test_in_french_the_source_is_named_and_linked(self) -> None:
        response = self.page("fr")
        html = response.content.decode()
        self.assertEqual(html.count(f">{self.course.title}</a>"), 2)
        self.assertNotIn("Cyber (English)", html)
        self.assertContains(response, "1 leçon terminée sur 3")
        self.assertContains(response, f'href="{self.lessons[1].url}"')
        self.assertContains(response, "Leçon suivante")

    def test_progress_counts_lessons_done_in_either_language(self) -> None:
        """Lesson 2 passed in English: two of three, in both languages, and
        the next lesson is the third."""
        enrolment = actions.enrol(self.ada, self.english)
        actions.submit_quiz(
            enrolment,
            lesson=self.english_lessons[1],
            block_id=self.quiz_id,
            answers={0: [1], 1: [0, 2]},
            token="5b1c5a3e-7c58-4a53-9a8e-0a4b8c1f2d11",
        )
        self.assertContains(self.page("fr"), "2 leçons terminées sur 3")
        response = self.page("en")
        self.assertContains(response, "2 lessons done out of 3")
        self.assertContains(response, f'href="{self.english_lessons[2].url}"')

    def test_the_query_count_is_flat_in_the_number_of_courses(self) -> None:
        """Two more translated courses in progress cost no query: the pages in
        the person's language and every course's lessons are read at once."""
        self.page("en")  # warm the site and translation caches
        with CaptureQueriesContext(connection) as few:
            self.client.get(URL)
        for index in range(2):
            course = make_course(self.section, slug=f"more-{index}", lessons=2)
            make_translation(course, "en", title=f"More {index} (en)")
            actions.enrol(self.ada, course)
        # The person, the enrolments, the assignments, the pages in the
        # person's language, the lessons with which are done, the training
        # sessions' panel (sign-ups, approvals awaited) and the recommended
        # paths of the person's department.
        with self.assertNumQueries(9):
            response = self.client.get(URL)
        self.assertContains(response, "More 1 (en)")
        self.assertEqual(len(few), 9)
