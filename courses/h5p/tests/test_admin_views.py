"""H5P libraries are shared by every town: installing or upgrading one is a
platform admin's decision, and the back office shows who did it, when, with
which package."""

import shutil
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from courses.demo.h5p_packages import build, valid_files
from courses.h5p.actions import import_h5p
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.packages import store as package_store
from courses.testing import CatalogueTestCase

MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p-libraries"
UPLOAD = reverse("h5p_admin:upload")


def upload(files: dict) -> SimpleUploadedFile:
    return SimpleUploadedFile("quiz.h5p", build(files).getvalue())


@override_settings(MEDIA_ROOT=MEDIA)
class LibraryInstallTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def test_an_author_cannot_install_a_new_library(self) -> None:
        self.client.force_login(self.aurore)  # an author of Saint-Aubin
        response = self.client.post(UPLOAD, {"file": upload(valid_files())})
        self.assertContains(response, "H5P.Mini 1.0.0")
        self.assertContains(response, "administrateur de la plateforme")
        self.assertFalse(H5PLibrary.objects.exists())
        self.assertFalse(H5PPackage.objects.exists())
        self.assertFalse(package_store.libraries_root().exists())

    def test_once_a_platform_admin_installed_it_authors_use_it(self) -> None:
        self.client.force_login(self.root)
        response = self.client.post(UPLOAD, {"file": upload(valid_files())})
        self.assertEqual(response.status_code, 302)
        mini = H5PLibrary.objects.get(machine_name="H5P.Mini")
        self.assertEqual(mini.installed_by, self.root)
        self.assertEqual(mini.installed_with, H5PPackage.objects.get())

        self.client.force_login(self.aurore)
        response = self.client.post(UPLOAD, {"file": upload(valid_files())})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(H5PPackage.objects.count(), 2)
        mini.refresh_from_db()
        self.assertEqual(mini.installed_by, self.root)  # untouched

    def test_an_author_cannot_replace_a_shared_library_with_a_newer_patch(
        self,
    ) -> None:
        import_h5p(build(valid_files(patch=1)), uploaded_by=self.root)
        app = package_store.libraries_root() / "H5P.Mini-1.0" / "app.js"
        self.client.force_login(self.aurore)
        response = self.client.post(UPLOAD, {"file": upload(valid_files(patch=2))})
        self.assertContains(response, "H5P.Mini 1.0.2")
        self.assertEqual(
            H5PLibrary.objects.get(machine_name="H5P.Mini").patch_version, 1
        )
        self.assertEqual(app.read_text(), "// patch 1")
        self.assertEqual(H5PPackage.objects.count(), 1)

    def test_an_older_patch_from_an_author_uses_the_installed_one(self) -> None:
        import_h5p(build(valid_files(patch=3)), uploaded_by=self.root)
        self.client.force_login(self.aurore)
        response = self.client.post(UPLOAD, {"file": upload(valid_files(patch=1))})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            H5PLibrary.objects.get(machine_name="H5P.Mini").patch_version, 3
        )


@override_settings(MEDIA_ROOT=MEDIA)
class LibraryListTests(CatalogueTestCase):
    URL = reverse("h5p_admin:libraries")

    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        import_h5p(build(valid_files()), title="Passwords", uploaded_by=self.root)

    def test_platform_admins_see_what_is_installed_by_whom(self) -> None:
        self.client.force_login(self.root)
        with self.assertNumQueries(9):  # 7 of them the admin's own
            response = self.client.get(self.URL)
        self.assertContains(response, "H5P.Mini")
        self.assertContains(response, "1.0.0")
        self.assertContains(response, "Passwords")
        import_h5p(build(valid_files()), title="Again", uploaded_by=self.root)
        with self.assertNumQueries(9):
            self.client.get(self.URL)

    def test_town_roles_and_learners_may_not(self) -> None:
        for person in (self.aurore, self.cleo, self.ada, self.ben, self.eli):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertIn(self.client.get(self.URL).status_code, (302, 403))
        self.client.logout()
        self.assertEqual(self.client.get(self.URL).status_code, 302)
