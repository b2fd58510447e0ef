"""Peer learning on the HR dashboard and the council summary: communities and
mentoring of the town, aggregated, nothing about fewer than k people."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pandas as pd
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from courses.community import actions as community
from courses.community.models import Thread
from courses.mentoring import actions as mentoring
from courses.mentoring.models import OptIn
from courses.mentoring.tests.base import give_level, join
from lms.models import User
from lms.testing import make_person
from reporting import frames
from skills.models import Competence
from skills.testing import SkillsTestCase

HR = reverse("reporting:hr-dashboard")
COUNCIL = reverse("reporting:council-dashboard")


class PeerLearningTestCase(SkillsTestCase):
    """Six people of Saint-Aubin each asked a question in Montval's network
    community; Marc of Montval answered them all and three were accepted.
    Three Saint-Aubin mentors were paired with three Saint-Aubin mentees.
    Montval: Marc (and Hugo, who opened the community without posting) — one
    person, too few."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        User.objects.update(preferred_language="en")
        cls.c13 = Competence.objects.get(version=cls.version, code="1.3")
        cls.space = community.create_community(
            cls.hugo, organisation=cls.other_town, name="Open data"
        )
        cls.askers = [make_person(f"asker{i}", cls.town) for i in range(6)]
        for index, person in enumerate(cls.askers):
            thread = community.start_thread(
                person,
                cls.space,
                kind=Thread.Kind.QUESTION,
                title=f"Question {index}",
                body="How do we publish it?",
            )
            answer = community.reply(cls.marc, thread, body="Like this.")
            if index < 3:
                community.accept_answer(person, answer)
        for index in range(3):
            mentor = make_person(f"mentor{index}", cls.town)
            give_level(mentor, cls.c13, 4)
            join(mentor, cls.c13, OptIn.Role.MENTOR)
            join(cls.askers[index], cls.c13, OptIn.Role.MENTEE, target=2)
        mentoring.run_round(cls.network, by=cls.cleo)

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))


class HRPeerLearningTests(PeerLearningTestCase):
    def test_hr_sees_the_towns_community_activity_per_month(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR)
        peer = response.context["peer"]
        self.assertEqual(peer["community"].state, "shown")
        table = peer["community"].table
        self.assertEqual(
            table["columns"],
            ["month", "active", "questions", "answered", "accepted", "suppressed"],
        )
        # The askers posted, asked and were all answered; none of them answered.
        self.assertEqual(table["rows"][-1][1:], [6, 6, 6, 0, "no"])
        self.assertContains(response, "Questions answered")

    def test_hr_sees_the_towns_mentoring(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR)
        mentoring_table = response.context["peer"]["mentoring"].table
        self.assertEqual(response.context["peer"]["mentoring"].state, "shown")
        row = dict(
            zip(mentoring_table["columns"], mentoring_table["rows"][0], strict=True)
        )
        self.assertEqual(row["people"], 6)
        self.assertEqual(row["active"], 3)
        self.assertEqual(row["finished"], 0)
        self.assertEqual(row["moved"], frames.BLANK)  # nobody finished yet

    def test_a_town_with_too_few_people_shows_no_figure(self) -> None:
        """Montval: only Marc posted (his three accepted answers included)."""
        self.client.force_login(self.hugo)
        response = self.client.get(HR)
        peer = response.context["peer"]
        self.assertEqual(peer["community"].state, "too_few")
        self.assertContains(response, 'id="peer-community-too-few"')
        self.assertContains(response, "Too few people")
        self.assertNotContains(response, "Questions answered")
        self.assertEqual(peer["mentoring"].state, "none")

    def test_hr_of_another_town_sees_only_its_own(self) -> None:
        """Hugo cannot ask for Saint-Aubin: the dashboard refuses another town."""
        self.client.force_login(self.hugo)
        response = self.client.get(HR, {"organisation": self.town.pk})
        self.assertEqual(response.status_code, 403)

    def test_a_small_mentoring_shows_too_few_people(self) -> None:
        """Two people of Montval in one mentoring: no figure at all."""
        give_level(self.hugo, self.c13, 4)
        join(self.hugo, self.c13, OptIn.Role.MENTOR)
        join(self.marc, self.c13, OptIn.Role.MENTEE, target=2)
        mentoring.run_round(self.network, by=self.hugo)
        self.client.force_login(self.hugo)
        response = self.client.get(HR)
        self.assertEqual(response.context["peer"]["mentoring"].state, "too_few")
        self.assertContains(response, 'id="peer-mentoring-too-few"')

    def test_the_query_count_does_not_grow_with_activity(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(HR)
        # 13: the 8 of the dashboard (test_views_dashboard; each chart's
        # figures are read by its part), then four reads of communities
        # (posts, questions, accepted answers, people) and one of the town's
        # mentorings (their snapshots only once one finished).
        with self.assertNumQueries(13):
            self.client.get(HR)
        for index in range(3, 6):
            give_level(make_person(f"late{index}", self.town), self.c13, 4)
        with self.assertNumQueries(13):
            self.client.get(HR)


class CouncilPeerLearningTests(PeerLearningTestCase):
    def test_an_official_sees_the_figures_of_the_council_summary(self) -> None:
        self.client.force_login(self.eli)
        response = self.client.get(COUNCIL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["peer"]["community"].state, "shown")
        self.assertEqual(response.context["peer"]["mentoring"].state, "shown")
        self.assertContains(response, "Mentorings active")

    def test_the_council_summary_reads_a_fixed_number_of_queries(self) -> None:
        self.client.force_login(self.eli)
        self.client.get(COUNCIL)
        # 17: the session's user, level names, competences, the organisation,
        # the last refresh, department names, growth and assignments (the
        # headlines; each chart's figures are read by its part), officials'
        # assignments, four of communities, the mentorings, the maturity
        # diagnosis and two of the plan.
        with self.assertNumQueries(17):
            self.client.get(COUNCIL)

    def test_a_learner_sees_no_council_summary(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(COUNCIL).status_code, 403)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self) -> None:
        response = self.client.get(COUNCIL)
        self.assertEqual(response.status_code, 302)


