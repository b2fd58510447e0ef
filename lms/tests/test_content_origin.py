"""The content origin answers only content, with no cookie; the site answers no
content (lms.content_origin)."""

from django.test import TestCase, override_settings
from django.test.client import RequestFactory

from lms.content_origin import content_origin, on_content_host
from lms.testing import PersonasTestCase

CONTENT = {"host": "localhost"}


class ContentHostTests(PersonasTestCase):
    def test_the_site_does_not_answer_on_the_content_host(self) -> None:
        """A package's script that calls the site's pages from its own origin
        reaches nothing, even with a signed-in browser."""
        self.client.force_login(self.cleo)  # an HR admin
        for path in ("/", "/admin/", "/admin/users/", "/people/", "/learning/"):
            with self.subTest(path=path):
                response = self.client.get(path, headers=CONTENT)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Set-Cookie", response)
                self.assertIn(b"course content only", response.content)
                self.assertIn(b"contenus de formation", response.content)
                self.assertIn(b"http://127.0.0.1:8000", response.content)  # the site

    def test_posts_change_nothing_there(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post("/admin/users/add/", {}, headers=CONTENT)
        self.assertEqual(response.status_code, 404)

    def test_no_cookie_is_read_or_set_on_the_content_host(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(
            "/static/courses/js/scorm-launch.js", headers=CONTENT
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.cookies, {})
        self.assertEqual(response["Referrer-Policy"], "no-referrer")
        # The session cookie was sent, yet the request is anonymous there.
        player = self.client.get("/c/h5p/libraries/missing.js", headers=CONTENT)
        self.assertEqual(player.status_code, 404)
        self.assertEqual(player.cookies, {})

    def test_content_routes_do_not_answer_on_the_site(self) -> None:
        self.client.force_login(self.cleo)
        for path in ("/c/h5p/libraries/x.js", "/c/scorm/whatever/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)


class OriginTests(TestCase):
    def test_development_puts_content_on_localhost_at_the_same_port(self) -> None:
        request = RequestFactory().get(
            "/", headers={"host": "127.0.0.1:8000"}, SERVER_PORT="8000"
        )
        self.assertEqual(content_origin(request), "http://localhost:8000")
        self.assertFalse(on_content_host(request))
        request = RequestFactory().get(
            "/", headers={"host": "localhost:8000"}, SERVER_PORT="8000"
        )
        self.assertTrue(on_content_host(request))

    @override_settings(
        CONTENT_ORIGIN="https://civicskills-content.example.net",
        ALLOWED_HOSTS=[
            "civicskills-content.example.net",
            "civicskills.example.org",
            "localhost",
        ],
    )
    def test_production_names_its_content_origin(self) -> None:
        request = RequestFactory().get("/", headers={"host": "civicskills.example.org"})
        self.assertEqual(
            content_origin(request), "https://civicskills-content.example.net"
        )
        self.assertFalse(on_content_host(request))
        content = RequestFactory().get(
            "/", headers={"host": "civicskills-content.example.net"}
        )
        self.assertTrue(on_content_host(content))
        # localhost is not special any more
        self.assertFalse(
            on_content_host(RequestFactory().get("/", headers={"host": "localhost"}))
        )


class NoOutsideHostTests(PersonasTestCase):
    def test_the_back_office_calls_no_outside_host(self) -> None:
        """No Gravatar (a hash of the e-mail address), no release check."""
        self.client.force_login(self.root)
        page = self.client.get("/admin/").content.decode()
        self.assertNotIn("gravatar.com", page)
        self.assertNotIn("w-upgrade", page)  # the release check's panel
