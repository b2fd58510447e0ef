"""A one-lesson course playing a small H5P package, for the H5P tests."""

import json
import shutil
import uuid
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from courses import actions
from courses.demo.builders import make_activity_lesson
from courses.demo.h5p_packages import build, valid_files
from courses.h5p import actions as h5p_actions
from courses.testing import CatalogueTestCase

MEDIA = Path(__file__).resolve().parents[2] / "var" / "test-media-h5p-play"


def statement(
    *, verb: str = "answered", scaled: float | None = 1.0, parent: bool = False
) -> dict:
    data = {
        "id": str(uuid.uuid4()),
        "actor": {"mbox": "mailto:someone@else.example"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": "http://example/h5p/1", "definition": {}},
    }
    if scaled is not None:
        data["result"] = {"score": {"scaled": scaled, "raw": 1, "min": 0, "max": 1}}
    if parent:
        data["context"] = {
            "contextActivities": {"parent": [{"id": "http://example/h5p/set"}]}
        }
    return data


@override_settings(MEDIA_ROOT=MEDIA)
class H5PLessonTestCase(CatalogueTestCase):
    """Ada is enrolled in a one-lesson course whose lesson plays a small package."""

    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA, True)
        self.package = h5p_actions.import_h5p(
            build(valid_files()), organisation=self.section.organisation
        )
        self.lesson = make_activity_lesson(
            self.section,
            slug="interactive",
            block={
                "type": "h5p",
                "value": {"package": self.package.pk, "pass_mark": 60},
            },
        )
        self.course_h5p = self.lesson.course
        self.block_id = self.lesson.blocks_of("h5p")[0].id
        self.url = reverse("h5p:statement", args=[self.lesson.pk, self.block_id])
        self.enrolment = actions.enrol(self.ada, self.course_h5p)
        self.client.force_login(self.ada)

    def post(self, data: dict, client=None, url: str = ""):
        return (client or self.client).post(
            url or self.url, json.dumps(data), content_type="application/json"
        )
