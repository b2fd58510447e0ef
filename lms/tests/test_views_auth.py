from django.core import mail
from django.test import override_settings
from django.urls import reverse

from lms.models import User
from lms.testing import PersonasTestCase


class SignInTests(PersonasTestCase):
    def test_a_person_signs_in_with_their_username(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "ada", "password": "pw"}
        )
        self.assertRedirects(response, reverse("courses:my-learning"))

    def test_a_person_signs_in_with_their_email_in_any_case(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "ADA@example.org", "password": "pw"}
        )
        self.assertRedirects(response, reverse("courses:my-learning"))

    def test_a_wrong_password_is_refused_with_a_message(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "ada", "password": "no"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_inactive_person_cannot_sign_in(self) -> None:
        User.objects.filter(pk=self.dev.pk).update(is_active=False)
        self.client.post(reverse("login"), {"username": "dev", "password": "pw"})
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_signing_out_needs_a_post(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(reverse("logout")).status_code, 405)
        self.client.post(reverse("logout"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, f"{reverse('login')}?next=/")


class LockoutTests(PersonasTestCase):
    def test_five_failures_lock_the_account_even_with_the_right_password(self) -> None:
        for _ in range(5):
            self.client.post(reverse("login"), {"username": "ada", "password": "guess"})
        response = self.client.post(
            reverse("login"), {"username": "ada", "password": "pw"}
        )
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "15", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_other_accounts_are_not_locked(self) -> None:
        for _ in range(5):
            self.client.post(reverse("login"), {"username": "ada", "password": "guess"})
        response = self.client.post(
            reverse("login"), {"username": "dev", "password": "pw"}
        )
        self.assertRedirects(response, reverse("courses:my-learning"))


class PasswordResetTests(PersonasTestCase):
    def test_a_reset_link_is_emailed_and_sets_a_new_password(self) -> None:
        self.client.post(reverse("password_reset"), {"email": "ada@example.org"})
        self.assertEqual(len(mail.outbox), 1)
        link = next(
            line
            for line in mail.outbox[0].body.splitlines()
            if "/accounts/reset/" in line
        )
        path = link[link.index("/accounts/reset/") :]
        response = self.client.get(path, follow=True)
        form_url = response.redirect_chain[-1][0]
        self.client.post(
            form_url,
            {
                "new_password1": "A-much-longer-one-42",
                "new_password2": "A-much-longer-one-42",
            },
        )
        self.ada.refresh_from_db()
        self.assertTrue(self.ada.check_password("A-much-longer-one-42"))

    def test_an_unknown_address_sends_nothing_and_says_the_same(self) -> None:
        response = self.client.post(
            reverse("password_reset"), {"email": "nobody@example.org"}
        )
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(mail.outbox, [])


class LanguageTests(PersonasTestCase):
    def test_a_signed_in_person_s_choice_is_remembered(self) -> None:
        self.client.force_login(self.ada)
        self.client.post(reverse("set-language"), {"language": "en", "next": "/"})
        self.ada.refresh_from_db()
        self.assertEqual(self.ada.preferred_language, "en")
        response = self.client.get(reverse("home"))
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "My profile")

    def test_the_preference_applies_in_a_new_session(self) -> None:
        User.objects.filter(pk=self.ada.pk).update(preferred_language="fr")
        self.client.force_login(self.ada)
        response = self.client.get(reverse("home"))
        self.assertContains(response, '<html lang="fr">')
        self.assertContains(response, "Mon profil")

    def test_an_anonymous_visitor_switches_by_cookie(self) -> None:
        self.client.post(
            reverse("set-language"), {"language": "en", "next": "/accounts/login/"}
        )
        response = self.client.get(reverse("login"))
        self.assertContains(response, "Sign in")

    def test_an_unknown_language_changes_nothing(self) -> None:
        self.client.force_login(self.ada)
        self.client.post(reverse("set-language"), {"language": "xx"})
        self.ada.refresh_from_db()
        self.assertEqual(self.ada.preferred_language, "fr")

    def test_an_offsite_next_url_is_ignored(self) -> None:
        response = self.client.post(
            reverse("set-language"), {"language": "en", "next": "https://evil.example/"}
        )
        self.assertEqual(response["Location"], "/")

    @override_settings(CSRF_FAILURE_VIEW="django.views.csrf.csrf_failure")
    def test_a_forged_switch_without_csrf_token_is_refused(self) -> None:
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.ada)
        response = client.post(reverse("set-language"), {"language": "en"})
        self.assertEqual(response.status_code, 403)
        self.ada.refresh_from_db()
        self.assertEqual(self.ada.preferred_language, "fr")


class SecurityHeaderTests(PersonasTestCase):
    def test_pages_carry_a_content_security_policy_without_other_hosts(self) -> None:
        response = self.client.get(reverse("login"))
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("script-src 'self'", policy)
        # The one other origin: the content origin, which pages may frame.
        directives = dict(
            part.strip().split(" ", 1) for part in policy.split(";") if part.strip()
        )
        self.assertEqual(directives["frame-src"], "'self' http://localhost:*")
        del directives["frame-src"]
        self.assertNotIn("http", "; ".join(directives.values()))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")
