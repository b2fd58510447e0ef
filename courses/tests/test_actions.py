import datetime as dt
import uuid

import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from courses import actions
from courses.models import (
    Assignment,
    Certificate,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
    ReminderSent,
)
from courses.queries import due_date_for
from courses.records import actions as records_actions
from courses.records import xapi
from courses.records.models import Statement
from courses.testing import CatalogueTestCase

RIGHT = {0: [1], 1: [0, 2]}
WRONG = {0: [0], 1: [1]}


class EnrolTests(CatalogueTestCase):
    def test_enrolling_twice_keeps_one_enrolment_and_one_statement(self) -> None:
        first = actions.enrol(self.ada, self.course)
        second = actions.enrol(self.ada, self.course)
        self.assertEqual(first, second)
        statements = Statement.objects.filter(verb=xapi.VERBS["registered"])
        self.assertEqual(statements.count(), 1)
        context = statements.get().data["context"]["extensions"]
        self.assertEqual(context[xapi.extension_iri("department")], "ENG")
        self.assertEqual(context[xapi.extension_iri("organisation")], "saint-aubin")

    def test_a_private_course_of_another_town_cannot_be_taken(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.enrol(self.ada, self.montval_private)
        self.assertFalse(Enrolment.objects.exists())

    def test_prerequisites_must_be_completed_first(self) -> None:
        self.montval_course.prerequisites.add(self.course)
        self.montval_course.save()
        with self.assertRaises(ValidationError):
            actions.enrol(self.ada, self.montval_course)


class QuizTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(self.enrolment, self.lessons[0])

    def submit(self, answers, token=None):
        return actions.submit_quiz(
            self.enrolment,
            lesson=self.quiz_lesson,
            block_id=self.quiz_id,
            answers=answers,
            token=token or uuid.uuid4(),
        )

    def test_the_server_scores_and_keeps_every_attempt(self) -> None:
        failed = self.submit(WRONG)
        passed = self.submit(RIGHT)
        self.assertFalse(failed.result.passed)
        self.assertTrue(passed.result.passed)
        self.assertEqual(
            list(QuizAttempt.objects.values_list("number", "passed")),
            [(1, False), (2, True)],
        )
        verbs = list(Statement.objects.values_list("verb", flat=True))
        self.assertEqual(verbs.count(xapi.VERBS["failed"]), 1)
        self.assertEqual(verbs.count(xapi.VERBS["passed"]), 1)

    def test_the_same_form_posted_twice_records_one_attempt(self) -> None:
        token = uuid.uuid4()
        first = self.submit(RIGHT, token)
        again = self.submit(RIGHT, token)
        self.assertTrue(first.created)
        self.assertFalse(again.created)
        self.assertEqual(QuizAttempt.objects.count(), 1)
        self.assertEqual(
            Statement.objects.filter(verb=xapi.VERBS["answered"]).count(), 1
        )

    def test_attempts_stop_at_the_maximum(self) -> None:
        self.submit(WRONG)
        self.submit(WRONG)
        with self.assertRaises(ValidationError):
            self.submit(RIGHT)
        self.assertEqual(QuizAttempt.objects.count(), 2)

    def test_a_passed_quiz_cannot_be_retaken(self) -> None:
        self.submit(RIGHT)
        with self.assertRaises(ValidationError):
            self.submit(RIGHT)

    def test_someone_elses_attempt_token_is_refused(self) -> None:
        token = uuid.uuid4()
        self.submit(WRONG, token)
        other = actions.enrol(self.ben, self.course)
        with self.assertRaises(PermissionDenied):
            actions.submit_quiz(
                other,
                lesson=self.quiz_lesson,
                block_id=self.quiz_id,
                answers=RIGHT,
                token=token,
            )

    def test_a_quiz_in_a_lesson_not_yet_reached_is_refused(self) -> None:
        other = actions.enrol(self.ben, self.course)
        with self.assertRaises(PermissionDenied):
            actions.submit_quiz(
                other,
                lesson=self.quiz_lesson,
                block_id=self.quiz_id,
                answers=RIGHT,
                token=uuid.uuid4(),
            )
        self.assertFalse(QuizAttempt.objects.filter(enrolment=other).exists())


class CompletionTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enrolment = actions.enrol(self.ada, self.course)

    def test_a_lesson_not_yet_reached_cannot_be_completed(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.complete_lesson(self.enrolment, self.lessons[2])
        self.assertFalse(LessonCompletion.objects.exists())

    def test_passing_the_lessons_last_quiz_completes_it_without_a_click(
        self,
    ) -> None:
        actions.complete_lesson(self.enrolment, self.lessons[0])

        def submit(answers):
            return actions.submit_quiz(
                self.enrolment,
                lesson=self.quiz_lesson,
                block_id=self.quiz_id,
                answers=answers,
                token=uuid.uuid4(),
            )

        failed = submit(WRONG)
        self.assertIsNone(failed.completed)
        self.assertFalse(
            LessonCompletion.objects.filter(lesson=self.quiz_lesson).exists()
        )
        passed = submit(RIGHT)
        self.assertEqual(passed.completed.lesson_id, self.quiz_lesson.pk)
        self.assertTrue(
            LessonCompletion.objects.filter(lesson=self.quiz_lesson).exists()
        )

    def test_a_lesson_with_a_quiz_needs_the_quiz_passed(self) -> None:
        actions.complete_lesson(self.enrolment, self.lessons[0])
        with self.assertRaises(ValidationError):
            actions.complete_lesson(self.enrolment, self.quiz_lesson)

    def test_a_lesson_of_another_course_is_refused(self) -> None:
        other = list(self.private_course.get_children().specific())[0]
        with self.assertRaises(PermissionDenied):
            actions.complete_lesson(self.enrolment, other)

    def test_finishing_every_lesson_completes_the_course_with_a_certificate(
        self,
    ) -> None:
        actions.complete_lesson(self.enrolment, self.lessons[0])
        actions.submit_quiz(
            self.enrolment,
            lesson=self.quiz_lesson,
            block_id=self.quiz_id,
            answers=RIGHT,
            token=uuid.uuid4(),
        )
        actions.complete_lesson(self.enrolment, self.quiz_lesson)
        actions.complete_lesson(self.enrolment, self.lessons[2])
        self.enrolment.refresh_from_db()
        self.assertIsNotNone(self.enrolment.completed_at)
        certificate = Certificate.objects.get()
        self.assertEqual(certificate.holder_name, "Ada Test")
        self.assertEqual(certificate.organisation_name, "Saint-Aubin")
        completed = Statement.objects.filter(
            verb=xapi.VERBS["completed"],
            object_id=xapi.activity_iri("course", self.course.pk),
        )
        self.assertEqual(completed.count(), 1)

    def test_completing_a_lesson_twice_changes_nothing(self) -> None:
        actions.complete_lesson(self.enrolment, self.lessons[0])
        actions.complete_lesson(self.enrolment, self.lessons[0])
        self.assertEqual(LessonCompletion.objects.count(), 1)
        self.assertEqual(
            Statement.objects.filter(verb=xapi.VERBS["completed"]).count(), 1
        )


class StatementStoreTests(CatalogueTestCase):
    def test_a_replayed_statement_is_stored_once(self) -> None:
        statement = xapi.build_statement(
            self.ada,
            verb="attempted",
            activity_kind="course",
            activity_key=1,
            activity_name="x",
            statement_id=uuid.uuid4(),
        )
        _, created = records_actions.record_statement(statement, actor=self.ada)
        _, again = records_actions.record_statement(statement, actor=self.ada)
        self.assertTrue(created)
        self.assertFalse(again)
        self.assertEqual(Statement.objects.count(), 1)
        stored = Statement.objects.get()
        self.assertEqual(stored.data["version"], "1.0.3")
        self.assertEqual(stored.data["actor"]["account"]["name"], str(self.ada.pk))


class ReminderTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assignment = actions.create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.FIXED,
            due_date=dt.date(2027, 1, 31),
            departments=[self.engineering],
        )

    def test_nothing_goes_out_long_before_the_due_date(self) -> None:
        self.assertEqual(
            actions.send_assignment_reminders(today=dt.date(2027, 1, 1)), 0
        )

    def test_a_reminder_goes_once_before_and_once_after(self) -> None:
        self.assertEqual(
            actions.send_assignment_reminders(today=dt.date(2027, 1, 26)), 3
        )
        self.assertEqual(
            actions.send_assignment_reminders(today=dt.date(2027, 1, 27)), 0
        )
        self.assertEqual(
            actions.send_assignment_reminders(today=dt.date(2027, 2, 2)), 3
        )
        self.assertEqual(
            actions.send_assignment_reminders(today=dt.date(2027, 2, 9)), 0
        )
        self.assertEqual(len(mail.outbox), 6)
        self.assertEqual(ReminderSent.objects.count(), 6)

    def test_reminders_are_in_the_persons_language(self) -> None:
        self.ada.preferred_language = "en"
        self.ada.save()
        actions.send_assignment_reminders(today=dt.date(2027, 2, 2))
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        self.assertTrue(subjects["ada@example.org"].startswith("Overdue"))
        self.assertTrue(subjects["ben@example.org"].startswith("En retard"))

    @time_machine.travel(dt.datetime(2027, 1, 26, 8, tzinfo=dt.UTC))
    def test_people_who_are_done_get_nothing(self) -> None:
        Enrolment.objects.create(
            user=self.ada,
            course=self.course,
            completed_at=dt.datetime(2027, 1, 2, tzinfo=dt.UTC),
        )
        actions.send_assignment_reminders()
        self.assertNotIn(["ada@example.org"], [m.to for m in mail.outbox])

    def test_two_courses_due_make_one_e_mail_listing_both(self) -> None:
        actions.create_assignment(
            self.town,
            course=self.private_course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.FIXED,
            due_date=dt.date(2027, 1, 29),
            people=[self.ada],
        )
        actions.send_assignment_reminders(today=dt.date(2027, 1, 26))
        to_ada = [m for m in mail.outbox if m.to == ["ada@example.org"]]
        self.assertEqual(len(to_ada), 1)
        self.assertIn("2 formations", to_ada[0].subject)
        body = to_ada[0].body
        self.assertLess(
            body.index(self.private_course.title), body.index(self.course.title)
        )  # the soonest first
        self.assertEqual(ReminderSent.objects.filter(user=self.ada).count(), 2)
        actions.send_assignment_reminders(today=dt.date(2027, 1, 27))
        self.assertEqual(
            len([m for m in mail.outbox if m.to == ["ada@example.org"]]), 1
        )


class ExistingStaffDueDateTests(CatalogueTestCase):
    """An "N days after arrival" assignment counts existing staff from the day
    it was created: a campaign does not make everybody years late at once."""

    @time_machine.travel(dt.datetime(2027, 3, 1, 8, tzinfo=dt.UTC))
    def test_existing_staff_are_due_n_days_after_the_assignment(self) -> None:
        self.ada.hire_date = dt.date(2015, 6, 1)
        self.ada.save()
        assignment = actions.create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.AFTER_HIRE,
            due_days=30,
            people=[self.ada],
        )
        self.assertEqual(due_date_for(assignment, self.ada), dt.date(2027, 3, 31))
        newcomer = self.ada
        newcomer.hire_date = dt.date(2027, 4, 10)
        self.assertEqual(due_date_for(assignment, newcomer), dt.date(2027, 5, 10))


