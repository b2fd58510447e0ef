"""Uploads over MAX_UPLOAD_BYTES are cut off while they stream in: the server
stops reading, the page says "The file is larger than N MB" and nothing is stored.
The limit is set to 1 MB here; uploads below it go through as before."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms.models import ImportJob
from lms.testing import PersonasTestCase
from lms.tests.test_people_file import csv_bytes
from lms.tests.upload_requests import MB, post_file
from lms.uploads import UploadLimitHandler, upload_was_cut_off

REFUSED = "Le fichier dépasse 1 Mo."
# Django reads a multipart body 64 KB at a time.
CHUNK = 64 * 1024


@override_settings(MAX_UPLOAD_BYTES=MB)
class UploadLimitHandlerTests(SimpleTestCase):
    def handler(self, declared: int) -> UploadLimitHandler:
        request = RequestFactory().post("/")
        handler = UploadLimitHandler(request)
        handler.handle_raw_input(None, request.META, declared, b"b")
        handler.new_file("file", "big.bin", "application/octet-stream", declared)
        return handler

    def test_it_counts_the_bytes_as_they_arrive(self) -> None:
        """Whatever length the request declared, reading stops at the first chunk
        past the limit."""
        handler = self.handler(declared=1000)
        for _ in range(MB // CHUNK):
            self.assertEqual(len(handler.receive_data_chunk(b"x" * CHUNK, 0)), CHUNK)
        with self.assertRaises(StopUpload) as stopped:
            handler.receive_data_chunk(b"x", 0)
        self.assertTrue(stopped.exception.connection_reset)
        self.assertTrue(upload_was_cut_off(handler.request))

    def test_a_body_declared_too_large_is_refused_before_its_file_is_read(
        self,
    ) -> None:
        with self.assertRaises(StopUpload):
            self.handler(declared=3 * MB)

    def test_a_body_within_the_limit_is_left_alone(self) -> None:
        handler = self.handler(declared=MB)
        handler.receive_data_chunk(b"x" * MB, 0)
        self.assertFalse(upload_was_cut_off(handler.request))


@override_settings(MAX_UPLOAD_BYTES=MB)
class PeopleImportUploadTests(PersonasTestCase):
    URL = reverse("lms_admin:people-import")

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.cleo)

    def test_a_file_declared_over_the_limit_is_not_read(self) -> None:
        response, read, total = post_file(
            self.client,
            self.URL,
            {"organisation": self.town.pk},
            size=4 * MB,
            filename="people.csv",
        )
        self.assertContains(response, REFUSED)
        self.assertLess(read, 2 * CHUNK)
        self.assertGreater(total, 4 * MB)
        self.assertFalse(ImportJob.objects.exists())

    def test_a_file_is_cut_off_once_it_passes_the_limit(self) -> None:
        """Declared within the room for a form's other fields, the file is still
        counted as it arrives and not read past the limit."""
        response, read, total = post_file(
            self.client,
            self.URL,
            {"organisation": self.town.pk},
            size=MB + MB // 2,
            filename="people.csv",
        )
        self.assertContains(response, REFUSED)
        self.assertLessEqual(read, MB + 2 * CHUNK)
        self.assertGreater(total, read + MB // 4)
        self.assertFalse(ImportJob.objects.exists())

    def test_a_file_under_the_limit_is_imported(self) -> None:
        content = csv_bytes("N1,Durand,Léa,lea@example.org,staff,ENG,,,,fr,yes")
        response = self.client.post(
            self.URL,
            {
                "organisation": self.town.pk,
                "file": SimpleUploadedFile("people.csv", content),
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ImportJob.objects.get().filename, "people.csv")


@override_settings(MAX_UPLOAD_BYTES=MB)
class WagtailUploadTests(PersonasTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.root)

    def test_a_document_over_the_limit_is_refused_with_the_reason(self) -> None:
        response, read, _ = post_file(
            self.client,
            reverse("wagtaildocs:add"),
            {"title": "Rapport", "collection": Collection.get_first_root_node().pk},
            size=3 * MB,
            filename="rapport.pdf",
        )
        self.assertContains(response, REFUSED)
        self.assertLess(read, 2 * CHUNK)
        self.assertFalse(get_document_model().objects.exists())

    def test_a_document_under_the_limit_is_stored(self) -> None:
        response, _, _ = post_file(
            self.client,
            reverse("wagtaildocs:add"),
            {"title": "Rapport", "collection": Collection.get_first_root_node().pk},
            size=10_000,
            filename="rapport.pdf",
        )
        self.assertNotContains(response, REFUSED)
        document = get_document_model().objects.get()
        self.addCleanup(document.file.delete, False)
        self.assertEqual(document.title, "Rapport")

    def test_the_multiple_image_uploader_gets_the_reason_as_json(self) -> None:
        """Wagtail's uploader posts each file with XMLHttpRequest and shows the
        error_message of the answer."""
        response, read, _ = post_file(
            self.client,
            reverse("wagtailimages:add_multiple"),
            {"title": "Photo"},
            size=3 * MB,
            file_field="files[]",
            filename="photo.jpg",
            headers={"X-Requested-With": "XMLHttpRequest"},
        )
        self.assertEqual(response.json(), {"success": False, "error_message": REFUSED})
        self.assertLess(read, 2 * CHUNK)
        self.assertFalse(get_image_model().objects.exists())
