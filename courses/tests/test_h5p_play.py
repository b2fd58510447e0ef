"""Playing H5P in a lesson: the server decides what a statement counts for."""

import json
import shutil
import uuid
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from courses import actions
from courses.models import H5PResult, LessonCompletion, Statement
from courses.testing import CatalogueTestCase
from courses.testing.factories import make_activity_lesson
from courses.testing.h5p_packages import build, valid_files

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
        self.package = actions.import_h5p(
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
        self.block_id = self.lesson.h5p_blocks()[0].id
        self.url = reverse(
            "courses:h5p-statement", args=[self.lesson.pk, self.block_id]
        )
        self.enrolment = actions.enrol(self.ada, self.course_h5p)
        self.client.force_login(self.ada)

    def post(self, data: dict, client=None, url: str = ""):
        return (client or self.client).post(
            url or self.url, json.dumps(data), content_type="application/json"
        )


class H5PPlayTests(H5PLessonTestCase):
    def test_the_lesson_page_embeds_a_sandboxed_player(self) -> None:
        response = self.client.get(self.lesson.url)
        self.assertContains(
            response, 'sandbox="allow-scripts allow-popups allow-forms"'
        )
        self.assertContains(response, str(self.package.key))
        player = self.client.get(
            reverse("courses:h5p-player", args=[self.package.key]),
            {"lesson": self.lesson.pk},
        )
        self.assertIn("sandbox allow-scripts", player["Content-Security-Policy"])
        self.assertNotIn("allow-same-origin", player["Content-Security-Policy"])

    def test_a_top_level_score_above_the_pass_mark_completes_the_block(self) -> None:
        response = self.post(statement(scaled=0.8))
        self.assertEqual(response.json(), {"stored": True, "passed": True})
        result = H5PResult.objects.get()
        self.assertEqual(result.statement.actor, self.ada)
        self.assertEqual(
            result.statement.data["actor"]["account"]["name"], str(self.ada.pk)
        )
        actions.complete_lesson(self.enrolment, self.lesson)
        self.assertTrue(LessonCompletion.objects.filter(lesson=self.lesson).exists())

    def test_a_low_score_does_not_complete_the_lesson(self) -> None:
        self.assertEqual(self.post(statement(scaled=0.4)).json()["passed"], False)
        response = self.client.post(
            reverse("courses:lesson-complete", args=[self.lesson.pk])
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(LessonCompletion.objects.exists())

    def test_child_statements_are_stored_but_never_counted(self) -> None:
        self.post(statement(scaled=1.0, parent=True))
        self.assertEqual(
            Statement.objects.filter(actor=self.ada).count(), 2
        )  # + registered
        self.assertFalse(H5PResult.objects.exists())

    def test_a_replayed_statement_is_stored_once(self) -> None:
        data = statement(scaled=0.9)
        self.post(data)
        again = self.post(data)
        self.assertEqual(again.json()["stored"], False)
        self.assertEqual(H5PResult.objects.count(), 1)

    def test_malformed_statements_are_refused(self) -> None:
        for body in (
            {"verb": {}},
            {**statement(), "id": "nope"},
            {**statement(), "result": {"score": {"scaled": 7}}},
        ):
            with self.subTest(body=body):
                self.assertEqual(self.post(body).status_code, 400)
        self.assertEqual(
            self.client.post(
                self.url, "{not json", content_type="application/json"
            ).status_code,
            400,
        )
        self.assertFalse(H5PResult.objects.exists())

    def test_a_learner_not_enrolled_cannot_post(self) -> None:
        self.client.force_login(self.dev)
        self.assertEqual(self.post(statement()).status_code, 403)

    def test_a_forged_request_without_csrf_token_is_refused(self) -> None:
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.ada)
        self.assertEqual(self.post(statement(), client=client).status_code, 403)
        self.assertFalse(H5PResult.objects.exists())

    def test_another_towns_learner_gets_404_for_a_private_course(self) -> None:
        self.course_h5p.sharing = "private"
        self.course_h5p.save()
        self.client.force_login(self.marc)
        self.assertEqual(self.post(statement()).status_code, 404)

    def content_base(self, client=None) -> str:
        player = (client or self.client).get(
            reverse("courses:h5p-player", args=[self.package.key]),
            {"lesson": self.lesson.pk},
        )
        return player.context["content_base"]

    def test_package_files_are_served_with_cors_and_without_escape(self) -> None:
        """The player's capability opens the files, with no cookie at all."""
        base = self.content_base()
        ok = self.client_class().get(f"{base}/h5p.json")
        self.assertEqual(ok.status_code, 200)
        self.assertEqual(ok["Access-Control-Allow-Origin"], "*")
        escape = self.client_class().get(f"{base}/../../libraries/H5P.Base-1.0/app.js")
        self.assertIn(escape.status_code, (400, 404))

    def test_package_files_need_the_players_capability(self) -> None:
        """No token, a forged one, or one issued for another package: 404."""
        other = actions.import_h5p(build(valid_files()), organisation=self.town)
        foreign = self.content_base().replace(str(self.package.key), str(other.key))
        key = self.package.key
        for url in (
            f"/learning/h5p/{key}/files/h5p.json",
            f"/learning/h5p/{key}/files/forged:token/h5p.json",
            f"{foreign}/h5p.json",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_player_opens_only_for_who_may_take_the_lesson(self) -> None:
        url = reverse("courses:h5p-player", args=[self.package.key])
        query = {"lesson": self.lesson.pk}
        self.course_h5p.sharing = "private"
        self.course_h5p.save()
        self.client.force_login(self.marc)  # Montval: the course is private now
        self.assertEqual(self.client.get(url, query).status_code, 404)
        self.client.force_login(self.dev)  # Saint-Aubin, not enrolled: may read it
        self.assertEqual(self.client.get(url, query).status_code, 200)
        self.assertEqual(self.client.get(url).status_code, 404)  # no lesson named
        self.client.force_login(self.aurore)  # an author of the package's town
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.logout()
        self.assertEqual(self.client.get(url, query).status_code, 302)
