"""The SCORM run-time data model on the server: what a commit may say and
means (``commit``), what a session starts with (``launch``), the answers
recorded (``interactions``) and timespans (``durations``). Nothing here touches
the database."""

from courses.scorm.runtime.commit import (
    MAX_COMMIT_BYTES,
    MAX_SEQUENCING_BYTES,
    Commit,
    CommitInvalid,
    Reading,
    RootStatus,
    SequencingSave,
    parse_commit,
    parse_sequencing,
    read_commit,
)
from courses.scorm.runtime.durations import format_duration, seconds_of
from courses.scorm.runtime.interactions import Interaction, interactions_of
from courses.scorm.runtime.launch import launch_data

__all__ = [
    "MAX_COMMIT_BYTES",
    "MAX_SEQUENCING_BYTES",
    "Commit",
    "CommitInvalid",
    "Interaction",
    "Reading",
    "RootStatus",
    "SequencingSave",
    "format_duration",
    "interactions_of",
    "launch_data",
    "parse_commit",
    "parse_sequencing",
    "read_commit",
    "seconds_of",
]
