"""Every uploaded package passes the zip checks before anything is extracted."""

import io
import os
import stat
import zipfile
from unittest import mock

from django.test import SimpleTestCase
from django.utils import translation

from courses.packages import checks
from courses.packages.checks import check_entries


def archive(*entries: tuple[str | zipfile.ZipInfo, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as written:
        for name, data in entries:
            written.writestr(name, data)
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def checked(zipped: zipfile.ZipFile) -> tuple[list[str], list[str]]:
    problems: list[str] = []
    files = check_entries(zipped, problems)
    return [info.filename for info in files], problems


class CheckEntriesTests(SimpleTestCase):
    def setUp(self) -> None:
        translation.activate("en")  # the problems are read in English here
        self.addCleanup(translation.deactivate)

    def test_a_plain_package_passes_with_its_files(self) -> None:
        files, problems = checked(
            archive(("index.html", b"<p>hi</p>"), ("js/app.js", b"1;"))
        )
        self.assertEqual(problems, [])
        self.assertEqual(files, ["index.html", "js/app.js"])

    def test_paths_that_leave_the_folder_are_refused(self) -> None:
        for name in ("../evil.js", "a/../../evil.js", "/etc/passwd", "C:evil"):
            with self.subTest(name=name):
                files, problems = checked(archive((name, b"x")))
                self.assertEqual(files, [])
                self.assertEqual(problems, [f"Unsafe path in the package: {name}"])

    def test_backslashes_are_refused(self) -> None:
        files, problems = checked(archive(("a\\..\\evil.js", b"x")))
        self.assertEqual(files, [])
        self.assertEqual(len(problems), 1)

    def test_symbolic_links_are_refused(self) -> None:
        link = zipfile.ZipInfo("link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        files, problems = checked(archive((link, b"/etc/passwd")))
        self.assertEqual(files, [])
        self.assertEqual(problems, ["Symbolic links are not allowed: link"])

    def test_names_that_differ_only_by_case_are_duplicates(self) -> None:
        files, problems = checked(archive(("Index.html", b"a"), ("index.html", b"b")))
        self.assertEqual(files, ["Index.html"])
        self.assertEqual(problems, ["Duplicate name in the package: index.html"])

    def test_a_file_compressed_suspiciously_well_is_a_zip_bomb(self) -> None:
        files, problems = checked(archive(("bomb.txt", b"0" * (4 * 1024 * 1024))))
        self.assertIn("Suspicious compression (zip bomb?): bomb.txt", problems)
        self.assertIn(
            "Suspicious compression ratio for the whole package (zip bomb?).",
            problems,
        )

    def test_a_small_file_that_compresses_well_is_fine(self) -> None:
        """Below 1 MB the ratio says nothing (a blank CSS file compresses well)."""
        files, problems = checked(archive(("blank.css", b" " * 500_000)))
        self.assertEqual(problems, [])
        self.assertEqual(files, ["blank.css"])

    def test_too_many_files_are_refused_whole(self) -> None:
        with mock.patch.object(checks, "MAX_FILES", 3):
            files, problems = checked(archive(*((f"f{n}.txt", b"x") for n in range(4))))
        self.assertEqual(files, [])
        self.assertEqual(problems, ["The package holds more than 3 files."])

    def test_too_much_uncompressed_data_is_refused(self) -> None:
        with mock.patch.object(checks, "MAX_UNCOMPRESSED", 1024 * 1024):
            files, problems = checked(archive(("big.bin", os.urandom(1_100_000))))
        self.assertEqual(problems, ["The package expands to more than 1 MB."])

    def test_folders_are_checked_but_not_listed(self) -> None:
        files, problems = checked(archive(("css/", b""), ("css/site.css", b"a{}")))
        self.assertEqual(problems, [])
        self.assertEqual(files, ["css/site.css"])


class PackageErrorTests(SimpleTestCase):
    def test_it_carries_every_problem(self) -> None:
        error = checks.PackageError(["one", "two"])
        self.assertEqual(error.problems, ["one", "two"])
        self.assertEqual(str(error), "one; two")
