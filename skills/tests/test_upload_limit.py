"""A framework file over MAX_UPLOAD_BYTES (1 MB here) is cut off while it streams
in: the page says why and no framework is created."""

from django.test import override_settings

from lms.tests.upload_requests import MB, post_file
from skills.models import Framework
from skills.testing import SkillsTestCase

URL = "/admin/frameworks/"
FIELDS = {"name": "Roads", "slug": "roads", "version": "1"}


@override_settings(MAX_UPLOAD_BYTES=MB)
class FrameworkUploadLimitTests(SkillsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.cleo)

    def test_a_file_over_the_limit_is_refused_unread(self) -> None:
        response, read, total = post_file(
            self.client, URL, FIELDS, size=3 * MB, filename="roads.csv"
        )
        self.assertContains(response, "Le fichier dépasse 1 Mo.")
        self.assertLess(read, total // 10)
        self.assertFalse(Framework.objects.filter(slug="roads").exists())

    def test_a_file_under_the_limit_reaches_the_form(self) -> None:
        """Under the streaming limit, the form's own 2 MB rule still speaks."""
        response, _, _ = post_file(
            self.client, URL, FIELDS, size=MB // 2, filename="roads.exe"
        )
        self.assertContains(
            response, "Déposez un fichier .csv ou .json de 2 Mo au plus."
        )
        self.assertNotContains(response, "Le fichier dépasse")
