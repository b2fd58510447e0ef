"""Playing SCORM in a lesson: who may launch, what a commit may change, resume,
attempts, rollup into lesson progress and xAPI, SCORM 1.2's run-time defaults."""

import json
import re
import uuid
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import actions
from courses.demo.builders import make_course
from courses.demo.scorm_packages import (
    MANIFEST_12_SEVERAL,
    SCO_PAGE,
    scorm_zip,
)
from courses.models import LessonCompletion, LessonPage
from courses.records import xapi
from courses.records.models import Statement
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormAttempt, ScormScoState
from courses.testing.content import content_get, open_sco
from courses.testing.scorm_lessons import ScormLessonTestCase


class ScormPlayerTests(ScormLessonTestCase):
    def test_the_lesson_embeds_the_player_which_starts_attempt_one(self) -> None:
        self.assertContains(self.client.get(self.lesson.url), self.player_url)
        runtime = self.launch()
        self.assertEqual(runtime["version"], "2004")
        self.assertEqual(runtime["cmi"]["learner_id"], str(self.ada.pk))
        self.assertEqual(runtime["cmi"]["entry"], "ab-initio")
        self.assertEqual(runtime["cmi"]["scaled_passing_score"], "0.7")
        attempt = ScormAttempt.objects.get()
        self.assertEqual((attempt.number, attempt.enrolment), (1, self.enrolment))

    def test_the_contents_list_follows_the_manifest(self) -> None:
        response = self.client.get(self.player_url)
        self.assertContains(response, "Spot it")
        self.assertContains(response, "?sco=sco_b")
        self.assertContains(response, 'aria-current="page"')
        _wrapper, sco_url = open_sco(self.client, self.launch())
        self.assertRegex(
            sco_url, rf"^/c/scorm/{self.scorm.key}/[^/]+/files/content/a.html$"
        )
        runtime = self.launch("sco_b")
        self.assertTrue(runtime["previous"].endswith("?sco=sco_a"))
        self.assertTrue(runtime["next"].endswith("?sco=glossary"))
        self.assertTrue(
            open_sco(self.client, runtime)[1].endswith("content/b.html?step=1")
        )

    def test_package_files_are_served_on_the_content_origin_with_a_capability(
        self,
    ) -> None:
        """The player's launch opens the files, on the content origin only,
        with no cookie, sandboxed, framed only by the wrapper and the site."""
        runtime = self.launch()
        self.assertEqual(runtime["contentOrigin"], "http://localhost")
        wrapper, sco_url = open_sco(self.client_class(), runtime)
        policy = wrapper["Content-Security-Policy"]
        self.assertIn("frame-ancestors http://testserver", policy)
        self.assertIn("allow-same-origin", policy)
        self.assertNotIn("allow-top-navigation", policy)
        response = content_get(self.client_class(), sco_url)
        self.assertEqual(response.status_code, 200)
        policy = response["Content-Security-Policy"]
        self.assertIn("frame-ancestors 'self' http://testserver", policy)
        self.assertTrue(policy.startswith("sandbox allow-scripts"))
        self.assertNotIn("https:", policy)
        self.assertNotIn("Set-Cookie", response)
        self.assertEqual(self.client.get(sco_url).status_code, 404)  # site origin
        token = sco_url.split("/")[4]
        for url in (
            f"/c/scorm/{self.scorm.key}/files/content/a.html",
            f"/c/scorm/{self.scorm.key}/forged:token/files/content/a.html",
            f"/c/scorm/{self.scorm.key}/{token}/files/../../../lms/settings/base.py",
        ):
            with self.subTest(url=url):
                self.assertIn(content_get(self.client, url).status_code, (400, 404))
        other = scorm_actions.import_scorm(scorm_zip(), organisation=self.town)
        foreign = sco_url.replace(str(self.scorm.key), str(other.key))
        self.assertEqual(content_get(self.client, foreign).status_code, 404)

    def test_a_launch_capability_ends_with_its_holders_access(self) -> None:
        _wrapper, sco_url = open_sco(self.client, self.launch())
        self.ada.is_active = False
        self.ada.save()
        cache.clear()
        self.assertEqual(content_get(self.client_class(), sco_url).status_code, 404)

    def test_who_may_not_launch(self) -> None:
        self.client.force_login(self.dev)  # not enrolled
        self.assertEqual(self.client.get(self.player_url).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(self.player_url).status_code, 302)
        self.course_scorm.sharing = "private"
        self.course_scorm.save()
        self.client.force_login(self.marc)  # another town
        self.assertEqual(self.client.get(self.player_url).status_code, 404)
        self.assertFalse(ScormAttempt.objects.exists())

    def test_a_lesson_not_reached_cannot_be_launched(self) -> None:
        course = make_course(self.section, slug="two", lessons=2)
        second = LessonPage.objects.child_of(course).order_by("path").last()
        second.body = [{"type": "scorm", "value": {"package": self.scorm.pk}}]
        second.save()
        actions.enrol(self.ada, course)
        url = reverse("scorm:player", args=[second.pk, second.blocks_of("scorm")[0].id])
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_attempts_at_a_block_are_bounded_with_a_clear_message(self) -> None:
        self.launch()
        url = reverse("scorm:new-attempt", args=[self.lesson.pk, self.block_id])
        with mock.patch.object(scorm_actions, "MAX_ATTEMPTS_PER_BLOCK", 2):
            self.client.post(url)
            response = self.client.post(url, follow=True)
        self.assertEqual(ScormAttempt.objects.count(), 2)
        self.assertContains(response, "le maximum qu&#x27;elle conserve")

    def test_a_new_attempt_only_when_the_learner_asks_and_old_ones_stay(self) -> None:
        first = self.launch()
        self.commit(first, {"completion_status": "incomplete", "location": "p2"})
        self.launch()
        self.assertEqual(ScormAttempt.objects.count(), 1)
        self.assertEqual(
            self.client.get(
                reverse("scorm:new-attempt", args=[self.lesson.pk, self.block_id])
            ).status_code,
            405,
        )
        response = self.client.post(
            reverse("scorm:new-attempt", args=[self.lesson.pk, self.block_id])
        )
        self.assertRedirects(response, self.player_url, fetch_redirect_response=False)
        second = self.launch()
        self.assertEqual(second["cmi"]["location"], "")
        self.assertEqual(
            list(ScormAttempt.objects.values_list("number", flat=True)), [1, 2]
        )
        self.assertEqual(
            ScormScoState.objects.filter(attempt__number=1).get().cmi["location"], "p2"
        )


