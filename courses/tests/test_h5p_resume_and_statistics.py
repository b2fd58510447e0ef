"""H5P: learners resume with their previous answers; authors see how learners fare."""

import json
import re

from django.urls import reverse

from courses import actions
from courses.models import H5PAnswer, H5PUserData, LessonPage
from courses.queries import h5p_statistics
from courses.testing.factories import make_course
from courses.testing.h5p_packages import build, valid_files
from courses.tests.test_h5p_play import H5PLessonTestCase, statement
from courses.xapi_input import SUBCONTENT_EXTENSION


def question(*, sub: str, text: str, success: bool, kind: str = "choice") -> dict:
    """A question answered inside a set, as H5P reports it."""
    data = statement(scaled=1.0 if success else 0.0, parent=True)
    data["object"]["definition"] = {
        "interactionType": kind,
        "description": {"en-US": f"<p>{text}</p>\n"},
        "extensions": {SUBCONTENT_EXTENSION: sub},
    }
    data["result"]["success"] = success
    return data


class ResumeTests(H5PLessonTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user_data_url = reverse(
            "courses:h5p-user-data", args=[self.lesson.pk, self.block_id]
        )

    def save(self, data: str | None, **extra):
        body = {"dataType": "state", "subContentId": "0", "data": data, **extra}
        return self.post(body, url=self.user_data_url)

    def player(self, client=None):
        url = reverse("courses:h5p-player", args=[self.package.key])
        response = (client or self.client).get(
            url, {"lesson": self.lesson.pk, "block": self.block_id}
        )
        found = re.search(
            r'<script id="h5p-user-data" type="application/json">(.*?)</script>',
            response.content.decode(),
        )
        return json.loads(found[1])

    def test_the_saved_state_comes_back_in_the_player(self) -> None:
        self.assertEqual(self.save('{"answer":true}').json(), {"saved": True})
        self.assertEqual(self.save('{"answer":false}').status_code, 200)
        self.assertEqual(self.player(), {"0": {"state": '{"answer":false}'}})
        self.assertEqual(H5PUserData.objects.get().enrolment, self.enrolment)

    def test_nobody_else_gets_it(self) -> None:
        self.save('{"answer":true}')
        actions.enrol(self.sam, self.course_h5p)
        self.client.force_login(self.sam)
        self.assertEqual(self.player(), {})
        self.client.logout()
        url = reverse("courses:h5p-player", args=[self.package.key])
        response = self.client.get(url, {"lesson": self.lesson.pk})
        self.assertEqual(response.status_code, 302)  # to sign in: no player, no data

    def test_null_forgets_the_state(self) -> None:
        self.save('{"answer":true}')
        self.save(None)
        self.assertFalse(H5PUserData.objects.exists())

    def test_state_of_a_swapped_package_is_not_handed_to_the_new_one(self) -> None:
        self.save('{"answer":true}')
        other = actions.import_h5p(build(valid_files()), title="Another")
        self.lesson.body = [
            {"type": "h5p", "value": {"package": other.pk, "pass_mark": 60}}
        ]
        self.lesson.save()
        self.block_id = LessonPage.objects.get(pk=self.lesson.pk).h5p_blocks()[0].id
        self.package = other
        self.assertEqual(self.player(), {})

    def test_bad_input_is_refused_and_changes_nothing(self) -> None:
        cases = [
            {"data": "{not json"},
            {"data": "x" * (70 * 1024)},
            {"data": "{}", "dataType": "../../etc"},
            {"data": "{}", "subContentId": "<script>"},
            {"data": "{}", "extra": 1},
        ]
        for case in cases:
            with self.subTest(case=list(case)):
                body = {"dataType": "state", "subContentId": "0", **case}
                response = self.post(body, url=self.user_data_url)
                self.assertIn(response.status_code, (400, 413))
        self.assertFalse(H5PUserData.objects.exists())

    def test_who_may_not_save(self) -> None:
        self.client.force_login(self.dev)  # not enrolled
        self.assertEqual(self.save("{}").status_code, 403)
        self.client.logout()
        self.assertEqual(self.save("{}").status_code, 302)  # to sign in
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.ada)
        body = {"dataType": "state", "subContentId": "0", "data": "{}"}
        self.assertEqual(
            self.post(body, client=client, url=self.user_data_url).status_code, 403
        )
        self.assertFalse(H5PUserData.objects.exists())

    def test_a_lesson_not_reached_cannot_save(self) -> None:
        course = make_course(self.section, slug="two-steps", lessons=2)
        second = LessonPage.objects.child_of(course).order_by("path").last()
        second.body = [
            {"type": "h5p", "value": {"package": self.package.pk, "pass_mark": 60}}
        ]
        second.save()
        actions.enrol(self.ada, course)
        url = reverse(
            "courses:h5p-user-data", args=[second.pk, second.h5p_blocks()[0].id]
        )
        body = {"dataType": "state", "subContentId": "0", "data": "{}"}
        self.assertEqual(self.post(body, url=url).status_code, 403)
        self.assertFalse(H5PUserData.objects.exists())