class CourseEvidenceTests(CatalogueTestCase):
    def test_completing_a_mapped_course_records_evidence(self) -> None:
        from courses.models import CourseCompetence
        from skills.actions import load_digcomp
        from skills.models import Evidence, MonthlySnapshot

        version = load_digcomp()
        competence = version.competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.elected_course, competence=competence, level=2
        )
        enrolment = actions.enrol(self.eli, self.elected_course)
        lesson = list(self.elected_course.get_children().specific())[0]
        actions.complete_lesson(enrolment, lesson)
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.person, evidence.level, evidence.source), (self.eli, 2, "course")
        )
        self.assertEqual(evidence.source_ref, f"course:{self.elected_course.pk}")
        self.assertEqual(evidence.trust, "server")  # no content reported anything
        self.assertEqual(enrolment.certificate.established, "server")
        self.assertTrue(
            MonthlySnapshot.objects.filter(person=self.eli, level=2).exists()
        )

    def test_a_minimum_score_not_reached_records_nothing(self) -> None:
        from courses.models import CourseCompetence
        from skills.actions import load_digcomp
        from skills.models import Evidence

        competence = load_digcomp().competences.get(code="4.1")
        CourseCompetence.objects.create(
            course=self.course, competence=competence, level=3, min_score=100
        )
        enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(enrolment, self.lessons[0])
        actions.submit_quiz(
            enrolment,
            lesson=self.quiz_lesson,
            block_id=self.quiz_id,
            answers={0: [1]},
            token=uuid.uuid4(),
        )
        actions.complete_lesson(enrolment, self.quiz_lesson)
        actions.complete_lesson(enrolment, self.lessons[2])
        self.assertFalse(Evidence.objects.exists())


class QuizEvidenceTests(CatalogueTestCase):
    def test_a_passed_quiz_mapped_to_a_competence_records_evidence(self) -> None:
        from courses.demo.builders import quiz_value
        from skills.actions import load_digcomp
        from skills.models import Evidence

        load_digcomp()
        lesson = self.quiz_lesson
        lesson.body = [
            {
                "type": "quiz",
                "value": {
                    **quiz_value(),
                    "competence_code": "4.1",
                    "competence_level": 2,
                },
            }
        ]
        lesson.save()
        block_id = lesson.quiz_blocks()[0].id
        enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(enrolment, self.lessons[0])
        actions.submit_quiz(
            enrolment,
            lesson=lesson,
            block_id=block_id,
            answers=WRONG,
            token=uuid.uuid4(),
        )
        self.assertFalse(Evidence.objects.exists())
        actions.submit_quiz(
            enrolment,
            lesson=lesson,
            block_id=block_id,
            answers=RIGHT,
            token=uuid.uuid4(),
        )
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.source, evidence.level, evidence.competence.code),
            ("quiz", 2, "4.1"),
        )