class ScormCommitTests(ScormLessonTestCase):
    def state(self) -> ScormScoState:
        return ScormScoState.objects.get(sco__identifier="sco_a")

    def test_a_commit_is_kept_and_the_next_launch_resumes(self) -> None:
        runtime = self.launch()
        response = self.commit(
            runtime,
            {
                "completion_status": "incomplete",
                "location": "page-3",
                "suspend_data": "answers=1,0",
                "exit": "suspend",
                "session_time": "PT2M",
            },
        )
        self.assertEqual(
            response.json(), {"result": True, "errorCode": 0, "saved": True}
        )
        again = self.launch("sco_a")
        self.assertEqual(again["cmi"]["entry"], "resume")
        self.assertEqual(again["cmi"]["location"], "page-3")
        self.assertEqual(again["cmi"]["suspend_data"], "answers=1,0")
        self.assertEqual(again["cmi"]["total_time"], "PT0H2M0.00S")

    def test_session_times_add_up_to_the_total_time(self) -> None:
        runtime = self.launch()
        self.commit(runtime, {"session_time": "PT1M"}, sequence=1)
        self.commit(runtime, {"session_time": "PT2M"}, sequence=2)  # same session
        runtime = self.launch("sco_a")
        self.commit(runtime, {"session_time": "PT30S"}, sequence=1)
        state = self.state()
        self.assertEqual(state.total_seconds, 150)
        self.assertEqual(self.launch("sco_a")["cmi"]["total_time"], "PT0H2M30.00S")

    def test_a_replayed_or_late_commit_changes_nothing(self) -> None:
        runtime = self.launch()
        self.commit(runtime, {"location": "p5"}, sequence=2)
        replay = self.commit(runtime, {"location": "p1"}, sequence=2)
        late = self.commit(runtime, {"location": "p0"}, sequence=1)
        self.assertEqual(replay.json()["saved"], False)
        self.assertEqual(late.json()["saved"], False)
        old_session = dict(runtime)
        self.launch("sco_a")
        self.launch("sco_a")  # two launches later, that session is over
        stale = self.commit(old_session, {"location": "p9"}, sequence=3)
        self.assertEqual(stale.json()["saved"], False)
        self.assertEqual(self.state().cmi["location"], "p5")

    def test_the_last_commit_of_the_page_just_left_still_counts(self) -> None:
        """Leaving a SCO (a reload, the next SCO) launches the next session before
        the old page's closing beacon reaches the server."""
        left = self.launch()
        self.commit(left, {"location": "p1", "session_time": "PT1M"}, sequence=1)
        current = self.launch("sco_a")
        beacon = {"location": "p2", "exit": "suspend", "session_time": "PT2M"}
        self.assertEqual(self.commit(left, beacon, sequence=2).json()["saved"], True)
        state = self.state()
        self.assertEqual((state.cmi["location"], state.exit), ("p2", "suspend"))
        self.assertEqual(state.total_seconds, 120)
        self.assertEqual(self.commit(left, beacon, sequence=2).json()["saved"], False)
        self.commit(current, {"location": "p3", "session_time": "PT10S"}, sequence=1)
        late = {"location": "p0", "session_time": "PT3M"}
        self.assertEqual(self.commit(left, late, sequence=3).json()["saved"], True)
        state = self.state()
        self.assertEqual(state.cmi["location"], "p3")  # the newer session's data wins
        self.assertEqual(state.total_seconds, 190)  # but the time still counts

    def test_invalid_data_is_refused_whole(self) -> None:
        runtime = self.launch()
        self.commit(runtime, {"location": "p1"}, sequence=1)
        for cmi in (
            {"completion_status": "done"},
            {"score": {"scaled": 3}},
            {"suspend_data": "x" * 64001},
            {"session_time": "an hour"},
        ):
            with self.subTest(cmi=list(cmi)):
                response = self.commit(runtime, {"location": "p9", **cmi}, sequence=5)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["result"], False)
        self.assertEqual(self.state().cmi, {"location": "p1"})

    def test_a_forged_commit_is_refused(self) -> None:
        runtime = self.launch()
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.ada)
        forged = self.commit(runtime, {"location": "evil"}, client=client)
        self.assertEqual(forged.status_code, 403)
        wrong = self.commit(runtime, {"location": "evil"}, client=client, csrf="x" * 64)
        self.assertEqual(wrong.status_code, 403)
        self.assertEqual(self.state().cmi, {})

    def test_a_beacon_brings_its_csrf_token_in_the_body(self) -> None:
        runtime = self.launch()
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.ada)
        token = client.get(self.player_url).cookies["csrftoken"].value
        runtime = json.loads(
            re.search(
                r'id="scorm-runtime" type="application/json">(.*?)</script>',
                client.get(self.player_url).content.decode(),
            )[1]
        )
        body = json.dumps(
            {
                "session": runtime["session"],
                "sequence": 1,
                "cmi": {"location": "p7"},
                "csrf": token,
            }
        )
        response = client.post(
            runtime["commitUrl"], body, content_type="text/plain;charset=UTF-8"
        )
        self.assertEqual(response.json()["saved"], True)
        self.assertEqual(self.state().cmi["location"], "p7")

    def test_nobody_commits_for_someone_else(self) -> None:
        runtime = self.launch()
        actions.enrol(self.sam, self.course_scorm)
        self.client.force_login(self.sam)
        self.assertEqual(self.commit(runtime, {"location": "x"}).status_code, 404)
        self.client.logout()
        self.assertEqual(self.commit(runtime, {"location": "x"}).status_code, 302)
        self.assertEqual(self.state().cmi, {})

    def test_queries_per_commit(self) -> None:
        runtime = self.launch()
        self.commit(runtime, {"location": "p1"}, sequence=1)
        # The user, the state, then in a savepoint: lock and write.
        with self.assertNumQueries(6):
            self.commit(runtime, {"location": "p2"}, sequence=2)
        # + the attempt's states and SCOs, the attempt, one xAPI statement.
        with self.assertNumQueries(15):
            self.commit(
                runtime,
                {"completion_status": "completed", "success_status": "passed"},
                sequence=3,
            )

    def test_status_changes_become_xapi_statements_once(self) -> None:
        runtime = self.launch()
        passed = {"completion_status": "completed", "score": {"scaled": "0.9"}}
        self.commit(runtime, passed, sequence=1)
        self.commit(runtime, passed, sequence=2)  # same status: nothing new
        statement = Statement.objects.get(verb=xapi.VERBS["passed"])
        self.assertEqual(statement.data["result"]["score"]["scaled"], 0.9)
        self.assertTrue(statement.data["object"]["id"].endswith("/sco_a"))

    def test_the_lesson_completes_once_every_required_sco_is_done(self) -> None:
        runtime_a = self.launch("sco_a")
        self.commit(
            runtime_a, {"completion_status": "completed", "score": {"scaled": "0.8"}}
        )
        attempt = ScormAttempt.objects.get()
        self.assertIsNone(attempt.completed_at)
        self.assertNotContains(self.client.get(self.lesson.url), "Activité terminée.")
        with self.assertRaises(ValidationError):
            actions.complete_lesson(self.enrolment, self.lesson)
        runtime_b = self.launch("sco_b")
        self.commit(
            runtime_b, {"completion_status": "completed", "score": {"scaled": "0.6"}}
        )
        attempt.refresh_from_db()
        self.assertIsNotNone(attempt.completed_at)  # the asset does not count
        self.assertEqual(float(attempt.score_scaled), 0.7)
        self.assertContains(self.client.get(self.lesson.url), "Activité terminée.")
        # Nothing else to do in the lesson: it is complete, with no extra click.
        self.assertTrue(LessonCompletion.objects.exists())

    def test_below_the_passing_score_is_not_done(self) -> None:
        runtime = self.launch("sco_a")
        self.commit(
            runtime, {"completion_status": "completed", "score": {"scaled": "0.5"}}
        )
        self.assertEqual(self.state().success_status, "failed")
        self.launch("sco_b")
        self.assertIn("Non réussi", self.client.get(self.player_url).content.decode())


