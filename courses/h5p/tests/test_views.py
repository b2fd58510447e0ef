"""Playing H5P in a lesson: the server decides what a statement counts for."""

import time
from unittest import mock

import time_machine
from django.core.cache import cache
from django.urls import reverse

from courses import actions
from courses.demo.builders import quiz_value
from courses.demo.h5p_packages import build, valid_files
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PResult
from courses.models import LessonCompletion
from courses.packages import capability
from courses.records import xapi
from courses.records.models import Statement
from courses.testing.content import content_get, follow_to_content
from courses.testing.h5p_lessons import H5PLessonTestCase, statement


class H5PPlayTests(H5PLessonTestCase):
    def test_the_lesson_page_embeds_a_sandboxed_player(self) -> None:
        response = self.client.get(self.lesson.url)
        self.assertContains(
            response, 'sandbox="allow-scripts allow-popups allow-forms"'
        )
        self.assertContains(response, str(self.package.key))
        redirect = self.client.get(
            reverse("h5p:player", args=[self.package.key]),
            {"lesson": self.lesson.pk},
        )
        self.assertTrue(redirect["Location"].startswith("http://localhost/c/h5p/"))
        player = follow_to_content(self.client, redirect)
        policy = player["Content-Security-Policy"]
        self.assertIn("sandbox allow-scripts", policy)
        self.assertNotIn("allow-same-origin", policy)
        self.assertIn("frame-ancestors http://testserver", policy)
        self.assertIn("form-action 'none'", policy)
        self.assertNotIn("https:", policy)

    def test_a_top_level_score_above_the_pass_mark_completes_the_block(self) -> None:
        response = self.post(statement(scaled=0.8))
        # Nothing else to do in the lesson: it is complete, with no extra click.
        self.assertEqual(
            response.json(), {"stored": True, "passed": True, "lessonDone": True}
        )
        result = H5PResult.objects.get()
        self.assertEqual(result.statement.actor, self.ada)
        self.assertEqual(
            result.statement.data["actor"]["account"]["name"], str(self.ada.pk)
        )
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

    def test_another_learners_statement_id_takes_nothing_from_them(self) -> None:
        """Sam sends first the id Ada's player will use: both are stored."""
        data = statement(scaled=0.9)
        actions.enrol(self.sam, self.course_h5p)
        sam = self.client_class()
        sam.force_login(self.sam)
        self.assertEqual(self.post(data, client=sam).json()["stored"], True)
        self.assertEqual(
            self.post(data).json(), {"stored": True, "passed": True, "lessonDone": True}
        )
        answered = Statement.objects.filter(verb=xapi.VERBS["answered"])
        self.assertEqual(answered.filter(actor=self.ada).count(), 1)
        self.assertEqual(answered.filter(actor=self.sam).count(), 1)
        self.assertFalse(Statement.objects.filter(id=data["id"]).exists())

    def test_a_person_stores_a_bounded_number_of_statements_a_day(self) -> None:
        # Three: her enrolment's statement, then two answers.
        with mock.patch.object(h5p_actions, "MAX_STATEMENTS_PER_DAY", 3):
            self.post(statement(scaled=0.1))
            self.post(statement(scaled=0.1))
            refused = self.post(statement(scaled=0.9))
        self.assertEqual(refused.status_code, 400)
        self.assertIn("réessayez demain", refused.json()["error"])
        answered = Statement.objects.filter(verb=xapi.VERBS["answered"])
        self.assertEqual(answered.filter(actor=self.ada).count(), 2)
        self.assertFalse(H5PResult.objects.filter(passed=True).exists())

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
        client = client or self.client
        redirect = client.get(
            reverse("h5p:player", args=[self.package.key]),
            {"lesson": self.lesson.pk},
        )
        return follow_to_content(client, redirect).context["content_base"]

    def test_package_files_are_served_with_cors_and_without_escape(self) -> None:
        """The player's capability opens the files, with no cookie at all, as
        inert documents (sandboxed, nothing loads)."""
        base = self.content_base()
        ok = content_get(self.client_class(), f"{base}/h5p.json")
        self.assertEqual(ok.status_code, 200)
        self.assertEqual(ok["Access-Control-Allow-Origin"], "*")
        self.assertEqual(ok["Content-Security-Policy"], "sandbox; default-src 'none'")
        self.assertEqual(ok["X-Content-Type-Options"], "nosniff")
        self.assertNotIn("Set-Cookie", ok)
        escape = content_get(
            self.client_class(), f"{base}/../../libraries/H5P.Base-1.0/app.js"
        )
        self.assertIn(escape.status_code, (400, 404))

    def test_a_cors_pre_check_is_answered(self) -> None:
        """Content fetching with custom headers (sound effects) asks first."""
        base = self.content_base()
        response = self.client_class().options(
            f"{base}/h5p.json", headers={"host": "localhost"}
        )
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")

    def test_package_files_never_answer_on_the_sites_origin(self) -> None:
        base = self.content_base()
        self.assertEqual(self.client.get(f"{base}/h5p.json").status_code, 404)

    def test_package_files_need_the_players_capability(self) -> None:
        """No token, a forged one, or one issued for another package: 404."""
        other = h5p_actions.import_h5p(build(valid_files()), organisation=self.town)
        foreign = self.content_base().replace(str(self.package.key), str(other.key))
        key = self.package.key
        for url in (
            f"/c/h5p/{key}/files/h5p.json",
            f"/c/h5p/{key}/forged:token/files/h5p.json",
            f"{foreign}/h5p.json",
        ):
            with self.subTest(url=url):
                self.assertEqual(content_get(self.client, url).status_code, 404)

    def test_an_expired_capability_is_refused(self) -> None:
        base = self.content_base()
        later = time.time() + capability.MAX_AGE_SECONDS + 60
        with time_machine.travel(later, tick=False):
            cache.clear()
            self.assertEqual(
                content_get(self.client, f"{base}/h5p.json").status_code, 404
            )

    def test_a_capability_ends_with_its_holders_access(self) -> None:
        """Withdrawn access (a course made private to another town) closes the
        files within the minute the check is cached."""
        self.client.force_login(self.marc)
        self.enrolment.delete()
        montval = actions.enrol(self.marc, self.course_h5p)
        self.assertTrue(montval.pk)
        base = self.content_base()
        self.assertEqual(content_get(self.client, f"{base}/h5p.json").status_code, 200)
        self.course_h5p.sharing = "private"
        self.course_h5p.save()
        cache.clear()
        self.assertEqual(content_get(self.client, f"{base}/h5p.json").status_code, 404)

    def test_the_player_opens_only_for_who_may_take_the_lesson(self) -> None:
        url = reverse("h5p:player", args=[self.package.key])
        query = {"lesson": self.lesson.pk}
        self.course_h5p.sharing = "private"
        self.course_h5p.save()
        self.client.force_login(self.marc)  # Montval: the course is private now
        self.assertEqual(self.client.get(url, query).status_code, 404)
        self.client.force_login(self.dev)  # Saint-Aubin, not enrolled yet
        self.assertEqual(self.client.get(url, query).status_code, 404)
        actions.enrol(self.dev, self.course_h5p)
        self.assertEqual(self.client.get(url, query).status_code, 302)
        self.assertEqual(self.client.get(url).status_code, 404)  # no lesson named
        self.client.force_login(self.aurore)  # an author of the package's town
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.logout()
        self.assertIn("/accounts/login/", self.client.get(url, query)["Location"])


class H5PBesideAQuizTests(H5PLessonTestCase):
    def test_a_passed_activity_leaves_the_lesson_open_while_a_quiz_is_left(
        self,
    ) -> None:
        self.lesson.body = [
            *self.lesson.body.raw_data,
            {"type": "quiz", "value": quiz_value()},
        ]
        self.lesson.save()
        response = self.post(statement(scaled=0.8))
        self.assertEqual(
            response.json(), {"stored": True, "passed": True, "lessonDone": False}
        )
        self.assertFalse(LessonCompletion.objects.exists())
