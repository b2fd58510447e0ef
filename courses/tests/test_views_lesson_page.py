"""The lesson page: the course outline beside it, the body rendered once per
revision and language, the person's own state rendered on every request."""

import re
import uuid

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from wagtail.models import PageViewRestriction

from courses import actions
from courses.models import LessonPage
from courses.rendering import body_cache_key
from courses.testing import CatalogueTestCase


def outline_items(html: str) -> list[str]:
    """Each lesson of the outline as "title | state" (state as written)."""
    outline = re.search(
        r'<nav class="course-outline"[^>]*>(.*?)</nav>', html, re.DOTALL
    )
    assert outline is not None
    items = re.findall(r"<li [^>]*>(.*?)</li>", outline.group(1), re.DOTALL)
    return [
        " | ".join(
            part.strip()
            for part in re.sub(r"<[^>]+>", "\t", item).split("\t")
            if part.strip() and part.strip() != "✓"
        )
        for item in items
    ]


def in_english(*people) -> None:
    for person in people:
        person.preferred_language = "en"
        person.save()


class OutlineTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        in_english(self.ada)
        self.enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(self.enrolment, self.lessons[0])
        self.client.force_login(self.ada)

    def test_each_lesson_shows_done_current_or_locked_in_words(self) -> None:
        """Lesson 1 done, lesson 2 the one open, lesson 3 locked until 2 is done:
        the state is written out, not only coloured."""
        html = self.client.get(self.lessons[1].url).content.decode()
        self.assertEqual(
            outline_items(html),
            [
                "Lesson 1 | done",
                "Lesson 2 | you are here",
                "Lesson 3 | locked: finish the lessons before it",
            ],
        )

    def test_the_outline_is_a_named_landmark_marking_the_current_lesson(
        self,
    ) -> None:
        response = self.client.get(self.lessons[0].url)
        self.assertContains(
            response, '<nav class="course-outline" aria-label="Lessons of the course">'
        )
        self.assertInHTML(
            f'<a href="{self.lessons[0].url}" aria-current="page">Lesson 1</a>',
            response.content.decode(),
        )
        # Links to the lessons one may open; a locked lesson is no link.
        self.assertContains(response, f'href="{self.lessons[1].url}"')
        self.assertNotContains(response, f'href="{self.lessons[2].url}"')
        self.assertEqual(
            outline_items(response.content.decode())[0],
            "Lesson 1 | you are here, done",
        )

    def test_the_outline_speaks_french(self) -> None:
        self.ada.preferred_language = "fr"
        self.ada.save()
        html = self.client.get(self.lessons[1].url).content.decode()
        self.assertIn('aria-label="Leçons du cours"', html)
        self.assertEqual(
            outline_items(html),
            [
                "Lesson 1 | terminée",
                "Lesson 2 | vous êtes ici",
                "Lesson 3 | verrouillée : terminez d’abord les leçons précédentes",
            ],
        )

    def test_a_locked_lesson_still_answers_403(self) -> None:
        """The outline shows it locked; the page itself stays closed."""
        self.assertEqual(self.client.get(self.lessons[2].url).status_code, 403)


class BodyCacheTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        in_english(self.ada)
        self.lesson = self.lessons[0]
        self.lesson.body = [
            {"type": "text", "value": "<p>First words.</p>"},
            {"type": "callout", "value": {"kind": "tip", "text": "<p>Hint.</p>"}},
        ]
        self.lesson.save_revision().publish()
        self.lesson.refresh_from_db()
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.ada)

    def test_the_body_is_rendered_once_per_published_revision(self) -> None:
        self.assertContains(self.client.get(self.lesson.url), "First words.")
        # Changed under the same revision (never done by the admin): still the
        # cached HTML, proof that the body was not rendered again.
        LessonPage.objects.filter(pk=self.lesson.pk).update(
            body=[{"type": "text", "value": "<p>Changed.</p>"}]
        )
        self.assertContains(self.client.get(self.lesson.url), "First words.")
        # A new published revision is a new key.
        lesson = LessonPage.objects.get(pk=self.lesson.pk)
        lesson.body = [{"type": "text", "value": "<p>Second version.</p>"}]
        lesson.save_revision().publish()
        response = self.client.get(self.lesson.url)
        self.assertContains(response, "Second version.")
        self.assertNotContains(response, "First words.")

    def test_each_language_has_its_own_rendering(self) -> None:
        """The callout's label is translated: French readers get it in French."""
        self.assertContains(self.client.get(self.lesson.url), 'aria-label="Tip"')
        self.ada.preferred_language = "fr"
        self.ada.save()
        self.assertContains(self.client.get(self.lesson.url), 'aria-label="Astuce"')

    def test_nothing_is_cached_for_a_body_without_a_published_revision(self) -> None:
        """Pages saved without a revision (and previews) are rendered each time."""
        self.assertIsNotNone(body_cache_key(self.lesson))
        self.assertIsNone(body_cache_key(self.lessons[1]))


class LiveStateTests(CatalogueTestCase):
    """With the body cached, each person still sees their own quiz result."""

    def setUp(self) -> None:
        super().setUp()
        in_english(self.ada, self.ben)
        self.quiz_lesson.save_revision().publish()
        for person in (self.ada, self.ben):
            enrolment = actions.enrol(person, self.course)
            actions.complete_lesson(enrolment, self.lessons[0])

    def test_a_quiz_result_belongs_to_its_learner(self) -> None:
        self.client.force_login(self.ben)
        self.assertNotContains(self.client.get(self.quiz_lesson.url), "Not passed")
        self.client.force_login(self.ada)
        url = f"/learning/lessons/{self.quiz_lesson.pk}/quiz/{self.quiz_id}/"
        self.client.post(url, {"q0": "0", "token": str(uuid.uuid4())})
        self.assertContains(self.client.get(self.quiz_lesson.url), "Not passed")
        self.client.force_login(self.ben)
        response = self.client.get(self.quiz_lesson.url)
        self.assertNotContains(response, "Not passed")
        self.assertContains(response, "Submit my answers")