class Scorm12Tests(ScormLessonTestCase):
    def package(self):
        return scorm_zip()

    def test_api_12_data_model_mastery_and_hidden_items(self) -> None:
        self.assertNotContains(self.client.get(self.player_url), "Hidden appendix")
        runtime = self.launch()  # a new session: the one above is superseded
        self.assertEqual(runtime["version"], "1.2")
        self.assertEqual(runtime["cmi"]["core"]["student_id"], str(self.ada.pk))
        self.assertEqual(runtime["cmi"]["launch_data"], "mode=short")
        response = self.commit(
            runtime,
            {
                "core": {
                    "lesson_status": "completed",
                    "score": {"raw": "85"},
                    "session_time": "00:05:00",
                }
            },
        )
        self.assertEqual(response.json()["saved"], True, response.content)
        state = ScormScoState.objects.get()
        self.assertEqual(
            (state.completion_status, state.success_status), ("completed", "passed")
        )
        attempt = ScormAttempt.objects.get()
        self.assertIsNotNone(attempt.completed_at)  # the hidden SCO never blocks
        self.assertEqual(float(attempt.score_scaled), 0.85)

    def test_a_new_session_id_each_launch(self) -> None:
        first, second = self.launch(), self.launch()
        self.assertNotEqual(first["session"], second["session"])
        uuid.UUID(second["session"])


