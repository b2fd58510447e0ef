"""The people file's columns, what a row and a plan are, and the usernames an
import gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lms.models import Organisation, User

COLUMNS = [
    "employee_number",
    "last_name",
    "first_name",
    "email",
    "kind",
    "department_code",
    "job_role_code",
    "manager_employee_number",
    "hire_date",
    "language",
    "active",
]
REQUIRED_COLUMNS = {"employee_number", "last_name", "first_name"}
MAX_FILE_BYTES = 20 * 1024 * 1024
_TRUE = {"", "1", "yes", "oui", "true", "vrai", "y", "o"}
_FALSE = {"0", "no", "non", "false", "faux", "n"}
_KINDS = {
    "": User.Kind.STAFF,
    "staff": User.Kind.STAFF,
    "agent": User.Kind.STAFF,
    "elected": User.Kind.ELECTED,
    "elu": User.Kind.ELECTED,
    "élu": User.Kind.ELECTED,
}
# Fields compared to decide whether an existing person changes.
PERSON_FIELDS = [
    "last_name",
    "first_name",
    "email",
    "kind",
    "department_id",
    "job_role_id",
    "hire_date",
    "preferred_language",
    "is_active",
]


class PeopleFileError(Exception):
    """The file as a whole cannot be read (empty, wrong type, wrong shape)."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class PersonRow:
    line: int
    employee_number: str
    values: dict[str, Any]
    manager_number: str


@dataclass
class ImportPlan:
    rows: list[PersonRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    to_create: list[str] = field(default_factory=list)
    to_update: dict[str, list[str]] = field(default_factory=dict)
    unchanged: int = 0
    valid_rows: int = 0
    to_deactivate: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, Any]:
        return {
            "rows": len(self.rows),
            "create": len(self.to_create),
            "update": len(self.to_update),
            "unchanged": self.unchanged,
            "deactivate": len(self.to_deactivate),
            "valid_rows": self.valid_rows,
            "errors": [e.__dict__ for e in self.errors[:500]],
            "error_count": len(self.errors),
            "sample_create": self.to_create[:50],
            "sample_update": [
                {"employee_number": k, "fields": v}
                for k, v in list(self.to_update.items())[:50]
            ],
            "sample_deactivate": self.to_deactivate[:50],
        }


def username_prefix(organisation: Organisation) -> str:
    return re.sub(r"[^a-z0-9-]", "", organisation.slug.lower()) + "-"


def import_username(organisation: Organisation, employee_number: str) -> str:
    """The username the import gives a new person: town slug, dash, number."""
    return (username_prefix(organisation) + employee_number).lower()[:150]
