"""H5P packages: hostile and broken ones are refused whole; real ones import."""

import io
import shutil
from pathlib import Path
from unittest import skipUnless

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import translation

from courses.demo.h5p_packages import build, valid_files
from courses.h5p.actions import import_h5p
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.package import H5PError, inspect_package
from courses.packages.store import h5p_root

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "h5p"
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p"


@override_settings(MEDIA_ROOT=MEDIA)
class H5PImportTests(TestCase):
    def setUp(self) -> None:
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def assert_refused(self, package: io.BytesIO, reason: str) -> None:
        with self.assertRaises(H5PError) as caught:
            import_h5p(package)
        self.assertIn(reason, " ".join(caught.exception.problems))
        self.assertFalse(H5PPackage.objects.exists())
        self.assertFalse(H5PLibrary.objects.exists())
        leftovers = list(h5p_root().rglob("*")) if h5p_root().exists() else []
        self.assertEqual([p for p in leftovers if p.is_file()], [])

    def test_a_valid_package_stores_content_and_shared_libraries(self) -> None:
        package = import_h5p(build(valid_files()))
        self.assertEqual(package.title, "Quiz")
        self.assertEqual(str(package.main_library), "H5P.Mini 1.0.0")
        self.assertEqual(
            {lib.machine_name for lib in package.libraries.all()},
            {"H5P.Mini", "H5P.Base"},
        )
        self.assertTrue(
            (
                h5p_root() / "content" / str(package.key) / "content" / "content.json"
            ).exists()
        )
        self.assertTrue((h5p_root() / "libraries" / "H5P.Base-1.0" / "app.js").exists())

    def test_deleting_a_package_removes_its_content_not_shared_libraries(
        self,
    ) -> None:
        package = import_h5p(build(valid_files()))
        content = h5p_root() / "content" / str(package.key)
        self.assertTrue(content.exists())
        with self.captureOnCommitCallbacks(execute=True):
            package.delete()
        self.assertFalse(content.exists())
        self.assertTrue((h5p_root() / "libraries" / "H5P.Base-1.0").exists())

    def test_libraries_are_stored_once_and_upgraded_by_a_newer_patch(self) -> None:
        import_h5p(build(valid_files(patch=0)))
        import_h5p(build(valid_files(patch=0)))
        self.assertEqual(H5PLibrary.objects.count(), 2)
        import_h5p(build(valid_files(patch=3)))
        self.assertEqual(
            H5PLibrary.objects.get(machine_name="H5P.Mini").patch_version, 3
        )
        self.assertIn(
            "patch 3",
            (h5p_root() / "libraries" / "H5P.Mini-1.0" / "app.js").read_text(),
        )
        import_h5p(build(valid_files(patch=1)))
        self.assertEqual(
            H5PLibrary.objects.get(machine_name="H5P.Mini").patch_version, 3
        )
        self.assertEqual(H5PPackage.objects.count(), 4)

    def test_a_package_may_rely_on_an_installed_library(self) -> None:
        import_h5p(build(valid_files()))
        files = valid_files()
        del files["H5P.Base-1.0/library.json"], files["H5P.Base-1.0/app.js"]
        package = import_h5p(build(files))
        self.assertIn("H5P.Base", {lib.machine_name for lib in package.libraries.all()})

    def test_zip_slip_is_refused(self) -> None:
        self.assert_refused(
            build({**valid_files(), "../../evil.js": "x"}), "Unsafe path"
        )
        self.assert_refused(
            build({**valid_files(), "/etc/evil.json": "x"}), "Unsafe path"
        )

    def test_a_symlink_is_refused(self) -> None:
        self.assert_refused(
            build(valid_files(), symlink="content/link.json"), "Symbolic links"
        )

    def test_a_zip_bomb_is_refused(self) -> None:
        self.assert_refused(
            build({**valid_files(), "content/bomb.txt": b"0" * (20 * 1024 * 1024)}),
            "zip bomb",
        )

    def test_a_missing_library_is_refused_with_its_name(self) -> None:
        files = valid_files()
        del files["H5P.Base-1.0/library.json"], files["H5P.Base-1.0/app.js"]
        self.assert_refused(build(files), "H5P.Base 1.0 is missing")

    def test_bad_json_is_refused(self) -> None:
        self.assert_refused(
            build({**valid_files(), "h5p.json": "{not json"}),
            "h5p.json is not valid JSON",
        )
        self.assert_refused(
            build({**valid_files(), "content/content.json": "[1,"}), "not valid JSON"
        )

    def test_a_missing_required_field_is_refused(self) -> None:
        files = valid_files()
        files["h5p.json"] = {
            k: v for k, v in files["h5p.json"].items() if k != "mainLibrary"
        }
        self.assert_refused(build(files), "mainLibrary")

    def test_a_forbidden_file_type_is_refused(self) -> None:
        self.assert_refused(
            build({**valid_files(), "content/run.php": "<?php"}), "not allowed"
        )
        self.assert_refused(
            build({**valid_files(), "content/x.js": "alert(1)"}), "not allowed"
        )

    def test_duplicate_names_are_refused(self) -> None:
        self.assert_refused(
            build({**valid_files(), "CONTENT/content.json": "{}"}), "Duplicate name"
        )

    def test_a_file_that_is_not_a_zip_is_refused(self) -> None:
        self.assert_refused(io.BytesIO(b"not a zip at all"), "not a valid .h5p")

    def test_the_command_prints_the_id_or_the_reason(self) -> None:
        path = MEDIA / "upload.h5p"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build(valid_files()).getvalue())
        out = io.StringIO()
        call_command("import_h5p", str(path), "--title", "Mon quiz", stdout=out)
        self.assertEqual(H5PPackage.objects.get().pk, int(out.getvalue().strip()))
        self.assertEqual(H5PPackage.objects.get().title, "Mon quiz")
        path.write_bytes(b"garbage")
        with self.assertRaisesMessage(CommandError, "not a valid .h5p"):
            call_command("import_h5p", str(path))


