"""Second factor (TOTP): enrolment, sign-in with a code, and who must use one."""

import datetime as dt
import time
from io import StringIO

import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.models import User
from lms.testing import BrowserTestCase, PersonasTestCase

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
STEP = dt.timedelta(seconds=30)


def code_of(device: TOTPDevice) -> str:
    """The code the person's app shows right now (the device's own parameters)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def next_code_of(device: TOTPDevice) -> str:
    """The code the app will show in the next time step (still accepted now)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0 - device.step)
    return f"{value:06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """A 6-digit code that is none of those the device accepts now."""
    accepted = {
        f"{totp(device.bin_key, t0=device.t0 + shift * device.step):06d}"
        for shift in (-1, 0, 1)
    }
    return next(
        c for c in ("000000", "111111", "222222", "333333") if c not in accepted
    )


def enrol(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


class SecondFactorTestCase(PersonasTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.traveller = time_machine.travel(NOW, tick=False)
        self.clock = self.traveller.start()
        self.addCleanup(self.traveller.stop)

    def give_password(self, username: str = "cleo", **data: str):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("login"), {"username": username, "password": "pw", **data}
        )

    def give_code(self, code: str):  # type: ignore[no-untyped-def]
        return self.client.post(reverse("security:verify"), {"code": code})

    def assert_signed_out(self) -> None:
        self.assertNotIn("_auth_user_id", self.client.session)

    def assert_verified_as(self, user: User) -> None:
        self.assertEqual(self.client.session["_auth_user_id"], str(user.pk))
        self.assertIn(DEVICE_ID_SESSION_KEY, self.client.session)


class EnrolmentTests(SecondFactorTestCase):
    def test_an_hr_admin_sees_a_qr_code_and_the_key_as_text(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("security:second-factor"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'src="data:image/svg+xml;base64,')
        device = TOTPDevice.objects.get(user=self.cleo)
        self.assertFalse(device.confirmed)
        secret = response.context["secret"]
        self.assertContains(response, secret)
        self.assertIn(secret.replace(" ", ""), device.config_url)

    def test_the_first_right_code_confirms_the_device(self) -> None:
        self.client.force_login(self.root)
        self.client.get(reverse("security:second-factor"))
        device = TOTPDevice.objects.get(user=self.root)
        response = self.client.post(
            reverse("security:second-factor"), {"code": code_of(device)}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assert_verified_as(self.root)

    def test_a_wrong_first_code_confirms_nothing(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(reverse("security:second-factor"))
        device = TOTPDevice.objects.get(user=self.cleo)
        response = self.client.post(
            reverse("security:second-factor"), {"code": wrong_code_for(device)}
        )
        self.assertContains(response, "Ce code n’est pas valide")
        self.assertContains(response, 'aria-invalid="true"')
        device.refresh_from_db()
        self.assertFalse(device.confirmed)

    def test_learners_managers_and_authors_may_not_enrol(self) -> None:
        for person in (self.ada, self.ben, self.aurore, self.eli):
            self.client.force_login(person)
            response = self.client.get(reverse("security:second-factor"))
            self.assertEqual(response.status_code, 403, person.username)
        self.assertFalse(TOTPDevice.objects.exists())

    def test_the_home_page_links_to_it_for_admins_only(self) -> None:
        link = reverse("security:second-factor")
        self.client.force_login(self.hugo)
        self.assertContains(self.client.get(reverse("home")), link)
        self.client.force_login(self.ada)
        self.assertNotContains(self.client.get(reverse("home")), link)

    def test_with_a_current_code_the_device_is_turned_off_then_re_enrolled(
        self,
    ) -> None:
        device = enrol(self.cleo)
        self.give_password()
        self.give_code(code_of(device))
        self.clock.shift(STEP)
        response = self.client.post(
            reverse("security:second-factor-off"), {"code": code_of(device)}
        )
        self.assertRedirects(response, reverse("security:second-factor"))
        self.assertFalse(TOTPDevice.objects.filter(pk=device.pk).exists())
        page = self.client.get(reverse("security:second-factor"))
        self.assertTemplateUsed(page, "lms/second_factor_enrol.html")
        fresh = TOTPDevice.objects.get(user=self.cleo)
        self.assertNotEqual(fresh.key, device.key)

    def test_a_wrong_code_does_not_turn_it_off(self) -> None:
        device = enrol(self.cleo)
        self.give_password()
        self.give_code(code_of(device))
        response = self.client.post(
            reverse("security:second-factor-off"), {"code": wrong_code_for(device)}
        )
        self.assertEqual(response.status_code, 400)
        self.assertTrue(TOTPDevice.objects.filter(pk=device.pk).exists())

    def test_a_platform_admin_removes_a_lost_device_from_the_command_line(
        self,
    ) -> None:
        enrol(self.hugo)
        out = StringIO()
        call_command("remove_second_factor", "HUGO@example.org", stdout=out)
        self.assertIn("1 device(s) removed for hugo", out.getvalue())
        self.assertFalse(TOTPDevice.objects.filter(user=self.hugo).exists())


class SignInWithCodeTests(SecondFactorTestCase):
    def test_the_password_alone_signs_nobody_in(self) -> None:
        enrol(self.cleo)
        response = self.give_password()
        self.assertRedirects(response, reverse("security:verify"))
        self.assert_signed_out()
        page = self.client.get(reverse("security:verify"))
        self.assertContains(page, 'autocomplete="one-time-code"')
        self.assertContains(page, 'inputmode="numeric"')
        self.assertContains(page, '<label for="id_code">')

    def test_the_right_code_signs_in_and_goes_where_asked(self) -> None:
        device = enrol(self.cleo)
        self.give_password(next="/people/")
        response = self.give_code(code_of(device))
        self.assertRedirects(response, "/people/")
        self.assert_verified_as(self.cleo)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_a_code_with_spaces_is_read(self) -> None:
        device = enrol(self.root)
        self.give_password("root")
        code = code_of(device)
        self.give_code(f"{code[:3]} {code[3:]}")
        self.assert_verified_as(self.root)

    def test_a_wrong_code_is_refused_clearly_and_counted(self) -> None:
        device = enrol(self.cleo)
        self.give_password()
        response = self.give_code(wrong_code_for(device))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertContains(response, "Ce code n’est pas valide")
        self.assert_signed_out()
        self.assertEqual(
            AccessAttempt.objects.get(username="cleo").failures_since_start, 1
        )

    def test_a_code_already_used_is_refused(self) -> None:
        device = enrol(self.cleo)
        code = code_of(device)
        self.give_password()
        self.give_code(code)
        self.client.post(reverse("logout"))
        self.give_password()
        response = self.give_code(code)
        self.assertContains(response, "Ce code n’est pas valide")
        self.assert_signed_out()

    def test_password_and_code_failures_share_the_account_lockout(self) -> None:
        """Two wrong passwords and three wrong codes lock the account: the right
        code is then refused too, for 15 minutes."""
        device = enrol(self.cleo)
        for _ in range(2):
            self.client.post(reverse("login"), {"username": "CLEO", "password": "no"})
        self.give_password("cleo@example.org")
        for attempt in range(3):
            response = self.give_code(wrong_code_for(device))
            # django-otp slows down guesses on the device itself: 1 s, 2 s, ...
            self.clock.shift(dt.timedelta(seconds=2**attempt))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "15 minutes", status_code=429)
        self.assertEqual(self.give_code(code_of(device)).status_code, 302)
        self.assertEqual(self.give_password().status_code, 429)
        self.assert_signed_out()

    def test_a_quick_retry_after_a_wrong_code_asks_to_wait(self) -> None:
        device = enrol(self.cleo)
        self.give_password()
        self.give_code(wrong_code_for(device))
        response = self.give_code(code_of(device))
        self.assertContains(response, "patientez quelques secondes")
        self.assert_signed_out()
        self.clock.shift(dt.timedelta(seconds=2))
        self.give_code(code_of(device))
        self.assert_verified_as(self.cleo)

    def test_the_code_step_expires_after_five_minutes(self) -> None:
        device = enrol(self.cleo)
        self.give_password()
        self.clock.shift(dt.timedelta(minutes=6))
        response = self.give_code(code_of(device))
        self.assertRedirects(response, reverse("login"))
        self.assert_signed_out()

    def test_the_code_step_needs_the_password_first(self) -> None:
        response = self.client.get(reverse("security:verify"))
        self.assertRedirects(response, reverse("login"))

    def test_nothing_else_is_reachable_before_the_code(self) -> None:
        enrol(self.root)
        self.give_password("root")
        for path in ("/", "/people/", "/admin/", "/admin/users/"):
            response = self.client.get(path)
            self.assertEqual(response.status_code, 302, path)
            self.assertIn(reverse("login"), response["Location"], path)

    def test_wagtail_s_own_sign_in_form_still_asks_for_the_code(self) -> None:
        """A password-only session opened through /admin/login/ is signed out
        at its first page and sent to the code step."""
        device = enrol(self.root)
        self.client.post(
            reverse("wagtailadmin_login"), {"username": "root", "password": "pw"}
        )
        response = self.client.get("/admin/")
        self.assertRedirects(response, reverse("security:verify"))
        self.assert_signed_out()
        self.assertRedirects(self.give_code(code_of(device)), "/admin/")
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_after_enrolling_elsewhere_the_next_sign_in_asks_for_the_code(
        self,
    ) -> None:
        """Any sign-in door (here a test login, as Wagtail's form would) leads to
        the code step once the account holds a device."""
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get("/people/").status_code, 200)
        enrol(self.cleo)
        self.client.logout()
        self.client.force_login(self.cleo)
        response = self.client.get("/people/")
        self.assertRedirects(response, reverse("security:verify"))

    def test_anonymous_back_office_visits_go_to_the_one_sign_in_page(self) -> None:
        response = self.client.get("/admin/")
        self.assertRedirects(response, f"{reverse('login')}?next=/admin/")

    def test_an_account_without_device_signs_in_with_the_password(self) -> None:
        response = self.give_password("hugo")
        self.assertRedirects(response, reverse("courses:my-learning"))
        self.assertEqual(self.client.get("/admin/").status_code, 200)


@override_settings(REQUIRE_SECOND_FACTOR=True)
class RequiredSecondFactorTests(SecondFactorTestCase):
    def test_hr_and_platform_admins_must_enrol_before_anything_else(self) -> None:
        enrol_url = reverse("security:second-factor")
        for person in (self.cleo, self.root):
            self.client.force_login(person)
            for path in ("/", "/people/", "/admin/", "/admin/users/"):
                response = self.client.get(path)
                self.assertRedirects(
                    response,
                    f"{enrol_url}?next={path.replace('/', '%2F')}",
                    msg_prefix=f"{person.username} {path}",
                )

    def test_a_session_opened_before_enrolling_elsewhere_must_give_the_code(
        self,
    ) -> None:
        self.client.force_login(self.root)
        enrol(self.root)
        response = self.client.get("/admin/")
        self.assertRedirects(response, reverse("security:verify"))
        self.assert_signed_out()

    def test_the_enrol_page_says_why_and_leads_back(self) -> None:
        self.client.force_login(self.hugo)
        page = self.client.get(reverse("security:second-factor"), {"next": "/admin/"})
        self.assertContains(page, "Votre rôle impose la connexion en deux étapes")
        device = TOTPDevice.objects.get(user=self.hugo)
        response = self.client.post(
            reverse("security:second-factor"),
            {"code": code_of(device), "next": "/admin/"},
        )
        self.assertRedirects(response, "/admin/")
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_learners_and_other_roles_are_never_forced(self) -> None:
        for person in (self.ada, self.ben, self.eli, self.aurore):
            self.client.force_login(person)
            self.assertEqual(self.client.get("/").status_code, 200, person.username)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_an_admin_may_still_sign_out_or_change_language(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(reverse("set-language"), {"language": "en", "next": "/"})
        self.cleo.refresh_from_db()
        self.assertEqual(self.cleo.preferred_language, "en")
        self.client.post(reverse("logout"))
        self.assert_signed_out()

    def test_turning_it_off_leads_straight_back_to_enrolment(self) -> None:
        device = enrol(self.cleo)
        self.give_password()
        self.give_code(code_of(device))
        self.clock.shift(STEP)
        self.client.post(
            reverse("security:second-factor-off"), {"code": code_of(device)}
        )
        response = self.client.get("/people/")
        self.assertRedirects(
            response, f"{reverse('security:second-factor')}?next=%2Fpeople%2F"
        )


class SecondFactorJourneyTests(BrowserTestCase):
    def test_an_hr_admin_enrols_then_signs_in_with_a_code(self) -> None:
        self.sign_in("cleo")
        self.page.goto(self.url("/"))
        self.page.click("text=Connexion en deux étapes")
        self.assertTrue(self.page.locator("img.qr-code").is_visible())
        self.assert_accessible()
        device = TOTPDevice.objects.get(user__username="cleo")
        self.page.fill("#id_code", code_of(device))
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        self.assertTrue(TOTPDevice.objects.get(pk=device.pk).confirmed)
        self.page.click("text=Se déconnecter")
        self.page.wait_for_url("**/accounts/login/")
        self.sign_in("cleo")
        self.assertIn("/accounts/login/code/", self.page.url)
        self.assert_accessible()
        self.page.fill("#id_code", wrong_code_for(device))
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        self.assertTrue(self.page.locator("[role=alert]").is_visible())
        self.assert_accessible()
        time.sleep(2)  # django-otp makes a second guess wait a second
        # The code enrolment used cannot serve again; the app's next one can.
        self.page.fill("#id_code", next_code_of(device))
        self.page.click("main button[type=submit]")
        self.page.wait_for_url("**/learning/")
