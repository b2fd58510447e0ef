"""The permission matrix, by topic; tests import ``tests.matrix``."""

from tests.matrix.patterns import (
    MODEL_PAIRS,
    PAIR_NAMES,
    SKIPPED,
    WORKFLOW_ACTIONS,
    CannotFill,
    Filler,
    Param,
    Pattern,
    Probe,
    patterns,
    probes,
)
from tests.matrix.requests import (
    Outcome,
    Prober,
    query_naming_town_a,
    response_text,
    shows_marker,
)
from tests.matrix.writes import (
    OwnRows,
    Write,
    WriteRecorder,
)

__all__ = [
    "CannotFill",
    "Filler",
    "MODEL_PAIRS",
    "Outcome",
    "OwnRows",
    "PAIR_NAMES",
    "Param",
    "Pattern",
    "Probe",
    "Prober",
    "SKIPPED",
    "WORKFLOW_ACTIONS",
    "Write",
    "WriteRecorder",
    "patterns",
    "probes",
    "query_naming_town_a",
    "response_text",
    "shows_marker",
]
