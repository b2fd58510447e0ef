"""With Redis, the page tree's version is shared and what is cached under it
is kept by each process (the ``local`` cache). Here two separate local-memory
stores stand for Redis and for one process's own memory."""

from unittest import mock

from django.core.cache import cache, caches
from django.test import override_settings

from courses import actions
from courses.models import LessonPage
from courses.testing import CatalogueTestCase
from courses.tree_cache import TREE_VERSION_KEY

SHARED_AND_LOCAL = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shared",
    },
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "this-process",
    },
}


@override_settings(CACHES=SHARED_AND_LOCAL)
class SharedVersionLocalEntriesTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()
        caches["local"].clear()
        enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(enrolment, self.lessons[0])
        self.client.force_login(self.ada)

    def test_entries_are_kept_by_the_process_not_the_shared_cache(self) -> None:
        self.assertEqual(self.client.get(self.lessons[0].url).status_code, 200)
        shared = [k for k in caches["default"]._cache if "page-tree:" in k]  # type: ignore[attr-defined]
        local = [k for k in caches["local"]._cache if "page-tree:" in k]  # type: ignore[attr-defined]
        self.assertEqual(shared, [])
        self.assertTrue(local)

    def test_a_change_made_by_another_process_shows_on_the_next_request(self) -> None:
        """Another process renames the lesson: its signal replaces the shared
        version; this process's entries under the old one are never read."""
        self.assertContains(self.client.get(self.course.url), "Lesson 1")
        LessonPage.objects.filter(pk=self.lessons[0].pk).update(title="Premiers pas")
        self.assertContains(self.client.get(self.course.url), "Lesson 1")
        cache.set(TREE_VERSION_KEY, "from-another-process", timeout=None)
        response = self.client.get(self.course.url)
        self.assertContains(response, "Premiers pas")
        self.assertNotContains(response, "Lesson 1<")

    def test_a_request_reads_the_shared_version_once(self) -> None:
        self.client.get(self.lessons[1].url)
        shared = caches["default"]
        with mock.patch.object(shared, "get", wraps=shared.get) as get:
            self.assertEqual(self.client.get(self.lessons[1].url).status_code, 200)
        keys = [call.args[0] for call in get.call_args_list]
        self.assertEqual(keys.count(TREE_VERSION_KEY), 1)
        self.assertFalse([k for k in keys if k.startswith(("page-tree:", "template."))])
