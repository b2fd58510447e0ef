"""A scanned signed sheet: PDF, PNG or JPEG only, read from its content; a
hostile, damaged or oversized file changes nothing; only the session's trainers
and the running town's HR upload or download it."""

from __future__ import annotations

import io
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses.training.actions import attendance as attendance_actions
from courses.training.models import SignedSheet
from courses.training.tests.base import TrainingTestCase


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class SignedSheetTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.session.trainers.add(self.dev)
        self.session.save()
        self.url = reverse("training:upload-sheet", args=[self.session.pk])

    def upload(self, name: str, content: bytes, kind: str) -> object:
        return self.client.post(
            self.url, {"file": SimpleUploadedFile(name, content, content_type=kind)}
        )

    def test_hr_uploads_a_png_and_the_trainer_downloads_it(self) -> None:
        self.client.force_login(self.cleo)
        response = self.upload("feuille signée.png", png(), "image/png")
        self.assertRedirects(
            response, reverse("training:attendance", args=[self.session.pk])
        )
        sheet = SignedSheet.objects.get()
        self.assertEqual(
            (sheet.content_type, sheet.name), ("image/png", "feuille_signée.png")
        )
        self.client.force_login(self.dev)
        response = self.client.get(sheet.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertEqual(response.content, png())
        self.assertIn("attachment", response["Content-Disposition"])

    def test_a_pdf_is_named_by_its_content(self) -> None:
        self.client.force_login(self.dev)
        self.upload("scan.jpg", PDF, "image/jpeg")
        self.assertEqual(SignedSheet.objects.get().name, "scan.pdf")

    def test_hostile_or_damaged_files_change_nothing(self) -> None:
        """A page posing as a PDF, an allowed-looking GIF, a cut PNG, a PDF
        without its end, an empty file."""
        self.client.force_login(self.cleo)
        gif = io.BytesIO()
        Image.new("RGB", (2, 2)).save(gif, "GIF")
        for name, content, kind in (
            ("sheet.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
            ("sheet.png", gif.getvalue(), "image/png"),
            ("sheet.png", png()[:40], "image/png"),
            ("sheet.pdf", PDF[:20], "application/pdf"),
            ("sheet.pdf", b"", "application/pdf"),
        ):
            response = self.upload(name, content, kind)
            self.assertEqual(response.status_code, 302)
        self.assertFalse(SignedSheet.objects.exists())
        page = self.client.get(reverse("training:attendance", args=[self.session.pk]))
        self.assertContains(page, "Aucun scan déposé pour l’instant.")

    def test_the_error_says_which_files_are_accepted(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            self.url,
            {
                "file": SimpleUploadedFile(
                    "x.pdf", b"MZ\x90\x00binary", "application/pdf"
                )
            },
            follow=True,
        )
        self.assertContains(response, "Déposez le scan au format PDF, PNG ou JPEG.")

    def test_a_file_over_the_limit_is_refused(self) -> None:
        self.client.force_login(self.cleo)
        with mock.patch.object(attendance_actions, "MAX_SHEET_BYTES", len(PDF) - 1):
            response = self.upload("sheet.pdf", PDF, "application/pdf")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(SignedSheet.objects.exists())

    def test_learners_managers_and_another_towns_hr_may_not_upload(self) -> None:
        for outsider in (self.ada, self.ben, self.hugo, self.eli):
            self.client.force_login(outsider)
            self.assertEqual(
                self.upload("sheet.pdf", PDF, "application/pdf").status_code, 404
            )
        self.assertFalse(SignedSheet.objects.exists())

    def test_only_hr_and_trainers_download(self) -> None:
        sheet = SignedSheet.objects.create(
            session=self.session,
            name="s.pdf",
            content_type="application/pdf",
            size=len(PDF),
            data=PDF,
        )
        for outsider in (self.ada, self.ben, self.hugo, self.eli):
            self.client.force_login(outsider)
            self.assertEqual(self.client.get(sheet.get_absolute_url()).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(sheet.get_absolute_url()).status_code, 302)
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(sheet.get_absolute_url()).content, PDF)
