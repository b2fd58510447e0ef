"""The outline: lessons shared through the page tree cache, progress per person."""

from courses import actions
from courses.models import LessonPage
from courses.queries import course_outline_for
from courses.testing import CatalogueTestCase


class OutlineThroughTheCacheTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ada_enrolment = actions.enrol(self.ada, self.course)
        self.dev_enrolment = actions.enrol(self.dev, self.course)

    def states(self, person) -> list[tuple[str, bool, bool]]:
        outline = course_outline_for(person, self.course)
        return [(i.lesson.title, i.done, i.reachable) for i in outline.items]

    def test_two_learners_see_their_own_progress_from_the_same_cached_lessons(
        self,
    ) -> None:
        """Ada's completion shows in her outline only, though the lessons of the
        course are read once for both."""
        self.assertEqual(self.states(self.dev)[0], ("Lesson 1", False, True))
        actions.complete_lesson(self.ada_enrolment, self.lessons[0])
        self.assertEqual(
            self.states(self.ada),
            [
                ("Lesson 1", True, True),
                ("Lesson 2", False, True),
                ("Lesson 3", False, False),
            ],
        )
        self.assertEqual(
            self.states(self.dev),
            [
                ("Lesson 1", False, True),
                ("Lesson 2", False, False),
                ("Lesson 3", False, False),
            ],
        )

    def test_the_course_page_shows_each_person_their_own_states(self) -> None:
        actions.complete_lesson(self.ada_enrolment, self.lessons[0])
        self.client.force_login(self.ada)
        self.assertContains(self.client.get(self.course.url), 'class="is-done"', 1)
        self.client.force_login(self.dev)
        self.assertNotContains(self.client.get(self.course.url), 'class="is-done"')

    def test_the_lessons_are_read_once_for_every_reader(self) -> None:
        course_outline_for(self.ada, self.course)
        # Only the person's enrolment with its completions.
        with self.assertNumQueries(1):
            course_outline_for(self.dev, self.course)

    def test_a_new_title_shows_at_once(self) -> None:
        self.states(self.ada)
        lesson = LessonPage.objects.get(pk=self.lessons[0].pk)
        lesson.title = "Passwords"
        lesson.save_revision().publish()
        self.assertEqual(self.states(self.ada)[0][0], "Passwords")

    def test_an_unpublished_lesson_leaves_the_outline_at_once(self) -> None:
        self.states(self.ada)
        LessonPage.objects.get(pk=self.lessons[2].pk).unpublish()
        self.assertEqual(
            [s[0] for s in self.states(self.ada)], ["Lesson 1", "Lesson 2"]
        )

    def test_a_new_lesson_joins_the_outline_at_once(self) -> None:
        self.states(self.ada)
        lesson = LessonPage(title="Lesson 4", slug="cyber-l4", body=[])
        self.course.add_child(instance=lesson)
        lesson.save_revision().publish()
        self.assertEqual(self.states(self.ada)[-1], ("Lesson 4", False, False))

    def test_a_deleted_lesson_leaves_the_outline_at_once(self) -> None:
        self.states(self.ada)
        LessonPage.objects.get(pk=self.lessons[2].pk).delete()
        self.assertEqual(len(self.states(self.ada)), 2)
