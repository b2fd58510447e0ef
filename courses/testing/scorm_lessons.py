"""A one-lesson course playing a small SCORM package, for the SCORM tests."""

import json
import re
import shutil
from pathlib import Path
from typing import Any

from django.test import Client, override_settings
from django.urls import reverse

from courses import actions
from courses.demo.builders import make_activity_lesson
from courses.demo.scorm_packages import scorm_2004
from courses.scorm import actions as scorm_actions
from courses.testing import CatalogueTestCase

MEDIA = Path(__file__).resolve().parents[2] / "var" / "test-media-scorm-play"


@override_settings(MEDIA_ROOT=MEDIA)
class ScormLessonTestCase(CatalogueTestCase):
    """Ada is enrolled in a one-lesson course whose lesson plays ``package()``."""

    def package(self):
        return scorm_2004()

    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        self.scorm = scorm_actions.import_scorm(self.package())
        self.lesson = make_activity_lesson(
            self.section,
            slug="scorm",
            block={"type": "scorm", "value": {"package": self.scorm.pk}},
        )
        self.course_scorm = self.lesson.course
        self.block_id = self.lesson.blocks_of("scorm")[0].id
        self.player_url = reverse("scorm:player", args=[self.lesson.pk, self.block_id])
        self.enrolment = actions.enrol(self.ada, self.course_scorm)
        self.client.force_login(self.ada)

    def launch(self, sco: str = "", client: Client | None = None) -> dict[str, Any]:
        response = (client or self.client).get(
            self.player_url, {"sco": sco} if sco else {}
        )
        self.assertEqual(response.status_code, 200)
        found = re.search(
            r'<script id="scorm-runtime" type="application/json">(.*?)</script>',
            response.content.decode(),
        )
        if found is None:
            raise AssertionError("the player carries no runtime")
        runtime: dict[str, Any] = json.loads(found[1])
        return runtime

    def commit(self, runtime: dict, cmi: dict, sequence: int = 1, client=None, **extra):
        body = {
            "session": runtime["session"],
            "sequence": sequence,
            "cmi": cmi,
            **extra,
        }
        return (client or self.client).post(
            runtime["commitUrl"], json.dumps(body), content_type="application/json"
        )
