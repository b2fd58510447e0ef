"""A hostile H5P library (an SVG that runs script when opened) never runs on the
site's origin, and on the content origin it is an inert document."""

import shutil
from pathlib import Path

from django.test import override_settings

from courses.demo.h5p_packages import build, library_json, valid_files
from courses.h5p.actions import import_h5p
from courses.testing.content import content_get
from lms.testing import BrowserTestCase, PersonasTestCase

MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-h5p-hostile"
EVIL_SVG = """<svg xmlns="http://www.w3.org/2000/svg" onload="document.documentElement.setAttribute('data-ran', 'onload')">
<script>document.documentElement.setAttribute("data-ran", "script");
fetch("/admin/users/").then(r => document.documentElement.setAttribute("data-fetched", r.status));</script>
<circle r="10"/></svg>"""
SVG_PATH = "/c/h5p/libraries/H5P.Evil-1.0/evil.svg"


def hostile_package():
    files = valid_files()
    files["H5P.Mini-1.0/library.json"] = library_json(
        "H5P.Mini", deps=["H5P.Base", "H5P.Evil"]
    )
    files["H5P.Evil-1.0/library.json"] = library_json("H5P.Evil")
    files["H5P.Evil-1.0/app.js"] = "// evil"
    files["H5P.Evil-1.0/evil.svg"] = EVIL_SVG
    return build(files)


@override_settings(MEDIA_ROOT=MEDIA)
class HostileLibraryTests(PersonasTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        import_h5p(hostile_package(), uploaded_by=self.root)

    def test_the_site_never_serves_it(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(SVG_PATH).status_code, 404)
        self.assertEqual(
            self.client.get("/media/h5p/libraries/H5P.Evil-1.0/evil.svg").status_code,
            404,
        )

    def test_the_content_origin_serves_it_as_an_inert_document(self) -> None:
        response = content_get(self.client, SVG_PATH)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Security-Policy"], "sandbox; default-src 'none'"
        )
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")


@override_settings(MEDIA_ROOT=MEDIA)
class HostileLibraryBrowserTests(BrowserTestCase):
    def test_opened_by_a_link_its_script_never_runs(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        import_h5p(hostile_package(), uploaded_by=self.root)
        # A signed-in HR admin, with the policies enforced (no bypass).
        self.context.close()
        self.context = self.browser.new_context(locale="fr-FR")
        self.page = self.context.new_page()
        self.sign_in("cleo")
        content = self.live_server_url.replace("127.0.0.1", "localhost")
        response = self.page.goto(content + SVG_PATH)
        self.assertEqual(response.status, 200)
        self.page.wait_for_timeout(300)
        ran = self.page.evaluate(
            "() => [document.documentElement.getAttribute('data-ran'),"
            " document.documentElement.getAttribute('data-fetched')]"
        )
        self.assertEqual(ran, [None, None])
        self.assertEqual(self.page.request.get(self.url(SVG_PATH)).status, 404)
