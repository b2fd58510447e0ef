"""A base test case with the personas and a small catalogue across two towns."""

from __future__ import annotations

from courses.demo.builders import make_catalogue, make_course, make_section
from courses.models import (
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    OrganisationCataloguePage,
)
from lms.testing import PersonasTestCase


class CatalogueTestCase(PersonasTestCase):
    """Saint-Aubin shares ``course`` (3 lessons, a quiz in lesson 2) and keeps
    ``private_course``; Montval shares ``montval_course`` and keeps
    ``montval_private``; ``elected_course`` is for elected officials."""

    catalogue: CatalogueIndexPage
    section: OrganisationCataloguePage
    other_section: OrganisationCataloguePage
    course: CoursePage
    private_course: CoursePage
    montval_course: CoursePage
    montval_private: CoursePage
    elected_course: CoursePage
    lessons: list[LessonPage]
    quiz_lesson: LessonPage
    quiz_id: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.catalogue = make_catalogue()
        cls.section = make_section(cls.catalogue, cls.town)
        cls.other_section = make_section(cls.catalogue, cls.other_town)
        cls.course = make_course(cls.section, slug="cyber", quiz_in=(2,))
        cls.private_course = make_course(
            cls.section, slug="internal", sharing=CoursePage.Sharing.PRIVATE
        )
        cls.montval_course = make_course(cls.other_section, slug="montval-shared")
        cls.montval_private = make_course(
            cls.other_section,
            slug="montval-private",
            sharing=CoursePage.Sharing.PRIVATE,
        )
        cls.elected_course = make_course(
            cls.section,
            slug="strategy",
            lessons=1,
            audience=CoursePage.Audience.ELECTED,
        )
        cls.lessons = list(LessonPage.objects.child_of(cls.course).order_by("path"))
        cls.quiz_lesson = cls.lessons[1]
        cls.quiz_id = cls.quiz_lesson.quiz_blocks()[0].id
