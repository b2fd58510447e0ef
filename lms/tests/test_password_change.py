"""Signed-in people change their password on the site's own pages; before, Django's
admin templates answered and the page failed (no admin site is installed)."""

from django.urls import reverse

from lms.testing import PersonasTestCase


class PasswordChangeTests(PersonasTestCase):
    def test_a_signed_in_person_changes_their_password(self) -> None:
        self.client.force_login(self.ada)
        self.assertContains(
            self.client.get(reverse("password_change")), "Changer votre mot de passe"
        )
        response = self.client.post(
            reverse("password_change"),
            {
                "old_password": "pw",
                "new_password1": "a-much-longer-passphrase-42",
                "new_password2": "a-much-longer-passphrase-42",
            },
            follow=True,
        )
        self.assertContains(response, "Votre mot de passe a été modifié")
        self.ada.refresh_from_db()
        self.assertTrue(self.ada.check_password("a-much-longer-passphrase-42"))

    def test_an_anonymous_visitor_is_sent_to_sign_in(self) -> None:
        response = self.client.get(reverse("password_change"))
        self.assertRedirects(
            response,
            f"{reverse('login')}?next={reverse('password_change')}",
            fetch_redirect_response=False,
        )
