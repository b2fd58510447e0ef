"""Recommended paths on "My learning" (the learners of the departments) and
HR's page of their town's paths, with withdrawal."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses import actions
from courses.models import Enrolment, LearningPath
from courses.testing import CatalogueTestCase
from lms.models import Department, Organisation, User


def make_path(
    town: Organisation,
    departments: list[Department],
    courses: list,
    title: str = "Secure every workstation",
) -> LearningPath:
    return actions.create_learning_path(
        town,
        title=title,
        reason=LearningPath.Reason.DIGITAL_PLAN,
        courses=courses,
        departments=departments,
        created_by=User.objects.filter(organisation=town, is_hr_admin=True).get(),
    )


class MyLearningPathTests(CatalogueTestCase):
    url = reverse("courses:my-learning")

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))

    def test_the_learner_sees_the_path_why_and_each_courses_state(self) -> None:
        path = make_path(
            self.town, [self.engineering], [self.course, self.private_course]
        )
        actions.enrol(self.ada, self.private_course)
        done = Enrolment.objects.create(user=self.ada, course=self.course)
        Enrolment.objects.filter(pk=done.pk).update(completed_at=timezone.now())
        User.objects.filter(pk=self.ada.pk).update(preferred_language="en")
        self.client.force_login(self.ada)
        response = self.client.get(self.url)
        [entry] = response.context["paths"]
        self.assertEqual(entry.path, path)
        self.assertEqual(
            [(s.course, s.state) for s in entry.steps],
            [(self.course, "done"), (self.private_course, "in_progress")],
        )
        self.assertEqual(entry.percent, 50)
        self.assertContains(
            response, "Why: for the digital plan action “Secure every workstation”."
        )
        self.assertContains(response, "1 of 2 courses done")
        # Advice: nothing is due, nothing is late.
        self.assertEqual(response.context["assigned"], [])
        self.assertNotContains(response, "Late")

    def test_sub_departments_see_it_other_departments_and_towns_do_not(self) -> None:
        make_path(self.town, [self.engineering], [self.course])
        for person, count in (
            (self.sam, 1),  # Support, under Engineering
            (self.ben, 1),
            (self.dev, 0),  # Finance
            (self.eli, 0),  # an official
            (self.marc, 0),  # Montval
        ):
            self.client.force_login(person)
            paths = self.client.get(self.url).context["paths"]
            self.assertEqual(len(paths), count, person)

    def test_it_reads_in_french(self) -> None:
        make_path(self.town, [self.engineering], [self.course])
        self.client.force_login(self.ada)
        with translation.override("fr"):
            response = self.client.get(self.url, headers={"accept-language": "fr"})
        self.assertContains(response, "Parcours recommandés")
        self.assertContains(
            response,
            "Pourquoi : pour l’action du plan numérique « Secure every workstation ».",
        )

    def test_a_withdrawn_path_is_no_longer_shown(self) -> None:
        path = make_path(self.town, [self.engineering], [self.course])
        actions.withdraw_learning_path(path)
        self.client.force_login(self.ada)
        response = self.client.get(self.url)
        self.assertEqual(response.context["paths"], [])
        self.assertNotContains(response, "Recommended paths")

    def test_the_page_costs_the_same_whatever_the_number_of_paths(self) -> None:
        make_path(self.town, [self.engineering], [self.course])
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.ada)
        self.client.get(self.url)  # warm the cached site
        with CaptureQueriesContext(connection) as one:
            self.client.get(self.url)
        make_path(self.town, [self.support], [self.private_course, self.course])
        make_path(self.town, [self.resources], [self.course, self.private_course])
        # 9 as without a path (courses/tests/test_views_learning.py's pin), and the paths'
        # courses (one query for all).
        with self.assertNumQueries(10):
            response = self.client.get(self.url)
        self.assertEqual(len(one), 10)
        self.assertEqual(len(response.context["paths"]), 2)  # not Support's


class LearningPathsPageTests(CatalogueTestCase):
    url = reverse("courses:learning-paths")

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.path = make_path(cls.town, [cls.engineering], [cls.course])
        cls.montval_path = make_path(
            cls.other_town, [cls.other_hr_department], [cls.montval_course], "Autre"
        )

    def test_hr_sees_the_paths_of_their_own_town_only(self) -> None:
        for person, expected in (
            (self.cleo, self.path),
            (self.hugo, self.montval_path),
        ):
            self.client.force_login(person)
            response = self.client.get(self.url)
            self.assertEqual(list(response.context["paths"]), [expected], person)

    def test_the_page_costs_the_same_whatever_the_number_of_paths(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(self.url)
        # The person, the paths, their departments, their courses.
        with self.assertNumQueries(4):
            self.client.get(self.url)
        make_path(self.town, [self.finance], [self.course, self.private_course])
        with self.assertNumQueries(4):
            self.client.get(self.url)

    def test_learners_managers_officials_and_authors_get_403(self) -> None:
        for person in (self.ada, self.ben, self.eli, self.aurore):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url).status_code, 403, person)

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])


class WithdrawPathTests(CatalogueTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.path = make_path(cls.town, [cls.engineering], [cls.course])

    def withdraw(self) -> int:
        url = reverse("courses:learning-path-withdraw", args=[self.path.pk])
        return self.client.post(url).status_code

    def test_hr_of_the_town_withdraws_it(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.withdraw(), 302)
        self.assertFalse(LearningPath.objects.exists())

    def test_hr_of_another_town_gets_404_and_nothing_changes(self) -> None:
        self.client.force_login(self.hugo)
        self.assertEqual(self.withdraw(), 404)
        self.assertTrue(LearningPath.objects.filter(pk=self.path.pk).exists())

    def test_a_learner_manager_or_official_gets_403_and_nothing_changes(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            self.client.force_login(person)
            self.assertEqual(self.withdraw(), 403, person)
        self.assertTrue(LearningPath.objects.filter(pk=self.path.pk).exists())

    def test_anonymous_is_sent_to_sign_in_and_nothing_changes(self) -> None:
        self.assertEqual(self.withdraw(), 302)
        self.assertTrue(LearningPath.objects.filter(pk=self.path.pk).exists())

    def test_a_get_changes_nothing(self) -> None:
        self.client.force_login(self.cleo)
        url = reverse("courses:learning-path-withdraw", args=[self.path.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertTrue(LearningPath.objects.filter(pk=self.path.pk).exists())
