"""The demo's bilingual courses: each once, its English version a translation."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import translation

from courses.demo.content import DEMO_COURSES, DEMO_TRANSLATIONS
from courses.models import CoursePage, Enrolment, LessonPage
from courses.queries import catalogue_for
from lms.models import User


@override_settings(DEBUG=True)
class DemoTranslationsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        with override_settings(DEBUG=True):
            call_command("load_demo", stdout=io.StringIO())

    def test_each_bilingual_course_is_one_course_with_an_english_translation(
        self,
    ) -> None:
        for slug, english in DEMO_TRANSLATIONS.items():
            with self.subTest(course=slug):
                source = CoursePage.objects.get(slug=slug, locale__language_code="fr")
                (translated,) = source.get_translations()
                self.assertEqual(translated.locale.language_code, "en")
                self.assertEqual(translated.title, english["title"])
                self.assertTrue(translated.live)
                self.assertEqual(translated.specific.source.pk, source.pk)
                sources = LessonPage.objects.child_of(source).order_by("path")
                lessons = LessonPage.objects.child_of(translated).order_by("path")
                self.assertEqual(
                    [lesson.title for lesson in lessons],
                    [lesson["title"] for lesson in english["lessons"]],
                )
                for french, lesson in zip(sources, lessons, strict=True):
                    self.assertEqual(
                        [block.id for block in french.quiz_blocks()],
                        [block.id for block in lesson.quiz_blocks()],
                    )
        self.assertFalse(CoursePage.objects.filter(slug="cybersecurity-essentials"))

    def test_the_history_is_recorded_against_source_courses_only(self) -> None:
        """Every enrolment of the synthetic history names a source page."""
        sources = set(
            CoursePage.objects.filter(
                slug__in=[data["slug"] for data in DEMO_COURSES],
                locale__language_code="fr",
            ).values_list("pk", flat=True)
        )
        enrolled = set(Enrolment.objects.values_list("course_id", flat=True))
        self.assertTrue(enrolled)
        translations = CoursePage.objects.filter(locale__language_code="en")
        self.assertFalse(enrolled & set(translations.values_list("pk", flat=True)))
        self.assertTrue(enrolled & sources)

    def test_ada_sees_each_demo_course_once_in_either_language(self) -> None:
        ada = User.objects.get(username="ada")
        for language in ("fr", "en"):
            with translation.override(language):
                courses = catalogue_for(ada, {})["courses"]
            keys = [course.translation_key for course in courses]
            self.assertEqual(len(keys), len(set(keys)), language)
            if language == "en":
                self.assertIn(
                    DEMO_TRANSLATIONS["cybersecurite-essentiels"]["title"],
                    [course.title for course in courses],
                )
