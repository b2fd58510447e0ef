"""H5P and SCORM uploads over MAX_UPLOAD_BYTES (1 MB here) are cut off while they
stream in: the page says why and no package is stored."""

import shutil
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from courses.demo.scorm_packages import scorm_2004
from courses.h5p.models import H5PPackage
from courses.scorm.models import ScormPackage
from lms.testing import build_personas
from lms.tests.upload_requests import MB, post_file

MEDIA = Path(__file__).resolve().parents[2] / "var" / "test-media-upload-limit"
REFUSED = "Le fichier dépasse 1 Mo."


@override_settings(MAX_UPLOAD_BYTES=MB, MEDIA_ROOT=MEDIA)
class PackageUploadLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        build_personas(cls)

    def setUp(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        self.client.force_login(self.aurore)

    def test_an_h5p_package_over_the_limit_is_refused_unread(self) -> None:
        response, read, total = post_file(
            self.client,
            reverse("h5p_admin:upload"),
            {"title": "Quiz"},
            size=3 * MB,
            filename="quiz.h5p",
        )
        self.assertContains(response, REFUSED)
        self.assertLess(read, total // 10)
        self.assertFalse(H5PPackage.objects.exists())

    def test_a_scorm_package_over_the_limit_is_refused_unread(self) -> None:
        response, read, total = post_file(
            self.client,
            reverse("scorm_admin:upload"),
            {"title": "Module"},
            size=3 * MB,
            filename="module.zip",
        )
        self.assertContains(response, REFUSED)
        self.assertLess(read, total // 10)
        self.assertFalse(ScormPackage.objects.exists())
        self.assertFalse(MEDIA.exists() and any(MEDIA.rglob("*.*")))

    def test_a_scorm_package_under_the_limit_is_imported(self) -> None:
        self.client.post(
            reverse("scorm_admin:upload"),
            {
                "title": "",
                "file": SimpleUploadedFile("module.zip", scorm_2004().getvalue()),
            },
        )
        self.assertEqual(ScormPackage.objects.get().organisation, self.town)