@skipUnless(FIXTURES.exists(), "shared/fixtures/h5p is absent (a fresh clone has none)")
@override_settings(MEDIA_ROOT=MEDIA)
class H5PFixtureTests(TestCase):
    """Every third-party package: valid ones import, invalid/ ones are refused."""

    def setUp(self) -> None:
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def test_every_valid_fixture_imports(self) -> None:
        for path in sorted(FIXTURES.glob("*.h5p")):
            with self.subTest(package=path.name), path.open("rb") as handle:
                package = import_h5p(handle)
                expected = path.name.removeprefix("h5p-standalone_test_").removesuffix(
                    ".h5p"
                )
                self.assertIn(
                    package.main_library.machine_name.removeprefix("H5P."), expected
                )

    def test_every_invalid_fixture_is_refused_with_its_reason(self) -> None:
        reasons = {
            "crossword_content-only_no-libraries.h5p": "H5P.Crossword 0.5 is missing"
        }
        for path in sorted((FIXTURES / "invalid").glob("*.h5p")):
            with self.subTest(package=path.name), path.open("rb") as handle:
                with self.assertRaises(H5PError) as caught:
                    inspect_package(handle)
                self.assertIn(reasons[path.name], " ".join(caught.exception.problems))


@override_settings(MEDIA_ROOT=MEDIA)
class H5PUploadViewTests(TestCase):
    URL = "/admin/h5p/"

    @classmethod
    def setUpTestData(cls) -> None:
        from lms.testing import build_personas

        build_personas(cls)

    def setUp(self) -> None:
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def upload(self, content: bytes, name: str = "quiz.h5p"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.client.post(
            self.URL, {"file": SimpleUploadedFile(name, content), "title": ""}
        )

    def test_an_author_uploads_a_package_for_their_town(self) -> None:
        import_h5p(build(valid_files()), uploaded_by=self.root)  # its libraries
        self.client.force_login(self.aurore)
        self.upload(build(valid_files()).getvalue())
        package = H5PPackage.objects.get(uploaded_by=self.aurore)
        self.assertEqual(package.organisation, self.town)

    def test_a_hostile_package_is_refused_with_its_reasons(self) -> None:
        self.client.force_login(self.aurore)
        response = self.upload(build({**valid_files(), "../evil.js": "x"}).getvalue())
        self.assertContains(response, "Chemin dangereux")
        self.assertFalse(H5PPackage.objects.exists())

    def test_learners_cannot_upload(self) -> None:
        self.client.force_login(self.ada)
        self.upload(build(valid_files()).getvalue())
        self.assertFalse(H5PPackage.objects.exists())
