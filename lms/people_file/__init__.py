"""Read, check and plan a people file (CSV or XLSX) for one organisation, and
write one back out.

The file format is documented in ``docs/people-import.md``. Nothing here writes to
the database: ``plan_import`` returns what would change and every bad row, and
``lms.actions.apply_people_import`` writes a plan that has no errors.
"""

from lms.people_file.export import export_file, export_rows, neutralise_formula
from lms.people_file.planning import management_chain_loops, plan_import
from lms.people_file.reading import decode_text, parse_date, read_table
from lms.people_file.rows import (
    COLUMNS,
    MAX_FILE_BYTES,
    PERSON_FIELDS,
    REQUIRED_COLUMNS,
    ImportPlan,
    PeopleFileError,
    PersonRow,
    RowError,
    import_username,
    username_prefix,
)

__all__ = [
    "COLUMNS",
    "MAX_FILE_BYTES",
    "PERSON_FIELDS",
    "REQUIRED_COLUMNS",
    "ImportPlan",
    "PeopleFileError",
    "PersonRow",
    "RowError",
    "decode_text",
    "export_file",
    "export_rows",
    "import_username",
    "management_chain_loops",
    "neutralise_formula",
    "parse_date",
    "plan_import",
    "read_table",
    "username_prefix",
]
