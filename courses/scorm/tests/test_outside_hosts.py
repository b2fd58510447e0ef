"""A package may load what it was written to load from other hosts, and only
that: found at import, named in its files' policy, shown to authors."""

import io
import shutil
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from courses import actions
from courses.demo.builders import make_activity_lesson
from courses.demo.scorm_packages import MANIFEST_12, scorm_zip
from courses.scorm import actions as scorm_actions
from courses.scorm.outside import outside_hosts
from courses.testing import CatalogueTestCase
from courses.testing.content import content_get, open_sco

MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-scorm-outside"
PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SCO</title>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<link rel="stylesheet" href="//fonts.example.org/css?family=Open+Sans">
<script src="local.js"></script></head>
<body><a href="https://www.scorm.com/">a link, not a load</a>
<img src="http://images.example.net:8080/logo.png" alt=""></body></html>"""
STYLE = b"@import url('https://cdn.example.com/base.css'); body { background: url(images/b.png) }"
SCRIPT = b'loadScript("https://widgets.example.com/embed/v2.js"); var home = "https://example.org/";'


def archive(files: dict[str, bytes]) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, content in files.items():
            out.writestr(name, content)
    opened = zipfile.ZipFile(buffer)
    return opened, opened.infolist()


class OutsideHostsTests(SimpleTestCase):
    def test_loads_are_found_links_are_not(self) -> None:
        found = outside_hosts(
            *archive({"a.html": PAGE, "s.css": STYLE, "x.js": SCRIPT, "n.txt": PAGE})
        )
        self.assertEqual(
            found,
            [
                "fonts.example.org",
                "http://images.example.net:8080",
                "https://cdn.example.com",
                "https://code.jquery.com",
                "https://widgets.example.com",
            ],
        )

    def test_a_package_that_loads_nothing_from_outside_names_nothing(self) -> None:
        self.assertEqual(outside_hosts(*archive({"a.html": b"<p>Hello</p>"})), [])

    def test_what_cannot_be_a_host_is_ignored(self) -> None:
        page = b'<script src="https://bad host;script-src *"></script><img src="//x">'
        self.assertEqual(outside_hosts(*archive({"a.html": page})), [])


@override_settings(MEDIA_ROOT=MEDIA)
class OutsideHostsPolicyTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def play(self, page: bytes) -> str:
        package = scorm_actions.import_scorm(
            scorm_zip(MANIFEST_12, files={"sco1/index.html": page})
        )
        lesson = make_activity_lesson(
            self.section,
            slug=f"outside-{package.pk}",
            block={"type": "scorm", "value": {"package": package.pk}},
        )
        actions.enrol(self.ada, lesson.course)
        self.client.force_login(self.ada)
        player = self.client.get(
            f"/learning/lessons/{lesson.pk}/scorm/{lesson.blocks_of('scorm')[0].id}/"
        )
        runtime = player.context["runtime"]
        _wrapper, sco_url = open_sco(self.client, runtime)
        return content_get(self.client, sco_url)["Content-Security-Policy"]

    def test_its_files_may_load_from_its_own_outside_hosts(self) -> None:
        policy = self.play(PAGE)
        directives = dict(
            part.strip().split(" ", 1) for part in policy.split(";") if "-src" in part
        )
        self.assertIn("https://code.jquery.com", directives["script-src"])
        self.assertIn("fonts.example.org", directives["style-src"])
        self.assertNotIn("code.jquery.com", directives["connect-src"])
        self.assertNotIn("code.jquery.com", directives["frame-src"])

    def test_a_package_without_outside_hosts_loads_from_nowhere_else(self) -> None:
        policy = self.play(b"<!DOCTYPE html><title>SCO</title><p>Hi</p>")
        self.assertNotIn("http", policy.replace("http://testserver", ""))


@override_settings(MEDIA_ROOT=MEDIA)
class OutsideHostsShownTests(CatalogueTestCase):
    def test_the_author_is_told_and_the_list_shows_them(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        self.client.force_login(self.aurore)
        upload = SimpleUploadedFile(
            "outside.zip",
            scorm_zip(MANIFEST_12, files={"sco1/index.html": PAGE}).getvalue(),
        )
        response = self.client.post(
            reverse("scorm_admin:upload"), {"file": upload}, follow=True
        )
        self.assertContains(response, "https://code.jquery.com")
        listing = self.client.get("/admin/snippets/courses/scormpackage/")
        self.assertContains(listing, "https://code.jquery.com")
