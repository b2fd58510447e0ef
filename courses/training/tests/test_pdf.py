"""The PDF attendance sheet lists the confirmed participants with their town,
the session's details and a signature column; only trainers and HR get it."""

from __future__ import annotations

import re
import zlib

from courses.training import actions
from courses.training.tests.base import TrainingTestCase


def pdf_text(content: bytes) -> str:
    """The text drawn in a PDF's (Flate-compressed) content streams."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S)
    text = []
    for stream in streams:
        try:
            text.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(text)


class SheetPdfTests(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.open_seats(self.session, self.other_town, 1)
        actions.register(self.ada, self.session)
        actions.register(self.marc, self.session)
        actions.cancel(actions.register(self.ben, self.session), by=self.ben)
        self.url = f"/learning/training/sessions/{self.session.pk}/sheet.pdf"

    def test_hr_downloads_the_sheet_with_the_right_people(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(self.url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        for expected in (
            "Ada Test",
            "Marc Test",
            "Montval",
            "Saint-Aubin",
            "Signature",
        ):
            self.assertIn(expected, text)
        self.assertIn("Atelier cybers", text)
        self.assertNotIn("Ben Test", text)

    def test_a_learner_or_another_towns_hr_gets_404(self) -> None:
        for outsider in (self.ada, self.hugo):
            self.client.force_login(outsider)
            self.assertEqual(self.client.get(self.url).status_code, 404)
