import os
from pathlib import Path

from django.test import SimpleTestCase

from lms.env import env_bool, env_list, env_str
from lms.testing import run_manage

ROOT = Path(__file__).resolve().parents[2]


class DeployCheckTests(SimpleTestCase):
    def test_production_settings_pass_the_deploy_check(self) -> None:
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SETTINGS_MODULE="lms.settings.production",
            SECRET_KEY="k" * 20 + "-a-long-and-random-enough-production-secret-value",
            ALLOWED_HOSTS="civicskills.example.org",
            SITE_URL="https://civicskills.example.org",
            CONTENT_ORIGIN="https://civicskills-content.example.net",
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_production_refuses_to_start_without_a_secret_key(self) -> None:
        result = run_manage(
            "check", DJANGO_SETTINGS_MODULE="lms.settings.production", SECRET_KEY=""
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set the SECRET_KEY environment variable", result.stderr)


class EnvHelperTests(SimpleTestCase):
    def test_values_are_typed(self) -> None:
        os.environ["CIVICSKILLS_TEST_FLAG"] = "yes"
        os.environ["CIVICSKILLS_TEST_LIST"] = "a.example, b.example"
        self.addCleanup(os.environ.pop, "CIVICSKILLS_TEST_FLAG")
        self.addCleanup(os.environ.pop, "CIVICSKILLS_TEST_LIST")
        self.assertTrue(env_bool("CIVICSKILLS_TEST_FLAG"))
        self.assertEqual(
            env_list("CIVICSKILLS_TEST_LIST", []), ["a.example", "b.example"]
        )
        self.assertEqual(env_str("CIVICSKILLS_TEST_MISSING", "fallback"), "fallback")
