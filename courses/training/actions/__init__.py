"""Every write of training sessions, by topic; importers use ``courses.training.actions``."""

from courses.training.actions.attendance import (
    MAX_SHEET_BYTES,
    SHEET_TYPES,
    complete_training_for,
    mark_attendance,
    record_observed_levels,
    upload_signed_sheet,
)
from courses.training.actions.follow_up import (
    APPROVAL_REMINDER_AFTER,
    answer_satisfaction,
    send_training_reminders,
)
from courses.training.actions.registrations import (
    Status,
    cancel,
    decide,
    notify_session_changed,
    promote_waiting_list,
    register,
)

__all__ = [
    "APPROVAL_REMINDER_AFTER",
    "MAX_SHEET_BYTES",
    "SHEET_TYPES",
    "Status",
    "answer_satisfaction",
    "cancel",
    "complete_training_for",
    "decide",
    "mark_attendance",
    "notify_session_changed",
    "promote_waiting_list",
    "record_observed_levels",
    "register",
    "send_training_reminders",
    "upload_signed_sheet",
]
