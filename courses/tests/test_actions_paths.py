"""Recommended paths: creating one, refusing bad input, withdrawing it."""

from __future__ import annotations

from django.core import mail
from django.core.exceptions import ValidationError

from courses import actions
from courses.models import LearningPath, LearningPathCourse, ReminderSent
from courses.queries import assignments_for
from courses.testing import CatalogueTestCase


class CreateLearningPathTests(CatalogueTestCase):
    def make(self, **overrides: object) -> LearningPath:
        data: dict[str, object] = {
            "title": "Secure every workstation",
            "reason": LearningPath.Reason.DIGITAL_PLAN,
            "courses": [self.course, self.private_course],
            "departments": [self.engineering],
            "created_by": self.cleo,
        }
        data.update(overrides)
        return actions.create_learning_path(self.town, **data)  # type: ignore[arg-type]

    def test_it_keeps_the_courses_in_the_order_given(self) -> None:
        path = self.make(courses=[self.private_course, self.course])
        self.assertEqual(
            [(s.position, s.course) for s in path.steps.all()],
            [(1, self.private_course), (2, self.course)],
        )
        self.assertEqual(list(path.departments.all()), [self.engineering])
        self.assertEqual(path.created_by, self.cleo)

    def test_a_course_given_twice_is_one_step(self) -> None:
        path = self.make(courses=[self.course, self.private_course, self.course])
        self.assertEqual(
            [s.course for s in path.steps.all()], [self.course, self.private_course]
        )

    def test_without_a_course_nothing_is_written(self) -> None:
        with self.assertRaises(ValidationError):
            self.make(courses=[])
        self.assertFalse(LearningPath.objects.exists())

    def test_another_towns_department_is_refused_and_nothing_written(self) -> None:
        with self.assertRaises(ValidationError):
            self.make(departments=[self.other_hr_department])
        self.assertFalse(LearningPath.objects.exists())
        self.assertFalse(LearningPathCourse.objects.exists())

    def test_an_unknown_reason_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            self.make(reason="whim")
        self.assertFalse(LearningPath.objects.exists())

    def test_a_path_is_advice_never_mandatory_training(self) -> None:
        """No assignment, hence no due date, no reminder, no compliance row."""
        self.make()
        self.assertFalse(assignments_for(self.ada).exists())
        self.assertEqual(actions.send_assignment_reminders(), 0)
        self.assertFalse(ReminderSent.objects.exists())
        self.assertEqual(mail.outbox, [])


class WithdrawLearningPathTests(CatalogueTestCase):
    def test_withdrawing_removes_the_path_and_keeps_the_learners_progress(
        self,
    ) -> None:
        path = actions.create_learning_path(
            self.town,
            title="T",
            reason=LearningPath.Reason.DIGITAL_PLAN,
            courses=[self.course],
            departments=[self.engineering],
            created_by=self.cleo,
        )
        enrolment = actions.enrol(self.ada, self.course)
        actions.withdraw_learning_path(path)
        self.assertFalse(LearningPath.objects.exists())
        self.assertFalse(LearningPathCourse.objects.exists())
        enrolment.refresh_from_db()
        self.assertTrue(enrolment.pk)
