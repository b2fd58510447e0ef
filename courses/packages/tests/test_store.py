"""Where package files live under MEDIA_ROOT."""

from pathlib import Path

from django.test import SimpleTestCase, override_settings

from courses.packages import store


@override_settings(MEDIA_ROOT="/srv/media")
class StoreTests(SimpleTestCase):
    def test_h5p_libraries_are_shared_under_the_h5p_root(self) -> None:
        self.assertEqual(store.h5p_root(), Path("/srv/media/h5p"))
        self.assertEqual(store.libraries_root(), Path("/srv/media/h5p/libraries"))

    def test_h5p_content_has_a_folder_per_package_key(self) -> None:
        self.assertEqual(store.content_root("k1"), Path("/srv/media/h5p/content/k1"))

    def test_scorm_packages_have_a_folder_per_key(self) -> None:
        self.assertEqual(store.scorm_root("k2"), Path("/srv/media/scorm/k2"))
