"""``manage.py load_demo`` loads two years of history that tells a story, and
loading it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command
from django.db.models import Count, Max, Min, Sum
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from courses.models import (
    Assignment,
    Certificate,
    Enrolment,
    LessonCompletion,
)
from courses.queries import (
    assignment_report,
    recommended_courses,
    team_recommendations,
)
from courses.records.models import Statement
from courses.training.models import Attendance, Registration, TrainingSession
from lms.models import Department, User
from reporting.models import SkillsSummary
from reporting.queries import month_start
from skills.models import Evidence, MonthlySnapshot
from skills.queries import current_framework_version, current_levels
from skills.rules import TRUST_OF_SOURCE


def load() -> None:
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())


def state() -> dict[str, Any]:
    """Everything the demo writes that a page reads, as comparable values."""
    return {
        "people": list(
            User.objects.order_by("pk").values_list(
                "pk", "manager_id", "department_id", "hire_date"
            )
        ),
        "evidence": list(
            Evidence.objects.order_by(
                "person_id", "competence_id", "observed_at", "pk"
            ).values_list("person_id", "competence_id", "level", "source", "trust")
        ),
        "snapshots": MonthlySnapshot.objects.aggregate(n=Count("pk"), s=Sum("level")),
        "summary": SkillsSummary.objects.aggregate(
            n=Count("pk"), p=Sum("people"), a=Sum("at_or_above")
        ),
        "enrolments": Enrolment.objects.count(),
        "completed": Enrolment.objects.filter(completed_at__isnull=False).count(),
        "lessons": LessonCompletion.objects.count(),
        "certificates": Certificate.objects.count(),
        "statements": Statement.objects.count(),
        "assignments": list(
            Assignment.objects.order_by("pk").values_list("course_id", "due_date")
        ),
        "registrations": Registration.objects.count(),
        "attendance": Attendance.objects.count(),
    }


class DemoHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load()

    def share_at_level(self, town: str, month: dt.date, code: str = "") -> float:
        rows = SkillsSummary.objects.filter(organisation__slug=town, month=month)
        if code:
            path = Department.objects.get(organisation__slug=town, code=code).path
            rows = rows.filter(department__path__startswith=path)
        totals = rows.aggregate(a=Sum("at_or_above"), w=Sum("with_expectation"))
        return (totals["a"] or 0) / (totals["w"] or 1)

    def test_loading_it_again_changes_nothing(self) -> None:
        before = state()
        load()
        self.assertEqual(state(), before)

    def test_a_past_workshop_with_attendance_and_a_coming_one_with_seats(
        self,
    ) -> None:
        now = timezone.now()
        sessions = TrainingSession.objects.annotate(
            start=Min("slots__starts_at")
        ).order_by("start")
        past, coming = list(sessions)
        self.assertLess(past.start, now)
        marks = Attendance.objects.filter(slot__session=past)
        self.assertEqual(marks.filter(status="present").count(), 8)
        self.assertEqual(marks.exclude(status="present").count(), 2)
        self.assertGreater(coming.start, now)
        self.assertTrue(coming.registration_is_open())
        taken = Registration.objects.filter(session=coming, status="confirmed").count()
        self.assertLess(taken, coming.capacity)
        lesson = coming.training.course.get_children().last().specific
        self.assertIn("training", [block.block_type for block in lesson.body])

    def test_both_towns_have_two_years_of_monthly_history(self) -> None:
        """Snapshots run from two years ago to this month, and staff hired
        meanwhile join the figures as they arrive."""
        this_month = timezone.localdate().replace(day=1)
        for town in ("saint-aubin", "montval"):
            with self.subTest(town=town):
                snapshots = MonthlySnapshot.objects.filter(organisation__slug=town)
                span = snapshots.aggregate(first=Min("month"), last=Max("month"))
                self.assertLessEqual(span["first"], month_start(24))
                self.assertEqual(span["last"], this_month)
                people = [
                    snapshots.filter(month=month).values("person_id").distinct().count()
                    for month in (month_start(22), this_month)
                ]
                self.assertGreater(people[1], people[0])
                self.assertGreater(
                    self.share_at_level(town, this_month),
                    self.share_at_level(town, month_start(22)) + 0.2,
                )

    def test_one_direction_improved_and_another_lagged(self) -> None:
        """Over the last year Saint-Aubin's population directorate (its
        training plan) gains far more than its technical services."""
        now, year_ago = timezone.localdate().replace(day=1), month_start(13)

        def gain(code: str) -> float:
            return self.share_at_level("saint-aubin", now, code) - (
                self.share_at_level("saint-aubin", year_ago, code)
            )

        self.assertGreater(gain("DPO"), gain("DST") + 0.2)

    def test_evidence_carries_the_trust_its_source_has_under_the_rule(
        self,
    ) -> None:
        """Quizzes and courses scored by the platform, self-assessments by the
        person, validations by the person's own manager."""
        for source, trust in Evidence.objects.values_list("source", "trust").distinct():
            self.assertEqual(trust, TRUST_OF_SOURCE[source], source)
        validations = Evidence.objects.filter(source="manager").select_related("person")
        self.assertTrue(validations.exists())
        for evidence in validations[:200]:
            self.assertEqual(evidence.recorded_by_id, evidence.person.manager_id)
        self.assertTrue(Evidence.objects.filter(source="quiz").exists())
        self.assertTrue(Evidence.objects.filter(source="course").exists())

    def test_mandatory_training_is_partly_done_partly_due_and_a_few_late(
        self,
    ) -> None:
        """Saint-Aubin's cybersecurity campaign is due soon: some done, some
        not yet, nobody late; Montval's was due weeks ago: most done, a few late."""
        statuses = {}
        for assignment in Assignment.objects.select_related("organisation", "course"):
            report = [row["status"] for row in assignment_report(assignment)]
            key = (assignment.organisation.slug, assignment.course.slug)
            statuses[key] = {s: report.count(s) / len(report) for s in set(report)}
        campaign = statuses[("saint-aubin", "cybersecurite-essentiels")]
        self.assertGreater(campaign.get("done", 0), 0.3)
        self.assertGreater(campaign.get("not_started", 0), 0.1)
        self.assertNotIn("late", campaign)
        past = statuses[("montval", "cybersecurite-essentiels")]
        self.assertGreater(past.get("done", 0), 0.5)
        self.assertGreater(past.get("late", 0), 0)
        for key, shares in statuses.items():
            self.assertLess(shares.get("late", 0), 0.25, key)

    def test_ada_has_a_story_of_her_own(self) -> None:
        """Ada is half-way through the campaign's course, due in three weeks; she
        has gaps, and a course that closes one is recommended to her."""
        ada = User.objects.get(username="ada")
        campaign = Assignment.objects.get(
            organisation=ada.organisation, course__slug="cybersecurite-essentiels"
        )
        row = next(r for r in assignment_report(campaign) if r["person"] == ada)
        self.assertEqual(row["status"], "in_progress")
        self.assertGreater(row["due"], timezone.localdate())
        version = current_framework_version()
        assert version is not None
        levels = current_levels(ada, version)
        self.assertGreaterEqual(sum(1 for item in levels if item.gap), 2)
        self.assertTrue(recommended_courses(ada, levels))
        self.assertGreater(
            MonthlySnapshot.objects.filter(person=ada)
            .values("month")
            .distinct()
            .count(),
            12,
        )

    def test_bens_team_page_offers_each_person_what_their_own_page_does(
        self,
    ) -> None:
        """Ben leads Ada and five technicians; for each of them, the ranking his
        team page merges is the one their own skills page shows."""
        ben = User.objects.get(username="ben")
        version = current_framework_version()
        assert version is not None
        team = team_recommendations(ben)
        self.assertGreaterEqual(len(team), 6)
        for person, ranking in team.items():
            own = recommended_courses(person, current_levels(person, version))
            self.assertEqual(
                [e.course.pk for e in ranking[: len(own)]],
                [e.course.pk for e in own],
            )

    def test_saint_aubins_peer_learning_shows_figures(self) -> None:
        """Cléo's dashboard shows the peer-learning figures, not "too few
        people": six colleagues talked in the cybersecurity community over
        three months and five of the town's people are in a mentoring (k = 5)."""
        self.client.force_login(User.objects.get(username="cleo"))
        response = self.client.get(reverse("reporting:hr-dashboard"))
        peer = response.context["peer"]
        self.assertEqual(peer["community"].state, "shown")
        self.assertEqual(peer["mentoring"].state, "shown")
        months = [
            dict(zip(peer["community"].table["columns"], row, strict=True))
            for row in peer["community"].table["rows"]
        ]
        posted = [m["active"] for m in months if isinstance(m["active"], int)]
        self.assertGreaterEqual(len(posted), 3)
        self.assertGreaterEqual(min(posted), 5)

    def test_five_councillors_have_finished_their_track_and_eli_has_not(
        self,
    ) -> None:
        """The council's awareness figure is not an empty 0 %: five of the nine
        councillors finished the module, one has begun, Eli has it to do."""
        eli = User.objects.get(username="eli")
        track = Assignment.objects.get(
            organisation=eli.organisation, course__slug="strategie-numerique-locale"
        )
        statuses = [row["status"] for row in assignment_report(track)]
        self.assertEqual(len(statuses), 9)
        self.assertEqual(statuses.count("done"), 5)
        self.assertEqual(statuses.count("in_progress"), 1)
        mine = next(r for r in assignment_report(track) if r["person"] == eli)
        self.assertEqual(mine["status"], "not_started")