# What scorm-again commits at LMSFinish for a SCO that called LMSInitialize and
# LMSFinish and nothing else.
FINISHED_ONLY = {
    "core": {"lesson_status": "not attempted", "exit": "", "session_time": "00:00:04"}
}


def launched(runtime: dict) -> str:
    """The identifier of the SCO a player launch opens."""
    return parse_qs(urlsplit(runtime["launchUrl"]).query)["sco"][0]


class Scorm12DefaultsTests(ScormLessonTestCase):
    """One visible SCO with a mastery score of 80 (and a hidden one)."""

    def package(self):
        return scorm_zip()

    def test_the_first_launch_gives_the_standard_s_defaults(self) -> None:
        core = self.launch()["cmi"]["core"]
        self.assertEqual(
            (core["lesson_status"], core["entry"], core["credit"], core["lesson_mode"]),
            ("not attempted", "ab-initio", "credit", "normal"),
        )

    def test_a_sco_that_only_initialises_and_finishes_completes(self) -> None:
        """RTE 3-25: the LMS sets "completed" at LMSFinish; the lesson is done."""
        runtime = self.launch()
        response = self.commit(runtime, FINISHED_ONLY, terminate=True)
        self.assertEqual(response.json()["saved"], True)
        state = ScormScoState.objects.get()
        self.assertEqual(
            (state.completion_status, state.success_status), ("completed", "unknown")
        )
        self.assertIsNotNone(ScormAttempt.objects.get().completed_at)
        self.assertTrue(
            Statement.objects.filter(actor=self.ada, verb=xapi.VERBS["completed"])
        )
        again = self.launch()["cmi"]["core"]
        self.assertEqual((again["lesson_status"], again["entry"]), ("completed", ""))
        self.assertContains(self.client.get(self.lesson.url), "Activité terminée.")

    def test_before_it_finishes_it_is_not_attempted(self) -> None:
        runtime = self.launch()
        self.commit(runtime, FINISHED_ONLY)  # an autocommit: no terminate
        state = ScormScoState.objects.get()
        self.assertEqual(state.completion_status, "not attempted")
        self.assertIsNone(ScormAttempt.objects.get().completed_at)

    def test_with_a_raw_score_the_mastery_score_decides(self) -> None:
        runtime = self.launch()
        finished = {"core": {"lesson_status": "not attempted", "score": {"raw": "60"}}}
        self.commit(runtime, finished, terminate=True)
        state = ScormScoState.objects.get()
        self.assertEqual(
            (state.completion_status, state.success_status), ("completed", "failed")
        )
        self.assertEqual(state.cmi["core"]["lesson_status"], "failed")
        self.assertIsNone(ScormAttempt.objects.get().completed_at)

    def test_a_status_the_sco_set_is_its_own(self) -> None:
        runtime = self.launch()
        incomplete = {"core": {"lesson_status": "incomplete", "exit": "suspend"}}
        self.commit(runtime, incomplete, terminate=True)
        self.assertEqual(ScormScoState.objects.get().completion_status, "incomplete")
        core = self.launch()["cmi"]["core"]
        self.assertEqual(
            (core["lesson_status"], core["entry"]), ("incomplete", "resume")
        )


