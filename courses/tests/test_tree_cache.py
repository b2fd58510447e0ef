"""What the page tree cache keeps for every reader, and how a change drops it."""

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from courses import actions
from courses.models import LessonPage
from courses.testing import CatalogueTestCase
from courses.tree_cache import TREE_VERSION_KEY, cached_for_tree


class TreeCacheTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.ada)
        self.lesson = self.lessons[0]

    def test_a_lost_version_never_brings_back_older_entries(self) -> None:
        """If the cache drops the version token, a new one is drawn: entries
        written under the old one are never read again."""
        cached_for_tree("probe", lambda: "old")
        cache.delete(TREE_VERSION_KEY)
        self.assertEqual(cached_for_tree("probe", lambda: "new"), "new")

    def test_a_saved_page_draws_a_new_version(self) -> None:
        cached_for_tree("probe", lambda: "old")
        self.course.save()
        self.assertEqual(cached_for_tree("probe", lambda: "new"), "new")

    def test_a_routed_lesson_is_found_again_without_a_query(self) -> None:
        below = self.lesson.url_path[len(self.catalogue.url_path) :]
        components = below.strip("/").split("/")
        self.assertEqual(self.catalogue.route(None, components).page, self.lesson)
        with self.assertNumQueries(0):
            self.assertEqual(self.catalogue.route(None, components).page, self.lesson)

    def test_a_renamed_lesson_answers_at_its_new_address_at_once(self) -> None:
        old_url = self.lesson.url
        self.assertEqual(self.client.get(old_url).status_code, 200)
        lesson = LessonPage.objects.get(pk=self.lesson.pk)
        lesson.slug = "first-steps"
        lesson.save_revision().publish()
        self.assertEqual(self.client.get(old_url).status_code, 404)
        new_url = LessonPage.objects.get(pk=self.lesson.pk).url
        self.assertTrue(new_url.endswith("/first-steps/"))
        self.assertEqual(self.client.get(new_url).status_code, 200)

    def test_an_unpublished_lesson_answers_404_at_once(self) -> None:
        self.assertEqual(self.client.get(self.lesson.url).status_code, 200)
        LessonPage.objects.get(pk=self.lesson.pk).unpublish()
        self.assertEqual(self.client.get(self.lesson.url).status_code, 404)

    def test_a_restriction_added_after_a_visit_applies_at_once(self) -> None:
        """An unrestricted page costs no restriction query once cached, and a
        restriction added to its course afterwards is checked on the next visit."""
        self.assertEqual(self.client.get(self.lesson.url).status_code, 200)
        with self.assertNumQueries(0):
            self.assertEqual(list(self.lesson.get_view_restrictions()), [])
        restriction = PageViewRestriction.objects.create(
            page=self.course, restriction_type=PageViewRestriction.GROUPS
        )
        self.assertEqual(self.client.get(self.lesson.url).status_code, 302)
        restriction.delete()
        self.assertEqual(self.client.get(self.lesson.url).status_code, 200)

    def test_a_prerequisite_published_after_a_visit_shows_at_once(self) -> None:
        link = f'href="{self.private_course.url}"'
        self.assertNotContains(self.client.get(self.course.url), link)
        course = self.course.specific_class.objects.get(pk=self.course.pk)
        course.prerequisites.add(self.private_course)
        course.save_revision().publish()
        self.assertContains(self.client.get(self.course.url), link)

    def test_a_town_renamed_after_a_visit_shows_at_once(self) -> None:
        self.assertContains(self.client.get(self.course.url), "Saint-Aubin")
        self.town.name = "Saint-Aubin-sur-Mer"
        self.town.save()
        self.assertContains(self.client.get(self.course.url), "Saint-Aubin-sur-Mer")

    def test_other_models_keep_djangos_bulk_delete(self) -> None:
        """Listening to every model's deletions would make Django load each row
        of any bulk delete (one query per row for the signal's sake)."""
        from django.db import router
        from django.db.models.deletion import Collector

        from courses.models import LessonCompletion

        qs = LessonCompletion.objects.all()
        collector = Collector(using=router.db_for_write(LessonCompletion))
        self.assertTrue(collector.can_fast_delete(qs))
