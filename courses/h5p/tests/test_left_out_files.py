"""Files H5P core allows but this platform never stores (Flash, archivers'
leftovers) are left out of a package instead of refusing it, and the import
says which."""

import io
import shutil
from pathlib import Path
from unittest import skipUnless

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings
from django.utils import translation
from wagtail.users.models import UserProfile

from courses.demo.h5p_packages import build, valid_files
from courses.h5p.actions import import_h5p
from courses.h5p.models import H5PPackage
from courses.h5p.package import H5PError, inspect_package
from courses.packages.store import content_root, libraries_root
from courses.testing.content import content_get
from lms.testing import PersonasTestCase

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "h5p"
COURSE_PRESENTATION = FIXTURES / "H5P.CoursePresentation.h5p"
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p-left-out"
SWF = "H5P.Base-1.0/resources/downloadify.swf"


def package_with_flash() -> dict:
    """The small package, its base library carrying a Flash file as Course
    Presentation's Downloadify library does."""
    return {**valid_files(), SWF: b"FWS\x0a"}


class LeftOutCheckTests(SimpleTestCase):
    def setUp(self) -> None:
        self.enterContext(translation.override("en"))

    def test_a_flash_file_in_a_library_is_left_out_not_refused(self) -> None:
        info = inspect_package(build(package_with_flash()))
        self.assertEqual(info.left_out, [SWF])
        self.assertEqual(info.file_count, len(valid_files()))

    def test_a_flash_file_in_content_is_left_out(self) -> None:
        info = inspect_package(build({**valid_files(), "content/intro.SWF": b"FWS"}))
        self.assertEqual(info.left_out, ["content/intro.SWF"])

    def test_archivers_leftovers_are_left_out(self) -> None:
        leftovers = [
            "__MACOSX/H5P.Base-1.0/._app.js",
            ".DS_Store",
            "content/images/.DS_Store",
        ]
        files = valid_files() | dict.fromkeys(leftovers, b"\0")
        self.assertEqual(inspect_package(build(files)).left_out, leftovers)

    def test_types_h5p_core_refuses_are_still_refused(self) -> None:
        """H5P core allows neither pages, programs nor scripts in content, nor
        (since 1.27) SVG or XML in content; libraries may carry SVG and XML."""
        for name in ("content/page.html", "content/run.sh", "content/icon.svg"):
            with self.subTest(name=name), self.assertRaises(H5PError) as caught:
                inspect_package(build({**valid_files(), name: "x"}))
            self.assertIn("not allowed", " ".join(caught.exception.problems))
        info = inspect_package(build({**valid_files(), "H5P.Base-1.0/icon.svg": "x"}))
        self.assertEqual(info.left_out, [])

    def test_a_zip_hazard_still_refuses_the_whole_package(self) -> None:
        with self.assertRaises(H5PError) as caught:
            inspect_package(build({**package_with_flash(), "../evil.swf": "x"}))
        self.assertIn("Unsafe path", " ".join(caught.exception.problems))


@override_settings(MEDIA_ROOT=MEDIA)
class LeftOutImportTests(PersonasTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def test_the_flash_file_is_neither_stored_nor_served(self) -> None:
        reported: list[list[str]] = []
        package = import_h5p(
            build(package_with_flash()), report_left_out=reported.append
        )
        self.assertEqual(reported, [[SWF]])
        self.assertTrue((libraries_root() / "H5P.Base-1.0" / "app.js").exists())
        self.assertFalse((libraries_root() / SWF).exists())
        self.assertEqual([p for p in MEDIA.rglob("*") if p.suffix == ".swf"], [])
        self.assertTrue(
            (content_root(package.key) / "content" / "content.json").exists()
        )
        served = content_get(self.client, f"/c/h5p/libraries/{SWF}")
        self.assertEqual(served.status_code, 404)
        app = content_get(self.client, "/c/h5p/libraries/H5P.Base-1.0/app.js")
        self.assertEqual(app.status_code, 200)

    def test_a_package_with_nothing_left_out_reports_nothing(self) -> None:
        reported: list[list[str]] = []
        import_h5p(build(valid_files()), report_left_out=reported.append)
        self.assertEqual(reported, [])

    def upload(self, files: dict):
        self.client.force_login(self.root)
        upload = SimpleUploadedFile("deck.h5p", build(files).getvalue())
        return self.client.post(
            "/admin/h5p/", {"file": upload, "title": ""}, follow=True
        )

    def test_the_upload_page_names_the_files_left_out_in_french(self) -> None:
        response = self.upload(package_with_flash())
        self.assertTrue(H5PPackage.objects.exists())
        self.assertContains(
            response,
            "Importé sans 1 fichier que la plateforme ne conserve jamais",
        )
        self.assertContains(response, SWF)

    def test_the_upload_page_names_the_files_left_out_in_english(self) -> None:
        profile = UserProfile.get_for_user(self.root)
        profile.preferred_language = "en"
        profile.save()
        response = self.upload({**package_with_flash(), ".DS_Store": b"\0"})
        self.assertContains(
            response, "Imported without 2 files that this platform never stores"
        )
        self.assertContains(response, f"{SWF}, .DS_Store")

    def test_an_upload_with_nothing_left_out_says_only_that_it_was_imported(
        self,
    ) -> None:
        response = self.upload(valid_files())
        self.assertTrue(H5PPackage.objects.exists())
        self.assertNotContains(response, "Importé sans")


@skipUnless(
    COURSE_PRESENTATION.exists(),
    "shared/fixtures/h5p has no H5P.CoursePresentation.h5p (a fresh clone has no "
    "shared fixtures; the set in use holds no Course Presentation)",
)
@override_settings(MEDIA_ROOT=MEDIA)
class CoursePresentationFixtureTests(PersonasTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def test_course_presentation_imports_without_its_flash_file(self) -> None:
        reported: list[list[str]] = []
        with COURSE_PRESENTATION.open("rb") as handle:
            package = import_h5p(handle, report_left_out=reported.append)
        self.assertEqual(package.main_library.machine_name, "H5P.CoursePresentation")
        self.assertEqual(len(reported), 1)
        self.assertTrue(all(name.endswith(".swf") for name in reported[0]))
        self.assertEqual([p for p in MEDIA.rglob("*") if p.suffix == ".swf"], [])


@override_settings(MEDIA_ROOT=MEDIA)
class LeftOutCommandTests(PersonasTestCase):
    def test_the_import_command_names_what_it_left_out(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        path = MEDIA / "flash.h5p"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build(package_with_flash()).getvalue())
        out, err = io.StringIO(), io.StringIO()
        call_command("import_h5p", str(path), stdout=out, stderr=err)
        self.assertIn(SWF, err.getvalue())
        self.assertEqual(out.getvalue().strip(), str(H5PPackage.objects.get().pk))
