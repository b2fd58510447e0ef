"""H5P: learners resume with their previous answers; authors see how learners fare."""

import json
import re
from unittest import mock

from django.urls import reverse

from courses import actions
from courses.demo.builders import make_course
from courses.demo.h5p_packages import build, valid_files
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PAnswer, H5PUserData
from courses.h5p.queries import h5p_statistics
from courses.models import LessonPage
from courses.records.intake import SUBCONTENT_EXTENSION
from courses.testing.content import follow_to_content
from courses.testing.h5p_lessons import H5PLessonTestCase, statement


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
            "h5p:user-data", args=[self.lesson.pk, self.block_id]
        )

    def save(self, data: str | None, **extra):
        body = {"dataType": "state", "subContentId": "0", "data": data, **extra}
        return self.post(body, url=self.user_data_url)

    def player(self, client=None):
        client = client or self.client
        url = reverse("h5p:player", args=[self.package.key])
        redirect = client.get(url, {"lesson": self.lesson.pk, "block": self.block_id})
        response = follow_to_content(client, redirect)
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
        url = reverse("h5p:player", args=[self.package.key])
        response = self.client.get(url, {"lesson": self.lesson.pk})
        self.assertEqual(response.status_code, 302)  # to sign in: no player, no data

    def test_a_block_saves_a_bounded_number_of_values(self) -> None:
        with mock.patch.object(h5p_actions, "MAX_USER_DATA_PER_BLOCK", 2):
            self.save("{}", subContentId="a")
            self.save("{}", subContentId="b")
            self.assertEqual(self.save('{"x":1}', subContentId="b").status_code, 200)
            refused = self.save("{}", subContentId="c")
        self.assertEqual(refused.status_code, 400)
        self.assertIn("trop de données de reprise", refused.json()["error"])
        self.assertEqual(H5PUserData.objects.count(), 2)

    def test_null_forgets_the_state(self) -> None:
        self.save('{"answer":true}')
        self.save(None)
        self.assertFalse(H5PUserData.objects.exists())

    def test_state_of_a_swapped_package_is_not_handed_to_the_new_one(self) -> None:
        self.save('{"answer":true}')
        other = h5p_actions.import_h5p(build(valid_files()), title="Another")
        self.lesson.body = [
            {"type": "h5p", "value": {"package": other.pk, "pass_mark": 60}}
        ]
        self.lesson.save()
        self.block_id = LessonPage.objects.get(pk=self.lesson.pk).blocks_of("h5p")[0].id
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
        url = reverse("h5p:user-data", args=[second.pk, second.blocks_of("h5p")[0].id])
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

    def test_two_learners_are_never_figures(self) -> None:
        """Ada and Sam are the town's only learners: every figure stays blank,
        totals and question by question."""
        with self.assertNumQueries(3):
            stats = h5p_statistics(self.package, self.cleo)
        self.assertEqual(
            (stats.learners, stats.attempts, stats.completed, stats.average_score),
            (None, None, None, None),
        )
        self.assertIsNone(stats.completion_rate)
        self.assertEqual(
            [q["question"] for q in stats.questions],
            ["Is a long password safer?", "Should you reuse it?"],
        )
        for row in stats.questions:
            figures = ("learners", "answers", "correct", "average", "success_rate")
            self.assertEqual({row[f] for f in figures}, {None}, row["question"])

    def test_figures_from_five_learners_counted_once_each(self) -> None:
        """Five people of the town: totals count people, not attempts; a split
        with a side under five (right or never right) stays blank."""
        for person in (self.ben, self.dev, self.aurore):
            actions.enrol(person, self.course_h5p)
            client = self.client_class()
            client.force_login(person)
            self.answer_set(client, first=True, second=False, scaled=1.0)
        self.answer_set(self.sam_client, first=True, second=False, scaled=1.0)
        stats = h5p_statistics(self.package, self.cleo)
        self.assertEqual((stats.learners, stats.attempts), (5, 7))
        self.assertEqual((stats.completed, stats.completion_rate), (5, 1.0))
        first, second = stats.questions
        self.assertEqual(
            (first["learners"], first["answers"], first["correct"]), (5, 7, 6)
        )
        self.assertEqual((second["learners"], second["answers"]), (5, 7))
        self.assertIsNone(second["correct"])  # one right, four never: blank
        self.assertIsNone(second["success_rate"])

    def test_completion_is_blank_while_one_side_has_fewer_than_five(self) -> None:
        """Five learners, four of whom completed: both sides are under five."""
        for person in (self.ben, self.dev, self.aurore):
            actions.enrol(person, self.course_h5p)
            client = self.client_class()
            client.force_login(person)
            self.answer_set(client, first=True, second=True, scaled=1.0)
        stats = h5p_statistics(self.package, self.cleo)
        self.assertEqual(stats.learners, 5)
        self.assertIsNone(stats.completed)
        self.assertIsNone(stats.completion_rate)

    def test_figures_across_towns_for_the_platform_admin(self) -> None:
        """Ada, Sam and Marc: three people of two towns are still under five."""
        stats = h5p_statistics(self.package, self.root)
        self.assertIsNone(stats.learners)

    def test_a_learner_who_only_saved_state_has_started(self) -> None:
        for person in (self.ben, self.dev, self.aurore):
            actions.enrol(person, self.course_h5p)
            self.client.force_login(person)
            self.post(
                {"dataType": "state", "subContentId": "0", "data": "{}"},
                url=reverse("h5p:user-data", args=[self.lesson.pk, self.block_id]),
            )
        stats = h5p_statistics(self.package, self.cleo)
        self.assertEqual(stats.learners, 5)
        self.assertIsNone(stats.attempts)  # results from Ada and Sam only

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
        url = reverse("h5p_admin:statistics", args=[self.package.pk])
        self.client.force_login(self.aurore)
        response = self.client.get(url)
        self.assertContains(response, "Should you reuse it?")
        self.assertContains(response, "moins de 5")
        self.assertNotContains(response, "(1/2)")  # Ada's and Sam's: blank
        for person in (self.ada, self.eli, self.ben):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertIn(self.client.get(url).status_code, (302, 403))
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)
