"""Production is the default: manage.py and the task worker start with production
settings unless DJANGO_SETTINGS_MODULE says otherwise, and production needs the
site's public address."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from lms.env import env_url
from lms.testing import run_manage

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k" * 20 + "-a-long-and-random-enough-production-secret-value"
CONTENT = "https://civicskills-content.example.net"
SHOW_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SITE_URL, "
    "settings.WAGTAILADMIN_BASE_URL)"
)


class ManagePyDefaultTests(SimpleTestCase):
    def test_manage_py_uses_production_settings_when_none_is_named(self) -> None:
        """Without DJANGO_SETTINGS_MODULE, manage.py runs with production settings:
        debug off, and the site address taken from SITE_URL."""
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            SHOW_SETTINGS,
            SECRET_KEY=SECRET,
            SITE_URL="https://civicskills.example.org/",
            CONTENT_ORIGIN=CONTENT,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.split(),
            [
                "lms.settings.production",
                "False",
                "https://civicskills.example.org",
                "https://civicskills.example.org",
            ],
        )

    def test_development_settings_still_apply_when_named(self) -> None:
        """Naming lms.settings.dev (as the Makefile does) gives debug and the local
        address, with no secret or site address to set."""
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            SHOW_SETTINGS,
            DJANGO_SETTINGS_MODULE="lms.settings.dev",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.split(),
            [
                "lms.settings.dev",
                "True",
                "http://127.0.0.1:8000",
                "http://127.0.0.1:8000",
            ],
        )

    def test_the_worker_starts_with_production_settings_by_default(self) -> None:
        """``manage.py db_worker`` with no settings named is the production worker:
        it refuses to start without the production secret key."""
        result = run_manage("db_worker", "--batch")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set the SECRET_KEY environment variable", result.stderr)


class SiteUrlTests(SimpleTestCase):
    def test_production_refuses_to_start_without_the_site_address(self) -> None:
        result = run_manage("check", SECRET_KEY=SECRET)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set the SITE_URL environment variable", result.stderr)

    def test_production_refuses_to_start_without_the_content_origin(self) -> None:
        """SCORM and H5P need their own origin in production: no default."""
        result = run_manage(
            "check", SECRET_KEY=SECRET, SITE_URL="https://civicskills.example.org"
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set the CONTENT_ORIGIN environment variable", result.stderr)

    def test_the_content_origin_must_be_another_host(self) -> None:
        result = run_manage(
            "check",
            "--deploy",
            SECRET_KEY=SECRET,
            SITE_URL="https://civicskills.example.org",
            CONTENT_ORIGIN="https://civicskills.example.org",
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("lms.E002", result.stderr)

    def test_a_content_origin_under_the_sites_domain_is_warned_about(self) -> None:
        result = run_manage(
            "check",
            "--deploy",
            SECRET_KEY=SECRET,
            SITE_URL="https://civicskills.example.org",
            CONTENT_ORIGIN="https://content.civicskills.example.org",
        )
        self.assertIn("lms.W001", result.stdout + result.stderr)

    def test_production_refuses_a_site_address_that_is_not_absolute(self) -> None:
        result = run_manage("check", SECRET_KEY=SECRET, SITE_URL="civicskills.org")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SITE_URL must be an absolute address", result.stderr)

    def test_an_absolute_address_is_accepted_without_its_trailing_slash(self) -> None:
        os.environ["CIVICSKILLS_TEST_URL"] = "https://formation.ville.example/"
        self.addCleanup(os.environ.pop, "CIVICSKILLS_TEST_URL")
        self.assertEqual(
            env_url("CIVICSKILLS_TEST_URL"), "https://formation.ville.example"
        )
        os.environ["CIVICSKILLS_TEST_URL"] = "ftp://formation.ville.example"
        with self.assertRaises(ImproperlyConfigured):
            env_url("CIVICSKILLS_TEST_URL")