class StatisticsTests(H5PLessonTestCase):
    def answer_set(self, client, *, first: bool, second: bool, scaled: float):
        for data in (
            question(sub="q-1", text="Is a long password safer?", success=first),
            question(sub="q-2", text="Should you reuse it?", success=second),
            statement(scaled=scaled),
        ):
            self.post(data, client=client)

    def setUp(self) -> None:
        super().setUp()
        actions.enrol(self.sam, self.course_h5p)
        actions.enrol(self.marc, self.course_h5p)  # Montval: another town
        self.sam_client = self.client_class()
        self.sam_client.force_login(self.sam)
        self.marc_client = self.client_class()
        self.marc_client.force_login(self.marc)
        self.answer_set(self.client, first=True, second=False, scaled=0.5)
        self.answer_set(self.client, first=True, second=True, scaled=1.0)
        self.answer_set(self.sam_client, first=False, second=False, scaled=0.0)
        self.answer_set(self.marc_client, first=True, second=True, scaled=1.0)

    def test_figures_for_one_town(self) -> None:
        with self.assertNumQueries(3):
            stats = h5p_statistics(self.package, self.cleo)
        self.assertEqual(stats.learners, 2)  # Ada and Sam; Marc is in Montval
        self.assertEqual(stats.attempts, 3)
        self.assertEqual(stats.completed, 1)  # pass mark 60: only Ada's 1.0
        self.assertEqual(stats.completion_rate, 0.5)
        self.assertAlmostEqual(stats.average_score, 0.5)
        self.assertEqual(
            [(q["question"], q["answers"], q["correct"]) for q in stats.questions],
            [("Is a long password safer?", 3, 2), ("Should you reuse it?", 3, 1)],
        )

    def test_figures_across_towns_for_the_platform_admin(self) -> None:
        stats = h5p_statistics(self.package, self.root)
        self.assertEqual((stats.learners, stats.attempts, stats.completed), (3, 4, 2))

    def test_a_learner_who_only_saved_state_has_started(self) -> None:
        actions.enrol(self.ben, self.course_h5p)
        self.client.force_login(self.ben)
        self.post(
            {"dataType": "state", "subContentId": "0", "data": "{}"},
            url=reverse("courses:h5p-user-data", args=[self.lesson.pk, self.block_id]),
        )
        self.assertEqual(h5p_statistics(self.package, self.cleo).learners, 3)

    def test_a_set_and_a_replay_are_not_questions_twice(self) -> None:
        data = question(sub="q-3", text="Once", success=True)
        self.post(data)
        self.post(data)
        compound = statement(scaled=1.0)
        compound["object"]["definition"] = {"interactionType": "compound"}
        self.post(compound)
        self.assertEqual(H5PAnswer.objects.filter(sub_content_id="q-3").count(), 1)
        self.assertFalse(H5PAnswer.objects.filter(interaction_type="compound").exists())

    def test_the_page_for_authors_and_who_may_not_see_it(self) -> None:
        url = reverse("courses_admin:h5p-statistics", args=[self.package.pk])
        self.client.force_login(self.aurore)
        response = self.client.get(url)
        self.assertContains(response, "Should you reuse it?")
        self.assertContains(response, "50 % (1/2)")
        for person in (self.ada, self.eli, self.ben):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertIn(self.client.get(url).status_code, (302, 403))
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)
