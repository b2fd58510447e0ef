"""Every write of the course core, by topic; importers use ``courses.actions``."""

from courses.actions.assignments import (
    REMINDER_DAYS_BEFORE,
    create_assignment,
    send_assignment_reminders,
)
from courses.actions.learning import (
    QuizSubmission,
    complete_lesson,
    complete_lesson_if_done,
    enrol,
    submit_quiz,
)
from courses.actions.paths import create_learning_path, withdraw_learning_path

__all__ = [
    "QuizSubmission",
    "REMINDER_DAYS_BEFORE",
    "complete_lesson",
    "complete_lesson_if_done",
    "create_assignment",
    "create_learning_path",
    "enrol",
    "send_assignment_reminders",
    "submit_quiz",
    "withdraw_learning_path",
]
