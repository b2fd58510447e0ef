"""The diagnosis's writes (``reporting.maturity.actions``): opening, inviting,
answering, town questions and closing, each with who or what is refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from reporting.maturity import actions
from reporting.maturity.models import Answer, Assessment, Group, Question
from reporting.maturity.tests.base import MaturityTestCase


class OpenAndInviteTests(MaturityTestCase):
    def test_hr_opens_one_assessment_a_year_for_its_town(self) -> None:
        assessment = self.open()
        self.assertEqual(
            (assessment.organisation, assessment.year, assessment.opened_by),
            (self.town, 2026, self.cleo),
        )
        with self.assertRaises(ValidationError):
            self.open()
        self.assertEqual(Assessment.objects.count(), 1)

    def test_people_other_than_hr_open_nothing(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            with self.assertRaises(PermissionDenied):
                actions.open_assessment(person, year=2026)
        self.assertFalse(Assessment.objects.exists())

    def test_a_person_is_invited_once(self) -> None:
        assessment = self.open()
        actions.invite(assessment, person=self.ben, group=Group.MANAGEMENT)
        with self.assertRaises(ValidationError):
            actions.invite(assessment, person=self.ben, group=Group.IT)
        self.assertEqual(assessment.invitations.count(), 1)


class AnswerTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assessment = self.open()
        self.invitation = actions.invite(
            self.assessment, person=self.ben, group=Group.MANAGEMENT, notify=False
        )
        self.questions = actions.questions_for(self.invitation)

    def test_answers_are_replaced_not_added(self) -> None:
        first = self.questions[0].pk
        actions.save_answers(self.invitation, levels={first: 2}, submit=False)
        actions.save_answers(self.invitation, levels={first: None}, submit=True)
        self.assertEqual(
            list(self.invitation.answers.values_list("question_id", "level")),
            [(first, None)],
        )
        self.invitation.refresh_from_db()
        self.assertIsNotNone(self.invitation.submitted_at)

    def test_an_answer_to_a_question_not_asked_saves_nothing(self) -> None:
        asked = {q.pk for q in self.questions}
        other = Question.objects.exclude(pk__in=asked).first()
        assert other is not None
        with self.assertRaises(ValidationError):
            actions.save_answers(
                self.invitation,
                levels={self.questions[0].pk: 3, other.pk: 3},
                submit=True,
            )
        self.assertFalse(Answer.objects.exists())

    def test_a_closed_assessment_takes_no_more_answers(self) -> None:
        actions.close_assessment(self.assessment)
        with self.assertRaises(ValidationError):
            actions.save_answers(
                self.invitation, levels={self.questions[0].pk: 3}, submit=True
            )
        with self.assertRaises(ValidationError):
            actions.close_assessment(self.assessment)
        self.assertFalse(Answer.objects.exists())


class TownQuestionTests(MaturityTestCase):
    def test_hr_adds_a_question_only_its_town_is_asked(self) -> None:
        dimension = self.questionnaire.dimensions.first()
        question = actions.add_town_question(
            self.cleo,
            dimension=dimension,
            text_en="Do you use shared calendars?",
            text_fr="",
            groups=[Group.MANAGEMENT, "not-a-group"],
        )
        self.assertEqual(
            (question.organisation, question.text_fr, question.groups),
            (self.town, "Do you use shared calendars?", [Group.MANAGEMENT]),
        )
        self.assertFalse(
            Question.objects.visible_to(self.other_town).filter(pk=question.pk).exists()
        )

    def test_a_learner_adds_no_question(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.add_town_question(
                self.ada,
                dimension=self.questionnaire.dimensions.first(),
                text_en="Mine",
                text_fr="",
                groups=[Group.IT],
            )
        self.assertFalse(Question.objects.filter(organisation=self.town).exists())
