"""The one ranking of courses for gaps (courses.queries.recommendations), on the
learner's own skills page and on their manager's team page."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from courses.demo.builders import make_course
from courses.models import CourseCompetence, CoursePage, Enrolment
from courses.queries import courses_for_gaps, recommended_courses
from courses.testing import CatalogueTestCase
from lms.models import User
from lms.testing import make_person
from skills.actions import load_digcomp, record_evidence, set_expectation
from skills.models import Competence
from skills.queries import current_levels, gaps_for_people


class RecommendationTestCase(CatalogueTestCase):
    """Developers are expected at 4.1 ≥ 3, 4.2 ≥ 2 and 1.3 ≥ 2. Ada stands at
    4.1 = 1, 4.2 = 1, 1.3 = 2 (no gap there); Eve, another developer of Ben's, at
    4.1 = 1, 4.2 = 1, 1.3 = 1.

    Courses: ``closes_41`` (4.1 at 3), ``closes_42`` (4.2 at 2), ``too_low_41``
    (4.1 at 2: below the expected 3), ``for_13`` (1.3 at 3), ``done_42`` (4.2 at
    2, which Ada completed without reaching its minimum score, so her level did
    not move)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        version = load_digcomp()
        cls.version = version
        codes = {c.code: c for c in Competence.objects.filter(version=version)}
        cls.c41, cls.c42, cls.c13 = codes["4.1"], codes["4.2"], codes["1.3"]
        for competence, level in ((cls.c41, 3), (cls.c42, 2), (cls.c13, 2)):
            set_expectation(cls.developer_role, competence, level=level)
        cls.eve = make_person(
            "eve",
            cls.town,
            department=cls.engineering,
            job_role=cls.developer_role,
            manager=cls.ben,
        )
        when = timezone.now() - dt.timedelta(days=40)
        for person, levels in (
            (cls.ada, {cls.c41: 1, cls.c42: 1, cls.c13: 2}),
            (cls.eve, {cls.c41: 1, cls.c42: 1, cls.c13: 1}),
        ):
            for competence, level in levels.items():
                record_evidence(
                    person,
                    competence=competence,
                    level=level,
                    source="quiz",
                    observed_at=when,
                )
        cls.closes_41 = cls._course("closes-41", [(cls.c41, 3)])
        cls.closes_42 = cls._course("closes-42", [(cls.c42, 2)])
        cls.too_low_41 = cls._course("too-low-41", [(cls.c41, 2)])
        cls.for_13 = cls._course("for-13", [(cls.c13, 3)])
        cls.done_42 = cls._course("done-42", [(cls.c42, 2)], min_score=80)
        Enrolment.objects.create(
            user=cls.ada, course=cls.done_42, completed_at=when + dt.timedelta(days=1)
        )

    @classmethod
    def _course(
        cls,
        slug: str,
        links: list[tuple[Competence, int]],
        *,
        min_score: int | None = None,
    ) -> CoursePage:
        course = make_course(cls.section, slug=slug, lessons=1, language="fr")
        for order, (competence, level) in enumerate(links):
            CourseCompetence.objects.create(
                course=course,
                competence=competence,
                level=level,
                min_score=min_score,
                sort_order=order,
            )
        return course

    def ranking(self, person: User) -> list[str]:
        levels = current_levels(person, self.version)
        return [entry.course.slug for entry in recommended_courses(person, levels)]


class RankingRulesTests(RecommendationTestCase):
    def test_it_ranks_the_courses_that_close_a_gap_largest_gap_first(self) -> None:
        """4.1 is two levels short, 4.2 one: the 4.1 course comes first."""
        self.assertEqual(self.ranking(self.ada), ["closes-41", "closes-42"])

    def test_it_never_recommends_a_course_the_person_completed(self) -> None:
        """Ada completed done-42; Eve, with the same gap, did not and gets it."""
        self.assertNotIn("done-42", self.ranking(self.ada))
        self.assertIn("done-42", self.ranking(self.eve))

    def test_it_never_recommends_a_course_that_cannot_close_the_gap(self) -> None:
        """too-low-41 certifies 4.1 at 2, below the expected 3: nobody gets it,
        though both are short on 4.1."""
        self.assertNotIn("too-low-41", self.ranking(self.ada))
        self.assertNotIn("too-low-41", self.ranking(self.eve))

    def test_it_never_recommends_a_course_for_a_competence_without_a_gap(
        self,
    ) -> None:
        """Ada meets 1.3 and is not sent to for-13; Eve is short on 1.3 and is."""
        self.assertNotIn("for-13", self.ranking(self.ada))
        self.assertIn("for-13", self.ranking(self.eve))

    def test_a_course_in_another_language_is_not_recommended(self) -> None:
        """Ada reads English: the French courses are not offered to her."""
        self.ada.preferred_language = "en"
        self.ada.save(update_fields=["preferred_language"])
        self.assertEqual(self.ranking(self.ada), [])

    def test_the_team_list_merges_each_persons_own_ranking(self) -> None:
        """Ben's team page names, for each course, the people it is for: Ada's
        courses are exactly her own list, Eve's exactly hers."""
        team = self.ben.reports.all()
        entries = courses_for_gaps(
            self.ben, gaps_for_people(team, self.version), limit=10
        )
        for person in (self.ada, self.eve):
            with self.subTest(person=person.username):
                for_person = [e.course.slug for e in entries if person in e.people]
                self.assertEqual(sorted(for_person), sorted(self.ranking(person)))


class BothPagesAgreeTests(RecommendationTestCase):
    def test_the_learners_page_and_the_managers_page_show_the_same_list(
        self,
    ) -> None:
        """With Eve gone, Ben's team has gaps only through Ada: his team page
        recommends what Ada's own skills page recommends, in the same order."""
        self.eve.manager = None
        self.eve.save(update_fields=["manager"])
        self.client.force_login(self.ada)
        own = self.client.get(reverse("reporting:my-skills"))
        self.assertEqual(own.status_code, 200)
        self.client.force_login(self.ben)
        team = self.client.get(reverse("reporting:team-skills"))
        self.assertEqual(team.status_code, 200)
        own_list = [e.course.slug for e in own.context["recommendations"]]
        team_list = [e.course.slug for e in team.context["recommendations"]]
        self.assertEqual(own_list, ["closes-41", "closes-42"])
        self.assertEqual(team_list, own_list)

    def test_someone_outside_the_team_is_not_ranked_on_the_managers_page(
        self,
    ) -> None:
        """Dev is not Ben's: his gaps add nothing to Ben's list."""
        set_expectation(self.accountant_role, self.c13, level=4)
        entries = courses_for_gaps(self.ben, {self.c13.pk: 5}, limit=10)
        people = [p for e in entries for p in e.people]
        self.assertIn(self.eve, people)
        self.assertNotIn(self.dev, people)
