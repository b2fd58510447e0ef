"""The demo loader stays off real sites, and links that leave the site (attestation
PDFs, reminder e-mails, xAPI identifiers) use the one configured site address."""

import datetime as dt
import io
import tempfile
import zlib
from pathlib import Path

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from courses import actions
from courses.certificates import certificate_pdf
from courses.models import Assignment, Certificate, Enrolment
from courses.records import xapi
from courses.testing import CatalogueTestCase
from lms.models import Organisation, User
from lms.testing import run_manage

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://formation.saint-aubin.example"


class LoadDemoTests(TestCase):
    def test_it_refuses_to_run_when_debug_is_off(self) -> None:
        """With DEBUG off (as in production and in these tests) nothing is loaded
        and the command says why."""
        with self.assertRaisesMessage(CommandError, "DEBUG"):
            call_command("load_demo", stdout=io.StringIO())
        self.assertFalse(Organisation.objects.filter(slug="saint-aubin-demo").exists())
        self.assertFalse(User.objects.filter(username="admin").exists())

    @override_settings(DEBUG=True)
    def test_it_loads_the_demo_when_debug_is_on(self) -> None:
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        self.assertIn("Demo data ready.", out.getvalue())
        self.assertTrue(User.objects.filter(username="admin").exists())

    def test_manage_py_exits_non_zero_with_production_settings(self) -> None:
        """``manage.py load_demo`` with production settings stops before writing
        anything: a non-zero exit and the reason on stderr."""
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "empty.sqlite3"
            result = run_manage(
                "load_demo",
                SECRET_KEY="k" * 50,
                SITE_URL=SITE,
                CONTENT_ORIGIN="https://civicskills-content.example.net",
                DATABASE_URL=f"sqlite:///{database}",
            )
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            self.assertIn("DEBUG", result.stderr)
            self.assertFalse(database.exists() and database.stat().st_size > 0)


@override_settings(SITE_URL=SITE)
class SiteUrlLinkTests(CatalogueTestCase):
    def test_the_attestation_links_to_its_verification_page_on_the_site(
        self,
    ) -> None:
        enrolment = Enrolment.objects.create(user=self.ada, course=self.course)
        certificate = Certificate.objects.create(
            enrolment=enrolment,
            holder_name="Ada Test",
            course_title="Cyber",
            organisation_name="Saint-Aubin",
        )
        pdf = certificate_pdf(certificate, language="fr")
        link = f"{SITE}/learning/verify/{certificate.code}/".encode()
        self.assertIn(link, _uncompressed(pdf))

    def test_reminder_e_mails_link_to_the_course_on_the_site(self) -> None:
        actions.create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.FIXED,
            due_date=dt.date(2027, 1, 31),
            departments=[self.engineering],
        )
        actions.send_assignment_reminders(today=dt.date(2027, 1, 26))
        self.assertTrue(mail.outbox)
        for message in mail.outbox:
            self.assertIn(f"\n\n{SITE}/learn/", message.body)
            self.assertIn(f"/{self.course.slug}/", message.body)

    def test_xapi_identifiers_start_with_the_site_address(self) -> None:
        self.assertEqual(xapi.actor_for(self.ada)["account"]["homePage"], SITE)
        self.assertTrue(xapi.activity_iri("course", 1).startswith(f"{SITE}/xapi/"))


def _uncompressed(pdf: bytes) -> bytes:
    """The PDF with its deflated streams inflated, to search its text."""
    parts = [pdf]
    for chunk in pdf.split(b"stream\n")[1:]:
        body = chunk.split(b"\nendstream")[0]
        try:
            parts.append(zlib.decompress(body))
        except zlib.error:
            continue
    return b"".join(parts)
