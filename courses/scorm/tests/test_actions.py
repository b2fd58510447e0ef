"""SCORM packages: both versions import; hostile and broken ones are refused whole."""

import json
import re
import shutil
import stat
import zipfile
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path
from unittest import skipUnless

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from courses import actions
from courses.demo.builders import make_activity_lesson
from courses.demo.scorm_packages import (
    MANIFEST_12,
    MANIFEST_2004,
    scorm_2004,
    scorm_zip,
)
from courses.scorm.actions import import_scorm
from courses.scorm.manifest import ScormError
from courses.scorm.models import ScormPackage, ScormSco
from courses.testing import CatalogueTestCase
from courses.testing.content import content_get, open_sco
from lms.testing import build_personas

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "scorm"
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-scorm"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<manifest identifier="x"><organizations><organization identifier="o">
<title>&lol2;</title></organization></organizations></manifest>"""


@override_settings(MEDIA_ROOT=MEDIA)
class ScormImportTests(TestCase):
    def setUp(self) -> None:
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def assert_refused(self, package: BytesIO, reason: str) -> None:
        with self.assertRaises(ScormError) as refused:
            import_scorm(package)
        self.assertIn(reason, " ".join(refused.exception.problems))
        self.assertFalse(ScormPackage.objects.exists())
        self.assertEqual(
            list((MEDIA / "scorm").glob("*")) if MEDIA.exists() else [], []
        )

    def test_scorm_12_reads_items_parameters_mastery_and_hidden_items(self) -> None:
        package = import_scorm(scorm_zip())
        self.assertEqual((package.version, package.edition), ("1.2", ""))
        self.assertEqual(package.title, "Password basics")
        first, hidden = package.scos.all()
        self.assertEqual(first.launch, "sco1/index.html?lang=fr")
        self.assertEqual(first.mastery_score, Decimal(80))
        self.assertEqual(first.data_from_lms, "mode=short")
        self.assertFalse(hidden.visible)
        self.assertFalse(hidden.counts)
        self.assertTrue(
            (MEDIA / "scorm" / str(package.key) / "sco1/index.html").exists()
        )

    def test_scorm_2004_reads_the_default_organization_nested_items_and_rules(
        self,
    ) -> None:
        package = import_scorm(scorm_2004())
        self.assertEqual((package.version, package.edition), ("2004", "4th"))
        self.assertEqual(package.title, "Phishing awareness")
        scos = {sco.identifier: sco for sco in package.scos.all()}
        self.assertEqual(list(scos), ["sco_a", "sco_b", "glossary"])
        self.assertEqual(scos["sco_a"].launch, "content/a.html")
        self.assertEqual(scos["sco_b"].launch, "content/b.html?step=1")
        self.assertEqual(scos["sco_a"].scaled_passing_score, Decimal("0.7"))
        self.assertFalse(scos["glossary"].is_sco)
        chapter = package.structure[0]
        self.assertEqual(chapter["title"], "Spot it")
        self.assertEqual(
            [child["identifier"] for child in chapter["children"]], ["sco_a", "sco_b"]
        )

    def test_deleting_a_package_removes_its_files(self) -> None:
        package = import_scorm(scorm_zip())
        folder = MEDIA / "scorm" / str(package.key)
        with self.captureOnCommitCallbacks(execute=True):
            package.delete()
        self.assertFalse(folder.exists())

    def test_editions_are_told_apart(self) -> None:
        for declared, edition in (
            ("CAM 1.3", "2nd"),
            ("2004 3rd Edition", "3rd"),
            ("2004 4th Edition", "4th"),
        ):
            with self.subTest(declared=declared):
                manifest = MANIFEST_2004.replace("2004 4th Edition", declared)
                self.assertEqual(import_scorm(scorm_zip(manifest)).edition, edition)

    def test_malformed_xml_is_refused(self) -> None:
        self.assert_refused(
            scorm_zip(MANIFEST_12.replace("</organization>", "")), "not well-formed"
        )

    def test_entity_expansion_is_refused(self) -> None:
        self.assert_refused(scorm_zip(BILLION_LAUGHS), "not well-formed")

    def test_a_manifest_not_at_the_root_is_refused(self) -> None:
        self.assert_refused(
            scorm_zip(manifest_path="course/imsmanifest.xml"), "root of the zip"
        )

    def test_a_zip_without_manifest_is_refused(self) -> None:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("index.html", "<p>hi</p>")
        self.assert_refused(buffer, "imsmanifest.xml is missing")

    def test_a_missing_organization_is_refused(self) -> None:
        start = MANIFEST_12.index("<organizations")
        end = MANIFEST_12.index("</organizations>") + len("</organizations>")
        manifest = MANIFEST_12[:start] + "<organizations/>" + MANIFEST_12[end:]
        self.assert_refused(scorm_zip(manifest), "no organization")

    def test_a_missing_launch_file_is_refused(self) -> None:
        manifest = MANIFEST_12.replace(
            'href="sco2/index.html"', 'href="sco2/gone.html"'
        )
        self.assert_refused(scorm_zip(manifest), "sco2/gone.html")

    def test_an_unknown_resource_and_an_external_launch_are_refused(self) -> None:
        self.assert_refused(
            scorm_zip(
                MANIFEST_12.replace('identifierref="res_2"', 'identifierref="x"')
            ),
            "resource x",
        )
        self.assert_refused(
            scorm_zip(
                MANIFEST_12.replace(
                    'href="sco1/index.html">', 'href="https://evil.example/">'
                )
            ),
            "external address",
        )

    def test_a_launch_path_escaping_the_package_is_refused(self) -> None:
        manifest = MANIFEST_12.replace(
            'href="sco1/index.html">', 'href="../../etc/passwd">'
        )
        self.assert_refused(scorm_zip(manifest), "missing from the zip")

    def test_zip_hazards_are_refused(self) -> None:
        cases = {
            "Unsafe path": scorm_zip(files={"../evil.html": b"x"}),
            "zip bomb": scorm_zip(files={"big.txt": b"0" * (20 * 1024 * 1024)}),
            "Duplicate name": scorm_zip(files={"SCO1/INDEX.html": b"x"}),
        }
        link = scorm_zip()
        with zipfile.ZipFile(link, "a") as archive:
            info = zipfile.ZipInfo("sco1/link.html")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
        link.seek(0)
        cases["Symbolic links"] = link
        for reason, package in cases.items():
            with self.subTest(reason=reason):
                self.assert_refused(package, reason)

    def test_a_file_that_is_not_a_zip_is_refused(self) -> None:
        self.assert_refused(BytesIO(b"not a zip"), "not a valid SCORM")

    def test_the_command_prints_id_version_and_scos_or_the_reason(self) -> None:
        path = MEDIA / "in.zip"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(scorm_2004().getvalue())
        out = StringIO()
        call_command("import_scorm", str(path), "--title", "Phishing", stdout=out)
        package = ScormPackage.objects.get()
        self.assertEqual(
            out.getvalue().strip(), f"{package.pk} SCORM 2004 (4th) 2 SCO(s)"
        )
        self.assertEqual(package.title, "Phishing")
        path.write_bytes(scorm_zip(manifest_path="x/imsmanifest.xml").getvalue())
        with self.assertRaisesMessage(CommandError, "root of the zip"):
            call_command("import_scorm", str(path))
        with self.assertRaisesMessage(CommandError, "No organisation 'nowhere'"):
            call_command("import_scorm", str(path), "--organisation", "nowhere")
        self.assertEqual(ScormPackage.objects.count(), 1)


@skipUnless(
    FIXTURES.is_dir(), "shared/fixtures/scorm is absent (a fresh clone has none)"
)
@override_settings(MEDIA_ROOT=MEDIA)
class ScormFixtureTests(CatalogueTestCase):
    """Every real package in ../shared/fixtures/scorm (Rustici's Golf examples)."""

    EXPECTED = {
        "singlescobasic.zip": ("1.2", "", 1),
        "RuntimeBasicCalls_SCORM20043rdEdition.zip": ("2004", "3rd", 1),
    }
    REFUSED = {
        "MalformedXml_SCORM12.zip": "not well-formed XML",
        "badscorm.zip": "must be at the root of the zip",
    }

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def test_every_valid_fixture_imports_with_its_version_and_scos(self) -> None:
        found = sorted(p.name for p in FIXTURES.glob("*.zip"))
        self.assertEqual(found, sorted(self.EXPECTED))
        for name, (version, edition, scos) in self.EXPECTED.items():
            with self.subTest(name=name), (FIXTURES / name).open("rb") as handle:
                package = import_scorm(handle)
                self.assertEqual((package.version, package.edition), (version, edition))
                self.assertEqual(package.scos.filter(is_sco=True).count(), scos)
                self.assert_plays(package)

    def assert_plays(self, package: ScormPackage) -> None:
        """The player page renders with the package's API and launch file."""
        lesson = make_activity_lesson(
            self.section,
            slug=f"golf-{package.pk}",
            block={"type": "scorm", "value": {"package": package.pk}},
        )
        actions.enrol(self.ada, lesson.course)
        self.client.force_login(self.ada)
        player = self.client.get(
            reverse("scorm:player", args=[lesson.pk, lesson.blocks_of("scorm")[0].id])
        )
        self.assertContains(player, f'"version": "{package.version}"')
        launch = package.scos.first().launch
        runtime = json.loads(
            re.search(
                r'<script id="scorm-runtime" type="application/json">(.*?)</script>',
                player.content.decode(),
            )[1]
        )
        _wrapper, sco_url = open_sco(self.client, runtime)
        self.assertTrue(sco_url.endswith(f"/files/{launch}"), sco_url)
        served = content_get(self.client, sco_url)
        self.assertEqual(served.status_code, 200)
        self.assertIn(b"scormfunctions.js", b"".join(served.streaming_content))

    def test_every_invalid_fixture_is_refused_with_its_reason(self) -> None:
        found = sorted(p.name for p in (FIXTURES / "invalid").glob("*.zip"))
        self.assertEqual(found, sorted(self.REFUSED))
        for name, reason in self.REFUSED.items():
            with (
                self.subTest(name=name),
                (FIXTURES / "invalid" / name).open("rb") as handle,
                self.assertRaises(ScormError) as refused,
            ):
                import_scorm(handle)
            self.assertIn(reason, " ".join(refused.exception.problems))
        self.assertFalse(ScormPackage.objects.exists())
        self.assertFalse(ScormSco.objects.exists())


@override_settings(MEDIA_ROOT=MEDIA)
class ScormUploadTests(TestCase):
    URL = reverse("scorm_admin:upload")

    @classmethod
    def setUpTestData(cls) -> None:
        build_personas(cls)

    def setUp(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def upload(self, content: bytes, name: str = "course.zip"):
        return self.client.post(
            self.URL, {"file": SimpleUploadedFile(name, content), "title": ""}
        )

    def test_an_author_uploads_a_package_for_their_town(self) -> None:
        self.client.force_login(self.aurore)
        self.upload(scorm_2004().getvalue())
        package = ScormPackage.objects.get()
        self.assertEqual(
            (package.organisation, package.uploaded_by), (self.town, self.aurore)
        )

    def test_a_broken_package_is_refused_with_its_reason_in_french(self) -> None:
        self.client.force_login(self.aurore)
        response = self.upload(scorm_zip(manifest_path="x/imsmanifest.xml").getvalue())
        self.assertContains(response, "à la racine du zip")
        self.assertFalse(ScormPackage.objects.exists())

    def test_only_zip_files(self) -> None:
        self.client.force_login(self.aurore)
        response = self.upload(b"x", name="course.exe")
        self.assertContains(response, ".zip")
        self.assertFalse(ScormPackage.objects.exists())

    def test_who_may_not_upload(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.upload(scorm_2004().getvalue())
        self.client.logout()
        self.assertEqual(self.upload(scorm_2004().getvalue()).status_code, 302)
        self.assertFalse(ScormPackage.objects.exists())

    def test_authors_and_hr_see_the_package_lists_learners_do_not(self) -> None:
        import_scorm(scorm_2004(), organisation=self.town)
        scorm_list = reverse("wagtailsnippets_courses_scormpackage:list")
        h5p_list = reverse("wagtailsnippets_courses_h5ppackage:list")
        for person in (self.aurore, self.cleo):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertContains(self.client.get(scorm_list), "SCORM 2004 (4th)")
                self.assertEqual(self.client.get(h5p_list).status_code, 200)
        for person in (self.ada, self.ben, self.eli):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertNotEqual(self.client.get(scorm_list).status_code, 200)
                self.assertNotEqual(self.client.get(h5p_list).status_code, 200)
