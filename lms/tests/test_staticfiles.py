"""collectstatic with the production storage: the project's own CSS and JS come
out minified, hashed from their minified content and compressed; other people's
files come out as they were shipped."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import ClassVar

import brotli
import django_otp
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings

from lms.staticfiles import is_own_source
from lms.testing import run_manage

PRODUCTION_STORAGE = "lms.staticfiles.MinifiedCompressedManifestStaticFilesStorage"
BASE_DIR = Path(settings.BASE_DIR)
SAMPLE = Path(__file__).resolve().parent / "sample_static"
H5P_DIST = BASE_DIR / "node_modules" / "h5p-standalone" / "dist"
OTP_STATIC = Path(django_otp.__file__).resolve().parent / "static"


def hash_of(content: bytes) -> str:
    """The 12 characters Django's manifest puts in a hashed name."""
    return hashlib.md5(content, usedforsecurity=False).hexdigest()[:12]


class CollectStaticTests(SimpleTestCase):
    """One collectstatic, as production runs it, of the project's static folder,
    a sample stylesheet with a url(), an npm package and an installed app's
    static folder (only these, to keep it quick: all of them takes a minute)."""

    root: ClassVar[Path]
    manifest: ClassVar[dict[str, str]]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.root = Path(cls.enterClassContext(tempfile.TemporaryDirectory()))
        with override_settings(
            STATIC_ROOT=cls.root,
            STATICFILES_DIRS=[
                BASE_DIR / "static",
                ("sample", SAMPLE),
                ("vendor/h5p-standalone", H5P_DIST),
                OTP_STATIC,
            ],
            STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
            },
        ):
            call_command("collectstatic", "--noinput", verbosity=0)
        manifest = json.loads((cls.root / "staticfiles.json").read_text())
        cls.manifest = manifest["paths"]

    def served(self, name: str) -> bytes:
        """The bytes served for ``name``: its hashed copy."""
        return (self.root / self.manifest[name]).read_bytes()

    def test_a_project_stylesheet_is_minified(self) -> None:
        """No comment, no line break, every rule kept, smaller than the source."""
        source = (BASE_DIR / "static/lms/css/site.css").read_text()
        served = self.served("lms/css/site.css").decode()
        self.assertLess(len(served), len(source) * 0.9)
        self.assertNotIn("\n", served.strip())
        self.assertNotIn("/*", served)
        self.assertEqual(served.count("{"), source.count("{"))
        self.assertIn(".skip-link:focus{left:1rem;", served)

    def test_a_project_script_is_minified_and_keeps_its_functions(self) -> None:
        """Comments and indentation gone; the functions and the regular
        expression literal are still there."""
        source = (BASE_DIR / "static/courses/js/scorm-player.js").read_text()
        served = self.served("courses/js/scorm-player.js").decode()
        self.assertLess(len(served), len(source) * 0.7)
        self.assertIn("// The SCORM player, on the site", source)
        self.assertNotIn("The SCORM player, on the site", served)
        self.assertNotRegex(served, re.compile(r"^\s", re.MULTILINE))
        for name in (
            "function csrfToken()",
            "function envelope(",
            "function announce()",
        ):
            self.assertIn(name, served)
        self.assertIn("/(?:^|; )csrftoken=([^;]+)/", served)

    def test_every_minified_script_still_parses(self) -> None:
        """Node's parser accepts each of the project's scripts as served."""
        node = shutil.which("node")
        self.assertIsNotNone(node, "Node.js (make install's npm) parses the scripts")
        scripts = [
            name
            for name in self.manifest
            if name.endswith(".js") and (BASE_DIR / "static" / name).is_file()
        ]
        self.assertGreaterEqual(len(scripts), 8)
        for name in scripts:
            with self.subTest(name):
                result = subprocess.run(  # noqa: S603
                    [str(node), "--check", str(self.root / self.manifest[name])],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_the_hashed_name_follows_the_minified_content(self) -> None:
        """The hash in the name is that of the bytes served, not of the source."""
        for name in ("lms/css/site.css", "reporting/js/charts.js"):
            with self.subTest(name):
                served = self.served(name)
                source = (BASE_DIR / "static" / name).read_bytes()
                self.assertIn(f".{hash_of(served)}.", self.manifest[name])
                self.assertNotIn(f".{hash_of(source)}.", self.manifest[name])

    def test_url_in_a_minified_stylesheet_names_the_hashed_file(self) -> None:
        """The manifest rewrites url() in the minified CSS to a file that exists."""
        served = self.served("sample/card.css").decode()
        self.assertNotIn("/*", served)
        self.assertNotIn("\n", served.strip())
        match = re.search(r'url\("([^"]+)"\)', served)
        assert match is not None, served
        self.assertRegex(match[1], r"^img/dot\.[0-9a-f]{12}\.svg$")
        self.assertEqual(f"sample/{match[1]}", self.manifest["sample/img/dot.svg"])
        self.assertTrue((self.root / "sample" / match[1]).is_file())

    def test_other_peoples_files_are_served_as_shipped(self) -> None:
        """An npm package's script and an installed app's stylesheet, neither
        named .min., are byte for byte their sources."""
        for name, source in (
            ("vendor/h5p-standalone/main.bundle.js", H5P_DIST / "main.bundle.js"),
            ("django_otp/css/login.css", OTP_STATIC / "django_otp/css/login.css"),
        ):
            with self.subTest(name):
                self.assertEqual(self.served(name), source.read_bytes())
                self.assertEqual((self.root / name).read_bytes(), source.read_bytes())

    def test_brotli_and_gzip_copies_hold_the_minified_content(self) -> None:
        for name in ("lms/css/site.css", "courses/js/scorm-player.js"):
            with self.subTest(name):
                hashed = self.root / self.manifest[name]
                served = hashed.read_bytes()
                brotli_copy = hashed.with_name(hashed.name + ".br")
                gzip_copy = hashed.with_name(hashed.name + ".gz")
                self.assertEqual(brotli.decompress(brotli_copy.read_bytes()), served)
                self.assertEqual(gzip.decompress(gzip_copy.read_bytes()), served)


class OwnSourceTests(SimpleTestCase):
    """Which folders hold the project's own files."""

    def is_own(self, folder: Path, name: str) -> bool:
        return is_own_source(FileSystemStorage(location=folder), name)

    def test_the_projects_folders_are_its_own(self) -> None:
        self.assertTrue(self.is_own(BASE_DIR / "static", "lms/css/site.css"))
        self.assertTrue(
            self.is_own(BASE_DIR / "courses/training/static", "training/css/sheet.css")
        )

    def test_npm_packages_installed_apps_and_other_folders_are_not(self) -> None:
        self.assertFalse(self.is_own(H5P_DIST, "main.bundle.js"))
        self.assertFalse(self.is_own(BASE_DIR / "node_modules/x", "a.js"))
        self.assertFalse(self.is_own(BASE_DIR / ".venv/lib/site-packages/x", "a.js"))
        self.assertFalse(self.is_own(OTP_STATIC, "django_otp/css/login.css"))
        self.assertFalse(self.is_own(Path(tempfile.gettempdir()), "a.css"))


class ProductionSettingsTests(SimpleTestCase):
    def test_production_collects_with_the_minifying_storage(self) -> None:
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings;"
            "print(settings.STORAGES['staticfiles']['BACKEND'])",
            DJANGO_SETTINGS_MODULE="lms.settings.production",
            SECRET_KEY="k" * 20 + "-a-long-and-random-enough-production-secret-value",
            SITE_URL="https://civicskills.example.org",
            CONTENT_ORIGIN="https://civicskills-content.example.net",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), PRODUCTION_STORAGE)