class PeerFramesTests(SimpleTestCase):
    def test_a_month_start_in_the_towns_time_zone_stays_in_its_month(self) -> None:
        """``TruncMonth`` answers midnight of the 1st in Paris, which is still
        the month before in UTC: the row belongs to the month of the wall clock."""
        paris = zoneinfo.ZoneInfo("Europe/Paris")
        september = dt.datetime(2026, 9, 1, tzinfo=paris)
        frame = frames.community_frame(
            {
                "active": [{"month": september, "active": 6}],
                "questions": [],
                "accepted": [],
            }
        )
        self.assertEqual(list(frame["month"]), [pd.Timestamp("2026-09-01")])

    def test_counts_about_fewer_than_k_people_are_blank(self) -> None:
        frame = frames.community_frame(
            {
                "active": [{"month": "2026-11-01", "active": 7}],
                "questions": [
                    {
                        "month": "2026-11-01",
                        "questions": 9,
                        "askers": 6,
                        "answered": 8,
                        "answered_askers": 5,
                        "unanswered_askers": 1,
                    }
                ],
                "accepted": [
                    {"month": "2026-11-01", "accepted_answers": 2, "answerers": 2}
                ],
            }
        )
        row = frame.iloc[0]
        self.assertEqual((row["active"], row["questions"]), (7, 9))
        # 9 − answered would name the one asker left unanswered.
        self.assertTrue(frame[["answered", "accepted"]].isna().all(axis=None))
        self.assertTrue(row["suppressed"])

    def test_mentoring_of_fewer_than_k_people_is_blank(self) -> None:
        rows = [
            {
                "status": "finished",
                "mentor": 1,
                "mentee": 2,
                "sessions": 3,
                "minutes": 120,
                "moved": 1,
            }
        ]
        frame = frames.mentoring_frame(rows)
        self.assertTrue(frame.drop(columns="suppressed").isna().all(axis=None))

    def test_the_share_whose_level_rose_needs_k_on_both_sides(self) -> None:
        rows = [
            {
                "status": "finished",
                "mentor": 100 + i,
                "mentee": i,
                "sessions": 2,
                "minutes": 60,
                "moved": 1 if i < 5 else 0,
            }
            for i in range(10)
        ]
        frame = frames.mentoring_frame(rows)
        self.assertEqual(frame.iloc[0]["moved"], 50)
        self.assertEqual(frame.iloc[0]["hours"], 10.0)
        frame = frames.mentoring_frame(rows[:8])
        self.assertTrue(frame[["moved"]].isna().all(axis=None))
        self.assertEqual(frame.iloc[0]["finished"], 8)
