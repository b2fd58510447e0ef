"""The attestation: what it states, the town's logo and signature line, and the
public page where anyone types its code."""

import shutil
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from courses.certificates import certificate_pdf
from courses.models import Certificate, CourseCompetence, Enrolment
from courses.testing import CatalogueTestCase
from courses.tests.test_safe_defaults import _uncompressed
from lms.testing import make_image
from skills.actions import load_digcomp

MEDIA = Path(__file__).resolve().parents[2] / "var" / "test-media-certificates"


@override_settings(MEDIA_ROOT=MEDIA)
class AttestationTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        self.course.duration_minutes = 90
        self.course.save()
        competence = load_digcomp().competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.course, competence=competence, level=2
        )
        self.certificate = Certificate.objects.create(
            enrolment=Enrolment.objects.create(user=self.ada, course=self.course),
            holder_name="Ada Test",
            course_title="Cyber",
            organisation_name="Saint-Aubin",
        )

    def text(self, language: str = "fr") -> bytes:
        return _uncompressed(certificate_pdf(self.certificate, language=language))

    def test_it_states_duration_competences_and_a_signature_line(self) -> None:
        text = self.text()
        self.assertIn(b"1 h 30", text)
        self.assertIn(b"4.1", text)
        self.assertIn(b"niveau 2", text)
        self.assertIn(b"Pour Saint-Aubin", text)
        self.assertIn(b"Signature et cachet", text)
        english = self.text("en")
        self.assertIn(b"Duration: 1 h 30", english)
        self.assertIn(b"Signature and stamp", english)

    def test_it_carries_the_town_logo_when_there_is_one(self) -> None:
        self.assertNotIn(b"/Subtype /Image", self.text())
        self.town.logo = make_image(self.town.collection, "Logo Saint-Aubin")
        self.town.save()
        self.certificate.enrolment.user.refresh_from_db()
        self.assertIn(b"/Subtype /Image", self.text())


class VerificationFormTests(CatalogueTestCase):
    def test_anyone_types_a_code_and_reaches_its_page(self) -> None:
        response = self.client.get(reverse("courses:certificate-lookup"))
        self.assertContains(response, 'name="code"')
        response = self.client.get(
            reverse("courses:certificate-lookup"), {"code": " abcd-efgh-jk23 "}
        )
        self.assertRedirects(
            response,
            reverse("courses:certificate-verify", args=["ABCD-EFGH-JK23"]),
            fetch_redirect_response=False,
        )

    def test_an_unknown_code_says_so_and_offers_the_form_again(self) -> None:
        response = self.client.get(
            reverse("courses:certificate-verify", args=["NOPE-NOPE-NOPE"])
        )
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, 'name="code"', status_code=404)
