"""Small course trees built through Wagtail's own tree API: for tests and benchmarks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Collection, Locale, Page, Site

from courses.authoring import ensure_author_group
from courses.models import (
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    OrganisationCataloguePage,
)
from lms.models import Organisation


def quiz_value(
    *, pass_mark: int = 50, max_attempts: int = 2, shuffle: bool = False
) -> dict[str, Any]:
    """Two questions: single choice (answer 1) and multiple choice (answers 0 and 2)."""
    return {
        "title": "Check",
        "pass_mark": pass_mark,
        "max_attempts": max_attempts,
        "shuffle": shuffle,
        "questions": [
            {
                "kind": "single",
                "text": "Which one?",
                "choices": [
                    {"text": "Wrong", "correct": False, "feedback": "No."},
                    {"text": "Right", "correct": True, "feedback": "Yes."},
                ],
                "explanation": "Because.",
            },
            {
                "kind": "multiple",
                "text": "Which ones?",
                "choices": [
                    {"text": "A", "correct": True, "feedback": ""},
                    {"text": "B", "correct": False, "feedback": ""},
                    {"text": "C", "correct": True, "feedback": ""},
                ],
                "explanation": "",
            },
        ],
    }


def ensure_wagtail_roots() -> Page:
    """The rows Wagtail's migrations create, which a live-server test's flush removes."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def make_catalogue() -> CatalogueIndexPage:
    root = ensure_wagtail_roots()
    catalogue = CatalogueIndexPage(title="Catalogue", slug="catalogue")
    root.add_child(instance=catalogue)
    if not Site.objects.update(root_page=catalogue):
        Site.objects.create(
            hostname="localhost", root_page=catalogue, is_default_site=True
        )
    return catalogue


def make_section(
    catalogue: CatalogueIndexPage, organisation: Organisation
) -> OrganisationCataloguePage:
    section = OrganisationCataloguePage(
        title=organisation.name, slug=organisation.slug, organisation=organisation
    )
    catalogue.add_child(instance=section)
    ensure_author_group(section)
    return section


def make_course(
    section: OrganisationCataloguePage,
    *,
    slug: str,
    lessons: int = 3,
    quiz_in: tuple[int, ...] = (),
    **fields: Any,
) -> CoursePage:
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("summary", "<p>About it.</p>")
    fields.setdefault("duration_minutes", 30)
    course = CoursePage(slug=slug, organisation=section.organisation, **fields)
    section.add_child(instance=course)
    for index in range(1, lessons + 1):
        body: list[dict[str, Any]] = [
            {"type": "heading", "value": f"Part {index}"},
            {"type": "text", "value": f"<p>Lesson {index} text.</p>"},
        ]
        if index in quiz_in:
            body.append({"type": "quiz", "value": quiz_value()})
        course.add_child(
            instance=LessonPage(
                title=f"Lesson {index}", slug=f"{slug}-l{index}", body=body
            )
        )
    return course


def make_activity_lesson(
    section: OrganisationCataloguePage, *, slug: str, block: dict[str, Any]
) -> LessonPage:
    """A one-lesson course whose lesson holds ``block`` (an H5P or SCORM block)."""
    course = make_course(section, slug=slug, lessons=1)
    lesson = LessonPage.objects.child_of(course).get()
    lesson.body = [block]
    lesson.save()
    return lesson


def make_translation(course: CoursePage, language: str, *, title: str) -> CoursePage:
    """``course`` and its lessons translated as an author's "Translate" does
    (Wagtail's copy for translation, subtree included), published, with the
    title and each lesson's title marked by ``language``."""
    locale = Locale.objects.get(language_code=language)
    translated = CopyPageForTranslationAction(
        course, locale, include_subtree=True
    ).execute(skip_permission_checks=True)
    translated.title = title
    translated.save_revision().publish()
    for lesson in LessonPage.objects.child_of(translated):
        lesson.title = f"{lesson.title} ({language})"
        lesson.save_revision().publish()
    return CoursePage.objects.get(pk=translated.pk)