class ViewRestrictionTests(CatalogueTestCase):
    """Wagtail's own page privacy still applies, read in one query."""

    def setUp(self) -> None:
        super().setUp()
        enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(enrolment, self.lessons[0])
        self.client.force_login(self.ada)

    def test_a_password_on_the_course_guards_its_lessons(self) -> None:
        PageViewRestriction.objects.create(
            page=self.course,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",
        )
        for page in (self.course, self.lessons[0]):
            response = self.client.get(page.url)
            self.assertContains(response, 'name="password"')
            self.assertNotContains(response, "Lesson 1 text.")

    def test_a_restriction_on_an_alias_source_guards_the_alias(self) -> None:
        alias = self.course.create_alias(recursive=True, update_slug="cyber-alias")
        PageViewRestriction.objects.create(
            page=self.course,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret",
        )
        self.assertIn(
            self.course.pk,
            set(alias.specific.get_view_restrictions().values_list("page", flat=True)),
        )
        lesson = LessonPage.objects.child_of(alias).first()
        self.assertEqual(
            [r.page_id for r in lesson.get_view_restrictions()], [self.course.pk]
        )

    def test_no_restriction_means_none_found(self) -> None:
        self.assertFalse(self.lessons[0].get_view_restrictions().exists())


class CachedFragmentTests(CatalogueTestCase):
    """The outline and the quiz's questions and feedback are rendered once and
    shared by everyone in the same state; each person still sees their own."""

    def setUp(self) -> None:
        super().setUp()
        in_english(self.ada, self.ben)
        self.quiz_lesson.save_revision().publish()
        self.enrolments = {}
        for person in (self.ada, self.ben):
            self.enrolments[person.pk] = actions.enrol(person, self.course)
            actions.complete_lesson(self.enrolments[person.pk], self.lessons[0])

    def pass_the_quiz(self, person) -> None:
        """Lesson 2's quiz, answered right: the lesson completes with it."""
        self.client.force_login(person)
        url = f"/learning/lessons/{self.quiz_lesson.pk}/quiz/{self.quiz_id}/"
        answers = {"q0": "1", "q1": ["0", "2"], "token": str(uuid.uuid4())}
        self.client.post(url, answers)

    def outline_of(self, person, lesson) -> list[str]:
        self.client.force_login(person)
        return outline_items(self.client.get(lesson.url).content.decode())

    def test_two_learners_at_different_points_see_their_own_outline(self) -> None:
        self.pass_the_quiz(self.ada)
        for _ in range(2):  # the second time from the cache
            self.assertEqual(
                self.outline_of(self.ada, self.lessons[0]),
                [
                    "Lesson 1 | you are here, done",
                    "Lesson 2 | done",
                    "Lesson 3 | to do",
                ],
            )
            self.assertEqual(
                self.outline_of(self.ben, self.lessons[0]),
                [
                    "Lesson 1 | you are here, done",
                    "Lesson 2 | to do",
                    "Lesson 3 | locked: finish the lessons before it",
                ],
            )

    def test_a_completion_shows_in_the_outline_on_the_next_request(self) -> None:
        self.assertIn("Lesson 2 | to do", self.outline_of(self.ben, self.lessons[0]))
        self.pass_the_quiz(self.ben)
        self.assertIn("Lesson 2 | done", self.outline_of(self.ben, self.lessons[0]))

    def test_the_course_page_lists_each_learners_own_progress(self) -> None:
        self.pass_the_quiz(self.ada)
        for _ in range(2):
            self.client.force_login(self.ada)
            self.assertContains(self.client.get(self.course.url), "— done", count=2)
            self.client.force_login(self.ben)
            self.assertContains(self.client.get(self.course.url), "— done", count=1)

    def test_feedback_follows_each_new_attempt(self) -> None:
        """A first attempt with no right answer, then one with the first
        question right: the feedback shown is the last attempt's, for its
        learner only."""
        self.client.force_login(self.ada)
        url = f"/learning/lessons/{self.quiz_lesson.pk}/quiz/{self.quiz_id}/"
        self.client.post(url, {"q0": "0", "q1": "1", "token": str(uuid.uuid4())})
        first = self.client.get(self.quiz_lesson.url).content.decode()
        self.assertIn("Which one? — not correct", first)
        self.assertIn("attempt 1: 0%", first)
        self.client.post(url, {"q0": "1", "q1": "1", "token": str(uuid.uuid4())})
        second = self.client.get(self.quiz_lesson.url).content.decode()
        self.assertIn("Which one? — correct", second)
        self.assertIn("attempt 2: 50%", second)
        self.client.force_login(self.ben)
        response = self.client.get(self.quiz_lesson.url)
        self.assertNotContains(response, "not correct")
        self.assertContains(response, "Which ones?")  # the questions, shared

    def test_a_shuffled_quiz_is_not_cached_in_one_order(self) -> None:
        lesson = LessonPage.objects.get(pk=self.quiz_lesson.pk)
        body = lesson.body.get_prep_value()
        body[2]["value"]["shuffle"] = True
        lesson.body = body
        lesson.save_revision().publish()
        lesson.refresh_from_db()
        self.client.force_login(self.ada)
        self.client.get(lesson.url)
        self.assertIsNone(
            cache.get(
                make_template_fragment_key(
                    "quiz-questions", [f"{body_cache_key(lesson)}:{self.quiz_id}"]
                )
            )
        )