class SeveralScos12Tests(ScormLessonTestCase):
    """Three SCORM 1.2 SCOs that set nothing, and an asset."""

    def package(self):
        return scorm_zip(
            MANIFEST_12_SEVERAL,
            {"sco3/index.html": SCO_PAGE, "sheet.html": SCO_PAGE},
        )

    def test_a_package_of_scos_that_only_initialise_and_finish_completes(
        self,
    ) -> None:
        for identifier in ("one", "two", "three"):
            runtime = self.launch(identifier)
            self.assertEqual(runtime["cmi"]["core"]["entry"], "ab-initio")
            self.commit(runtime, FINISHED_ONLY, terminate=True)
        attempt = ScormAttempt.objects.get()
        self.assertIsNotNone(attempt.completed_at)  # the asset does not count
        actions.complete_lesson(self.enrolment, self.lesson)
        self.assertTrue(LessonCompletion.objects.filter(lesson=self.lesson).exists())

    def test_resume_reopens_the_sco_the_learner_left(self) -> None:
        self.commit(self.launch("one"), FINISHED_ONLY, terminate=True)
        left = self.launch("two")
        self.commit(
            left,
            {"core": {"lesson_status": "incomplete", "lesson_location": "p2"}},
        )
        again = self.launch()
        self.assertEqual(launched(again), "two")
        self.assertEqual(again["cmi"]["core"]["lesson_location"], "p2")
        self.assertIn(
            'aria-current="page">Consent<',
            self.client.get(self.player_url).content.decode(),
        )

    def test_a_sco_left_once_completed_gives_way_to_the_first_not_completed(
        self,
    ) -> None:
        self.launch("two")
        self.commit(self.launch("three"), FINISHED_ONLY, terminate=True)
        self.assertEqual(launched(self.launch()), "one")

    def test_a_late_closing_commit_does_not_move_the_resume_point(self) -> None:
        """The SCO just left may finish after the next one has launched."""
        left = self.launch("two")
        self.commit(left, {"core": {"lesson_status": "incomplete"}}, sequence=1)
        self.launch("three")
        closing = {"core": {"lesson_status": "incomplete", "exit": "suspend"}}
        saved = self.commit(left, closing, sequence=2, terminate=True)
        self.assertEqual(saved.json()["saved"], True)
        self.assertEqual(launched(self.launch()), "three")

    def test_with_nothing_started_the_first_sco_opens(self) -> None:
        self.assertEqual(launched(self.launch()), "one")
