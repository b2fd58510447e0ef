"""Every write of the skills app, by topic; importers use ``skills.actions``."""

from skills.actions.evidence import (
    ASSESSED,
    CLOCK_SKEW,
    import_evidence,
    record_evidence,
    record_self_assessment,
)
from skills.actions.frameworks import (
    DIGCOMP_DATA,
    DIGCOMP_STATEMENTS,
    apply_digcomp_supplement,
    import_expectations,
    load_digcomp,
    load_framework,
    load_statements,
    set_expectation,
)
from skills.actions.snapshots import (
    SNAPSHOT_COLUMNS,
    _snapshot_rows,
    refresh_snapshots,
)
from skills.snapshots_sql import rebuild_snapshots

__all__ = [
    "ASSESSED",
    "CLOCK_SKEW",
    "DIGCOMP_DATA",
    "DIGCOMP_STATEMENTS",
    "SNAPSHOT_COLUMNS",
    "apply_digcomp_supplement",
    "import_evidence",
    "import_expectations",
    "load_digcomp",
    "load_framework",
    "load_statements",
    "rebuild_snapshots",
    "record_evidence",
    "record_self_assessment",
    "refresh_snapshots",
    "set_expectation",
    "_snapshot_rows",
]
