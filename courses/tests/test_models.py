from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import (
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    OrganisationCataloguePage,
)
from courses.testing import CatalogueTestCase


class PageTreeTests(CatalogueTestCase, WagtailPageTestCase):
    def test_the_tree_only_allows_catalogue_town_course_lesson(self) -> None:
        self.assertAllowedSubpageTypes(CatalogueIndexPage, {OrganisationCataloguePage})
        self.assertAllowedSubpageTypes(OrganisationCataloguePage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(CoursePage, {OrganisationCataloguePage})
        self.assertCanNotCreateAt(Page, CoursePage)

    def test_pages_render_for_a_learner(self) -> None:
        self.client.force_login(self.ada)
        self.assertPageIsRenderable(self.catalogue)
        self.assertPageIsRenderable(self.course)

    def test_lessons_are_ordered_and_know_their_course_in_one_query(self) -> None:
        lesson = LessonPage.objects.get(pk=self.lessons[2].pk)
        with self.assertNumQueries(1):
            self.assertEqual(lesson.course, self.course)
        self.assertEqual(
            [p.title for p in self.lessons], ["Lesson 1", "Lesson 2", "Lesson 3"]
        )

    def test_an_unknown_url_below_the_catalogue_is_404(self) -> None:
        self.client.force_login(self.ada)
        for path in (
            "nope/",
            "saint-aubin/nope/",
            "saint-aubin/cyber/nope/",
            "a/b/c/d/",
        ):
            with self.subTest(path=path):
                response = self.client.get(self.catalogue.url + path)
                self.assertEqual(response.status_code, 404)
