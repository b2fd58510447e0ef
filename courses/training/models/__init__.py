"""Training models, by topic; Django finds them here and importers use ``courses.training.models``."""

from courses.training.models.follow_up import (
    Reminder,
    SatisfactionAnswer,
    TrainerNotice,
)
from courses.training.models.registrations import (
    Attendance,
    Registration,
    RegistrationQuerySet,
    SignedSheet,
)
from courses.training.models.sessions import (
    OpenSeats,
    SessionSlot,
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
