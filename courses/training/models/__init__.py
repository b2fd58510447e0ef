"""Training models, by topic; Django finds them here and importers use ``courses.training.models``."""

from courses.training.models.sessions import (
    Attendance,
    OpenSeats,
    Registration,
    RegistrationQuerySet,
    Reminder,
    SatisfactionAnswer,
    SessionSlot,
    SignedSheet,
    TrainerNotice,
    Training,
    TrainingSession,
)

__all__ = [
    "Attendance",
    "OpenSeats",
    "Registration",
    "RegistrationQuerySet",
    "Reminder",
    "SatisfactionAnswer",
    "SessionSlot",
    "SignedSheet",
    "TrainerNotice",
    "Training",
    "TrainingSession",
]
