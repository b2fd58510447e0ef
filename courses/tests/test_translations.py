"""A course in two languages is one course: its translation (Wagtail's locales,
simple_translation) shares its learner records, and the catalogue lists it once."""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from courses import actions
from courses.demo.builders import make_translation
from courses.models import (
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)
from courses.queries import (
    assignment_status,
    catalogue_for,
    course_outline_for,
    due_date_for,
    enrolment_for,
    my_learning,
)
from courses.testing import CatalogueTestCase
from lms.testing import make_person


class TranslatedCourseTestCase(CatalogueTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.english = make_translation(cls.course, "en", title="Cyber (English)")
        cls.english_lessons = list(
            LessonPage.objects.child_of(cls.english).order_by("path")
        )
        cls.english_quiz_lesson = cls.english_lessons[1]

    def as_english(self, person: object) -> None:
        person.preferred_language = "en"  # type: ignore[attr-defined]
        person.save(update_fields=["preferred_language"])  # type: ignore[attr-defined]


class SourceTests(TranslatedCourseTestCase):
    def test_both_locales_exist_and_existing_pages_stay_in_the_default_one(
        self,
    ) -> None:
        """French and English locales exist; pages made before any translation
        (the catalogue, the sections, the courses) are French."""
        self.assertEqual(
            set(Locale.objects.values_list("language_code", flat=True)), {"fr", "en"}
        )
        for page in (self.catalogue, self.section, self.course, self.private_course):
            self.assertEqual(Page.objects.get(pk=page.pk).locale.language_code, "fr")

    def test_a_translation_resolves_to_its_source(self) -> None:
        """The English course and its lessons resolve to the French originals,
        which are their own source."""
        self.assertEqual(self.english.locale.language_code, "en")
        self.assertEqual(self.english.language, "en")
        self.assertEqual(self.english.source.pk, self.course.pk)
        self.assertTrue(self.english.is_translation)
        self.assertEqual(self.course.source.pk, self.course.pk)
        self.assertFalse(self.course.is_translation)
        for english, french in zip(self.english_lessons, self.lessons, strict=True):
            self.assertEqual(english.source.pk, french.pk)

    def test_a_translation_reads_its_sources_competences(self) -> None:
        """Tags are not copied: the catalogue shows the source's on the English card."""
        self.course.competences.add("DigComp 4.1")
        self.course.save_revision().publish()
        self.assertEqual(list(self.english.competences.all()), [])
        self.as_english(self.ada)
        with translation.override("en"):
            listed = catalogue_for(self.ada, {})["courses"]
        card = next(c for c in listed if c.pk == self.english.pk)
        self.assertEqual(card.competence_tags, ["DigComp 4.1"])


class CatalogueTests(TranslatedCourseTestCase):
    def titles(self, language: str) -> list[str]:
        with translation.override(language):
            return [c.title for c in catalogue_for(self.ada, {})["courses"]]

    def test_the_catalogue_lists_each_course_once_in_the_persons_language(
        self,
    ) -> None:
        """In French: the French course once. In English: its English translation
        once, and the courses with no translation in French."""
        french = self.titles("fr")
        english = self.titles("en")
        self.assertEqual(french.count(self.course.title), 1)
        self.assertNotIn("Cyber (English)", french)
        self.assertEqual(english.count("Cyber (English)"), 1)
        self.assertNotIn(self.course.title, english)
        self.assertIn(self.montval_course.title, english)
        self.assertEqual(len(french), len(english))

    def test_the_catalogue_page_shows_the_english_card_to_an_english_reader(
        self,
    ) -> None:
        self.as_english(self.ada)
        self.client.force_login(self.ada)
        response = self.client.get(self.catalogue.url)
        self.assertContains(response, "Cyber (English)", count=1)
        self.assertNotContains(response, f">{self.course.title}<")

    def test_enrolled_through_either_language_shows_enrolled(self) -> None:
        actions.enrol(self.ada, self.english)
        for language, course in (("fr", self.course), ("en", self.english)):
            with translation.override(language):
                listed = catalogue_for(self.ada, {})["courses"]
            card = next(c for c in listed if c.pk == course.pk)
            self.assertTrue(card.is_enrolled, language)

    def test_the_elected_track_lists_each_course_once(self) -> None:
        """Eli's track names the officials' course once, in English in English."""
        elected_english = make_translation(
            self.elected_course, "en", title="Officials (English)"
        )
        with translation.override("en"):
            track = my_learning(self.eli)["track"]
        self.assertEqual([c.pk for c in track], [elected_english.pk])
        with translation.override("fr"):
            track = my_learning(self.eli)["track"]
        self.assertEqual([c.pk for c in track], [self.elected_course.pk])


class RecordsBelongToTheCourseTests(TranslatedCourseTestCase):
    def test_enrolling_through_the_translation_enrols_in_the_source(self) -> None:
        enrolment = actions.enrol(self.ada, self.english)
        self.assertEqual(enrolment.course_id, self.course.pk)
        self.assertEqual(enrolment_for(self.ada, self.english), enrolment)
        self.assertEqual(actions.enrol(self.ada, self.course), enrolment)
        self.assertEqual(Enrolment.objects.count(), 1)

    def test_lessons_and_quizzes_taken_in_english_count_in_french(self) -> None:
        """Completions and attempts point at the French lessons; the French
        outline shows the course done, with one attestation."""
        enrolment = actions.enrol(self.ada, self.english)
        actions.complete_lesson(enrolment, self.english_lessons[0])
        quiz = self.english_quiz_lesson.quiz_blocks()[0]
        self.assertEqual(quiz.id, self.quiz_id)  # copied ids: the same quiz
        submission = actions.submit_quiz(
            enrolment,
            lesson=self.english_quiz_lesson,
            block_id=quiz.id,
            answers={0: [1], 1: [0, 2]},
            token=uuid.uuid4(),
        )
        self.assertTrue(submission.result.passed)
        self.assertEqual(QuizAttempt.objects.get().lesson_id, self.quiz_lesson.pk)
        actions.complete_lesson(enrolment, self.english_lessons[2])
        self.assertEqual(
            set(LessonCompletion.objects.values_list("lesson_id", flat=True)),
            {lesson.pk for lesson in self.lessons},
        )
        enrolment.refresh_from_db()
        self.assertIsNotNone(enrolment.completed_at)
        self.assertTrue(hasattr(enrolment, "certificate"))
        outline = course_outline_for(self.ada, self.course)
        self.assertEqual(outline.percent, 100)
        self.assertEqual(course_outline_for(self.ada, self.english).percent, 100)

    def test_a_french_assignment_is_complete_when_taken_in_english(self) -> None:
        assignment = actions.create_assignment(
            self.town,
            course=self.english,
            created_by=self.cleo,
            due_kind="fixed",
            due_date=timezone.localdate(),
            people=[self.ada],
        )
        self.assertEqual(assignment.course_id, self.course.pk)
        enrolment = actions.enrol(self.ada, self.english)
        for lesson in self.english_lessons:
            if lesson.quiz_blocks():
                actions.submit_quiz(
                    enrolment,
                    lesson=lesson,
                    block_id=self.quiz_id,
                    answers={0: [1], 1: [0, 2]},
                    token=uuid.uuid4(),
                )
            else:
                actions.complete_lesson(enrolment, lesson)
        status = assignment_status(
            due_date_for(assignment, self.ada), enrolment_for(self.ada, self.course)
        )
        self.assertEqual(status, "done")
        (assigned,) = my_learning(self.ada)["assigned"]
        self.assertTrue(assigned.enrolment.is_complete)

    def test_the_english_lesson_page_opens_for_a_learner_enrolled_in_french(
        self,
    ) -> None:
        """Ada enrolled in French and finished lesson 1; read in English, lesson
        2 opens and the outline shows lesson 1 done."""
        enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(enrolment, self.lessons[0])
        self.as_english(self.ada)
        self.client.force_login(self.ada)
        response = self.client.get(self.english_quiz_lesson.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Lesson 2 (en)")
        outline = response.context["outline"]
        self.assertEqual([item.done for item in outline.items], [True, False, False])


class TranslateInTheAdminTests(TranslatedCourseTestCase):
    def translate(self, person: object, course: CoursePage) -> int:
        self.client.force_login(person)
        url = reverse("simple_translation:submit_page_translation", args=[course.pk])
        response = self.client.post(
            url,
            {
                "locales": [Locale.objects.get(language_code="en").pk],
                "include_subtree": "on",
            },
        )
        return response.status_code

    def test_an_author_translates_their_own_towns_course(self) -> None:
        """Aurore (Saint-Aubin's author) translates a Saint-Aubin course: the
        English copy and its lessons sit in the English section."""
        self.assertEqual(self.translate(self.aurore, self.private_course), 302)
        translated = CoursePage.objects.get(
            translation_key=self.private_course.translation_key,
            locale__language_code="en",
        )
        self.assertEqual(translated.source.pk, self.private_course.pk)
        self.assertEqual(translated.get_children().count(), 3)
        self.assertEqual(translated.get_parent().specific.organisation, self.town)

    def test_another_towns_people_may_not_translate_it(self) -> None:
        """Montval's HR (Hugo) and a Montval author get 403 or 404, and no copy."""
        otto = make_person("otto", self.other_town, is_author=True)
        for person in (self.hugo, otto):
            with self.subTest(person=person.username):
                self.assertIn(self.translate(person, self.private_course), (403, 404))
        self.assertFalse(
            CoursePage.objects.filter(
                translation_key=self.private_course.translation_key,
                locale__language_code="en",
            ).exists()
        )


class ExplorerTests(TranslatedCourseTestCase):
    """With each town's section in two languages, the first common ancestor of an
    author's pages is the tree's root: Wagtail would then let them browse any
    page. The explorer stays on the pages they may edit and those above them."""

    def test_an_author_explores_their_own_section_in_both_languages(self) -> None:
        self.client.force_login(self.aurore)
        english_section = self.section.get_translation(
            Locale.objects.get(language_code="en")
        )
        for page in (self.section, english_section, self.course, self.catalogue):
            for suffix in ("", "results/"):
                with self.subTest(page=page.pk, suffix=suffix):
                    response = self.client.get(f"/admin/pages/{page.pk}/{suffix}")
                    self.assertEqual(response.status_code, 200)

    def test_another_towns_pages_are_not_explored_even_when_shared(self) -> None:
        self.client.force_login(self.aurore)
        for page in (self.other_section, self.montval_course, self.montval_private):
            for suffix in ("", "results/"):
                with self.subTest(page=page.slug, suffix=suffix):
                    response = self.client.get(f"/admin/pages/{page.pk}/{suffix}")
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(page.title, response.content.decode())

    def test_the_platform_admin_explores_every_town(self) -> None:
        self.client.force_login(self.root)
        response = self.client.get(f"/admin/pages/{self.montval_private.pk}/")
        self.assertEqual(response.status_code, 200)
