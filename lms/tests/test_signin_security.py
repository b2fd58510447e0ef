"""Sign-in lockout per account, the client's address behind a proxy, and throttles."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.urls import reverse

from lms.backends import lockout_username
from lms.security.client import client_ip
from lms.testing import PersonasTestCase

ROOT = Path(__file__).resolve().parents[2]

# What lms/settings/base.py derives from TRUSTED_PROXY_COUNT=1 (checked below by
# loading the settings with that environment).
BEHIND_ONE_PROXY = {
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
    "AXES_IPWARE_PROXY_COUNT": 0,
}
PROXY = "10.0.0.2"
NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)


class LockoutTests(PersonasTestCase):
    def fail(self, username: str, **extra: str) -> None:
        response = self.client.post(
            reverse("login"), {"username": username, "password": "guess"}, **extra
        )
        self.assertIn(response.status_code, {200, 429})

    def sign_in(self, username: str = "cleo", **extra: str):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("login"), {"username": username, "password": "pw"}, **extra
        )

    def test_every_spelling_of_an_account_counts_on_one_counter(self) -> None:
        """Five failures spread over the name in any case and the e-mail address
        lock the account: the right password is then refused."""
        for typed in ("cleo", "Cleo", "CLEO", "cleo@example.org", "CLEO@Example.ORG"):
            self.fail(typed)
        response = self.sign_in("cleo")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "15 minutes", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(
            set(AccessAttempt.objects.values_list("username", flat=True)), {"cleo"}
        )

    def test_the_locked_account_is_refused_under_its_e_mail_too(self) -> None:
        for _ in range(5):
            self.fail("CLEO")
        response = self.sign_in("cleo@example.org")
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_another_account_is_not_affected(self) -> None:
        for typed in ("cleo", "Cleo", "CLEO", "cleo@example.org", "Cleo"):
            self.fail(typed)
        response = self.sign_in("ada")
        self.assertRedirects(response, reverse("courses:my-learning"))

    def test_four_failures_do_not_lock_and_a_success_resets_the_count(self) -> None:
        for typed in ("cleo", "Cleo", "CLEO", "cleo@example.org"):
            self.fail(typed)
        self.assertRedirects(self.sign_in("Cleo"), reverse("courses:my-learning"))
        self.client.post(reverse("logout"))
        for _ in range(4):
            self.fail("cleo")
        self.assertRedirects(self.sign_in("cleo"), reverse("courses:my-learning"))

    def test_changing_address_does_not_give_more_guesses(self) -> None:
        """The lockout is per account: an attacker rotating addresses gets five
        guesses on an account in all, not five per address."""
        for n in range(5):
            self.fail("cleo", REMOTE_ADDR=f"198.51.100.{n + 1}")
        response = self.sign_in("cleo", REMOTE_ADDR="203.0.113.77")
        self.assertEqual(response.status_code, 429)

    def test_the_lock_lifts_after_15_minutes_and_is_not_extended_by_tries(self) -> None:
        with time_machine.travel(NOW, tick=False) as traveller:
            for _ in range(5):
                self.fail("cleo")
            traveller.shift(dt.timedelta(minutes=10))
            self.assertEqual(self.sign_in().status_code, 429)
            traveller.shift(dt.timedelta(minutes=6))
            self.assertRedirects(self.sign_in(), reverse("courses:my-learning"))

    def test_the_lock_still_holds_at_14_minutes(self) -> None:
        with time_machine.travel(NOW, tick=False) as traveller:
            for _ in range(5):
                self.fail("cleo")
            traveller.shift(dt.timedelta(minutes=14))
            self.assertEqual(self.sign_in().status_code, 429)


class LockoutNameTests(PersonasTestCase):
    def name_for(self, typed: str) -> str | None:
        return lockout_username(RequestFactory().post("/"), {"username": typed})

    def test_a_known_account_counts_as_its_lowercased_username(self) -> None:
        self.assertEqual(self.name_for("CLEO"), "cleo")
        self.assertEqual(self.name_for("Cleo@EXAMPLE.org"), "cleo")

    def test_an_unknown_name_counts_as_itself_lowercased(self) -> None:
        self.assertEqual(self.name_for("Nobody@Example.ORG"), "nobody@example.org")
        self.assertEqual(self.name_for("Ghost"), "ghost")

    def test_no_name_counts_as_none(self) -> None:
        self.assertIsNone(lockout_username(RequestFactory().post("/"), {}))


class ClientAddressTests(PersonasTestCase):
    def request(self, forwarded: str | None, remote: str = PROXY):  # type: ignore[no-untyped-def]
        headers = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            headers["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().post("/accounts/login/", **headers)

    def test_without_a_proxy_the_header_is_ignored(self) -> None:
        """TRUSTED_PROXY_COUNT=0 (the default): X-Forwarded-For is the client's
        own words; the connection's address counts."""
        request = self.request("203.0.113.9", remote="198.51.100.7")
        self.assertEqual(client_ip(request), "198.51.100.7")

    @override_settings(**BEHIND_ONE_PROXY)
    def test_behind_one_proxy_the_address_it_appended_counts(self) -> None:
        """The leftmost entries were written by the client; only the last one,
        appended by the proxy, is trusted."""
        request = self.request("203.0.113.66, 198.51.100.20")
        self.assertEqual(client_ip(request), "198.51.100.20")

    @override_settings(**BEHIND_ONE_PROXY)
    def test_behind_one_proxy_a_malformed_spoofed_entry_changes_nothing(self) -> None:
        request = self.request("not-an-address, 198.51.100.20")
        self.assertEqual(client_ip(request), "198.51.100.20")

    @override_settings(**BEHIND_ONE_PROXY)
    def test_behind_one_proxy_a_request_without_the_header_counts_its_peer(
        self,
    ) -> None:
        self.assertEqual(client_ip(self.request(None)), PROXY)

    @override_settings(**BEHIND_ONE_PROXY)
    def test_lockout_records_keep_the_proxy_appended_address(self) -> None:
        self.client.post(
            reverse("login"),
            {"username": "cleo", "password": "guess"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.20",
        )
        attempt = AccessAttempt.objects.get()
        self.assertEqual(attempt.ip_address, "198.51.100.20")


class ProxySettingTests(SimpleTestCase):
    def settings_with(self, **env: str) -> dict[str, object]:
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"TRUSTED_PROXY_COUNT", "DJANGO_SETTINGS_MODULE"}
        }
        environment.update(env, DJANGO_SETTINGS_MODULE="lms.settings.test")
        script = (
            "import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps({k: getattr(settings, k, None) for k in "
            "('AXES_IPWARE_META_PRECEDENCE_ORDER', 'AXES_IPWARE_PROXY_COUNT')}))"
        )
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def test_trusted_proxy_count_1_reads_the_proxy_appended_address(self) -> None:
        self.assertEqual(self.settings_with(TRUSTED_PROXY_COUNT="1"), BEHIND_ONE_PROXY)

    def test_by_default_only_the_connection_address_is_read(self) -> None:
        values = self.settings_with()
        self.assertEqual(values["AXES_IPWARE_META_PRECEDENCE_ORDER"], ["REMOTE_ADDR"])
        self.assertIsNone(values["AXES_IPWARE_PROXY_COUNT"])


class SignInThrottleTests(PersonasTestCase):
    def post_sign_in(self, n: int, **extra: str):  # type: ignore[no-untyped-def]
        # A different unknown name each time, so only the throttle can stop it.
        return self.client.post(
            reverse("login"), {"username": f"guess{n}", "password": "x"}, **extra
        )

    def test_the_21st_sign_in_from_one_address_in_10_minutes_gets_429(self) -> None:
        for n in range(20):
            self.assertEqual(self.post_sign_in(n).status_code, 200)
        response = self.client.post(
            reverse("login"), {"username": "ada", "password": "pw"}
        )
        self.assertEqual(response.status_code, 429)
        self.assertContains(
            response, "Trop de tentatives de connexion", status_code=429
        )
        self.assertTrue(response.has_header("Retry-After"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_throttle_page_speaks_english_too(self) -> None:
        self.client.cookies["civicskills_language"] = "en"
        for n in range(21):
            response = self.post_sign_in(n)
        self.assertContains(
            response,
            "Too many sign-in attempts came from your network",
            status_code=429,
        )

    def test_another_address_and_plain_page_views_are_not_throttled(self) -> None:
        for n in range(21):
            self.post_sign_in(n)
        self.assertEqual(self.client.get(reverse("login")).status_code, 200)
        response = self.client.post(
            reverse("login"),
            {"username": "ada", "password": "pw"},
            REMOTE_ADDR="198.51.100.30",
        )
        self.assertRedirects(response, reverse("courses:my-learning"))

    def test_wagtail_s_sign_in_form_counts_on_the_same_throttle(self) -> None:
        for n in range(20):
            self.post_sign_in(n)
        response = self.client.post(
            reverse("wagtailadmin_login"), {"username": "root", "password": "pw"}
        )
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_window_ends_after_10_minutes(self) -> None:
        with time_machine.travel(NOW, tick=False) as traveller:
            for n in range(21):
                self.post_sign_in(n)
            traveller.shift(dt.timedelta(minutes=10, seconds=6))
            self.assertEqual(self.post_sign_in(99).status_code, 200)

    @override_settings(**BEHIND_ONE_PROXY)
    def test_behind_a_proxy_spoofed_addresses_share_the_client_s_count(self) -> None:
        """Rotating the leftmost X-Forwarded-For entry does not escape the
        throttle; a different real client behind the same proxy is unaffected."""
        for n in range(20):
            self.post_sign_in(
                n,
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}, 198.51.100.20",
            )
        spoofed = self.post_sign_in(
            20, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.20"
        )
        self.assertEqual(spoofed.status_code, 429)
        other = self.post_sign_in(
            21, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.21"
        )
        self.assertEqual(other.status_code, 200)


class PasswordResetThrottleTests(PersonasTestCase):
    def request_reset(self):  # type: ignore[no-untyped-def]
        return self.client.post(reverse("password_reset"), {"email": "ada@example.org"})

    def test_the_sixth_request_in_an_hour_gets_429_and_sends_nothing(self) -> None:
        for _ in range(5):
            self.assertRedirects(self.request_reset(), reverse("password_reset_done"))
        self.assertEqual(len(mail.outbox), 5)
        response = self.request_reset()
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Aucun e-mail n’a été envoyé", status_code=429)
        self.assertEqual(len(mail.outbox), 5)

    def test_wagtail_s_reset_form_counts_on_the_same_throttle(self) -> None:
        for _ in range(5):
            self.request_reset()
        response = self.client.post(
            reverse("wagtailadmin_password_reset"), {"email": "root@example.org"}
        )
        self.assertEqual(response.status_code, 429)
        self.assertEqual(len(mail.outbox), 5)

    def test_another_address_may_still_ask(self) -> None:
        for _ in range(6):
            self.request_reset()
        response = self.client.post(
            reverse("password_reset"),
            {"email": "dev@example.org"},
            REMOTE_ADDR="198.51.100.40",
        )
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(mail.outbox[-1].to, ["dev@example.org"])


class SharedAddressTests(PersonasTestCase):
    def test_successful_sign_ins_from_one_address_are_never_throttled(self) -> None:
        """A town hall's staff behind one address all sign in for a session."""
        for n in range(25):
            with self.subTest(n=n):
                client = self.client_class()
                response = client.post(
                    reverse("login"), {"username": "ada", "password": "pw"}
                )
                self.assertRedirects(
                    response,
                    reverse("courses:my-learning"),
                    fetch_redirect_response=False,
                )


class SignOutTests(PersonasTestCase):
    def test_signing_out_asks_the_browser_to_drop_its_cache(self) -> None:
        """The dashboards' chart parts are cached privately for a day: signing
        out clears them from a shared computer's browser."""
        self.client.force_login(self.cleo)
        response = self.client.post(reverse("logout"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Clear-Site-Data"], '"cache"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_get_does_not_sign_out(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("logout"))
        self.assertEqual(response.status_code, 405)
        self.assertIn("_auth_user_id", self.client.session)
