"""Read, check and plan a people file (CSV or XLSX) for one organisation.

The file format is documented in ``docs/people-import.md``. Nothing here writes to
the database: ``plan_import`` returns what would change and every bad row, and
``lms.actions.apply_people_import`` writes a plan that has no errors.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from lms.models import Department, JobRole, Organisation, User

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


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as French spreadsheets save it."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="strict")


def read_table(filename: str, content: bytes) -> tuple[list[str], list[list[Any]]]:
    """Header (normalised names) and data rows of a CSV or XLSX file."""
    if not content:
        raise PeopleFileError(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise PeopleFileError(_("The file is larger than 20 MB."))
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            # calamine (Rust) reads 50,000 rows in about 0.5 s; openpyxl takes ~10 s.
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            table = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        elif name.endswith(".csv"):
            text = decode_text(content)
            if not text.strip():
                raise PeopleFileError(_("The file is empty."))
            reader = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text))
            table = list(reader)
        else:
            raise PeopleFileError(_("Upload a .csv or .xlsx file."))
    except PeopleFileError:
        raise
    except UnicodeDecodeError as exc:
        raise PeopleFileError(_("The file's text encoding is not readable.")) from exc
    except Exception as exc:  # calamine and csv raise many unrelated types
        raise PeopleFileError(
            _("The file could not be read as %(kind)s.")
            % {"kind": "XLSX" if name.endswith(".xlsx") else "CSV"}
        ) from exc
    if not table:
        raise PeopleFileError(_("The file is empty."))
    header = [_normalise_header(h) for h in table[0]]
    if not header or not any(header):
        raise PeopleFileError(_("The file is empty."))
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        raise PeopleFileError(
            _("Missing columns: %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    if unknown:
        raise PeopleFileError(
            _("Unknown columns: %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(unknown), "expected": ", ".join(COLUMNS)}
        )
    return header, [list(row) for row in table[1:]]


def _sniff_delimiter(text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _normalise_header(value: Any) -> str:
    return re.sub(r"\s+", "_", str(value or "").strip().lower())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: str) -> dt.date:
    if len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise ValueError(value)


def plan_import(
    organisation: Organisation,
    header: list[str],
    rows: Iterable[list[Any]],
    *,
    deactivate_missing: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Check every row and work out creates, updates and deactivations.

    Every error is collected (line numbers count the header as line 1), so HR can
    fix the whole file in one go.
    """
    plan = ImportPlan()
    departments = dict(
        Department.objects.filter(organisation=organisation).values_list("code", "pk")
    )
    roles = dict(
        JobRole.objects.filter(organisation=organisation).values_list("code", "pk")
    )
    existing = {
        row["employee_number"]: row
        for row in User.objects.filter(organisation=organisation)
        .exclude(employee_number=None)
        .values(
            "employee_number",
            "manager__employee_number",
            "is_superuser",
            *PERSON_FIELDS,
        )
    }
    seen: dict[str, int] = {}
    emails: dict[str, int] = {}
    managers: dict[str, tuple[int, str]] = {}
    for index, raw in enumerate(rows):
        line = index + 2
        cells = {
            name: _cell(raw[i]) if i < len(raw) else ""
            for i, name in enumerate(header)
            if name
        }
        if not any(cells.values()):
            continue
        number = cells.get("employee_number", "")
        manager_number = cells.get("manager_employee_number", "")
        if number and number in seen:
            plan.errors.append(
                RowError(
                    line,
                    "employee_number",
                    _("Employee number %(number)s is already on line %(line)s.")
                    % {"number": number, "line": seen[number]},
                )
            )
        elif number and existing.get(number, {}).get("is_superuser"):
            # A platform admin's account is not the town's to change: taking its
            # e-mail address would hand over the platform at the next reset.
            plan.errors.append(
                RowError(
                    line,
                    "employee_number",
                    _(
                        "Employee number %(number)s is a platform admin's account; "
                        "the import does not change it."
                    )
                    % {"number": number},
                )
            )
        elif number:
            seen[number] = line
            if manager_number:
                managers[number] = (line, manager_number)
        email = cells.get("email", "").lower()
        if email and email in emails:
            plan.errors.append(
                RowError(
                    line,
                    "email",
                    _("E-mail %(email)s is already on line %(line)s.")
                    % {"email": email, "line": emails[email]},
                )
            )
        elif email:
            emails[email] = line
        row = _check_row(line, cells, departments, roles, plan.errors)
        if row is not None and seen.get(number) == line:
            plan.rows.append(row)
        if progress and line % 1000 == 0:
            progress(line - 1)
    current_managers = {
        number: row["manager__employee_number"] or ""
        for number, row in existing.items()
        if number not in seen
    }
    _check_managers(plan, managers, set(seen) | set(existing), current_managers)
    _check_usernames(
        plan, organisation, [r for r in plan.rows if r.employee_number not in existing]
    )
    # Rows with errors are left out; the others are classified even when the
    # file has errors, so a dry run says what the valid rows would do (a plan
    # with errors is never applied).
    error_lines = {e.line for e in plan.errors}
    for row in plan.rows:
        if row.line in error_lines:
            continue
        plan.valid_rows += 1
        current = existing.get(row.employee_number)
        if current is None:
            plan.to_create.append(row.employee_number)
            continue
        changed = [f for f in PERSON_FIELDS if current[f] != row.values[f]]
        if (current["manager__employee_number"] or "") != row.manager_number:
            changed.append("manager")
        if changed:
            plan.to_update[row.employee_number] = changed
        else:
            plan.unchanged += 1
    if deactivate_missing:
        plan.to_deactivate = sorted(
            number
            for number, current in existing.items()
            if number not in seen
            and current["is_active"]
            and not current["is_superuser"]
        )
    return plan


def _check_row(
    line: int,
    cells: dict[str, str],
    departments: dict[str, int],
    roles: dict[str, int],
    errors: list[RowError],
) -> PersonRow | None:
    found: list[RowError] = []

    def error(column: str, message: str) -> None:
        found.append(RowError(line, column, message))

    number = cells.get("employee_number", "")
    if not number:
        error("employee_number", _("Employee number is required."))
    elif len(number) > 40:
        error("employee_number", _("Employee number is longer than 40 characters."))
    for column in ("last_name", "first_name"):
        if not cells.get(column):
            error(column, _("This value is required."))
        elif len(cells[column]) > 150:
            error(column, _("This value is longer than 150 characters."))
    email = cells.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error(
                "email",
                _("“%(value)s” is not a valid e-mail address.") % {"value": email},
            )
    kind = _KINDS.get(cells.get("kind", "").lower())
    if kind is None:
        error("kind", _("Kind must be “staff” or “elected”."))
    department_code = cells.get("department_code", "")
    role_code = cells.get("job_role_code", "")
    manager_number = cells.get("manager_employee_number", "")
    hire = cells.get("hire_date", "")
    hire_date = None
    if hire:
        try:
            hire_date = parse_date(hire)
        except ValueError:
            error(
                "hire_date",
                _("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).")
                % {"value": hire},
            )
    if kind == User.Kind.ELECTED:
        for column, value in (
            ("department_code", department_code),
            ("manager_employee_number", manager_number),
            ("hire_date", hire),
        ):
            if value:
                error(
                    column,
                    _("Elected officials have no department, manager or hire date."),
                )
    department_id = None
    if department_code:
        department_id = departments.get(department_code)
        if department_id is None:
            error(
                "department_code",
                _("Unknown department code “%(code)s”.") % {"code": department_code},
            )
    role_id = None
    if role_code:
        role_id = roles.get(role_code)
        if role_id is None:
            error(
                "job_role_code",
                _("Unknown job role code “%(code)s”.") % {"code": role_code},
            )
    language = cells.get("language", "").lower() or "fr"
    if language not in {"fr", "en"}:
        error("language", _("Language must be “fr” or “en”."))
    active_text = cells.get("active", "").lower()
    if active_text not in _TRUE | _FALSE:
        error("active", _("Active must be “yes” or “no”."))
    if manager_number and manager_number == number:
        error("manager_employee_number", _("A person cannot be their own manager."))
    if found:
        errors.extend(found)
        return None
    return PersonRow(
        line=line,
        employee_number=number,
        manager_number=manager_number,
        values={
            "last_name": cells["last_name"],
            "first_name": cells["first_name"],
            "email": email,
            "kind": kind,
            "department_id": department_id,
            "job_role_id": role_id,
            "hire_date": hire_date,
            "preferred_language": language,
            "is_active": active_text not in _FALSE,
        },
    )


def management_chain_loops(
    person: Hashable, manager: Hashable | None, manager_of: Callable[[Any], Any]
) -> bool:
    """Whether giving ``person`` the manager ``manager`` closes a loop: walking up
    the chain from ``manager`` (``manager_of`` gives each one's manager, or a
    false value at the top) comes back to ``person``.

    The one check for the people import and the people admin form; it stops at a
    loop already in the data that does not pass through ``person``.
    """
    current, walked = manager, set()
    while current and current not in walked:
        if current == person:
            return True
        walked.add(current)
        current = manager_of(current)
    return False


def _check_managers(
    plan: ImportPlan,
    managers: dict[str, tuple[int, str]],
    known_numbers: set[str],
    current_managers: dict[str, str],
) -> None:
    """Every manager exists (in the file or the town) and no chain loops, through
    the file's rows and the managers of people the file leaves as they are."""

    def manager_of(number: str) -> str:
        if number in managers:
            return managers[number][1]
        return current_managers.get(number, "")

    for number, (line, manager_number) in managers.items():
        if manager_number not in known_numbers:
            plan.errors.append(
                RowError(
                    line,
                    "manager_employee_number",
                    _("Unknown manager employee number “%(number)s”.")
                    % {"number": manager_number},
                )
            )
            continue
        if management_chain_loops(number, manager_number, manager_of):
            plan.errors.append(
                RowError(
                    line,
                    "manager_employee_number",
                    _("Management chain loops back to this person."),
                )
            )
    plan.errors.sort(key=lambda e: (e.line, e.column))


def _check_usernames(
    plan: ImportPlan, organisation: Organisation, new_rows: list[PersonRow]
) -> None:
    """Each new person's username is free, whatever its case: not another
    account's (of any town: "saint" and "aubin-1" would make another town's
    "saint-aubin-1"), nor another new person's.

    One query: every username the import could collide with starts with this
    town's prefix.
    """
    if not new_rows:
        return
    taken = {
        name.lower()
        for name in User.objects.filter(
            username__istartswith=username_prefix(organisation)
        ).values_list("username", flat=True)
    }
    lines: dict[str, int] = {}
    for row in new_rows:
        username = import_username(organisation, row.employee_number)
        if username in taken:
            message = _(
                "This row would create the username %(username)s, which another "
                "account already has (usernames ignore case)."
            ) % {"username": username}
        elif username in lines:
            message = _(
                "This row would create the username %(username)s, as line "
                "%(line)s does (usernames ignore case)."
            ) % {"username": username, "line": lines[username]}
        else:
            lines[username] = row.line
            continue
        plan.errors.append(RowError(row.line, "employee_number", message))
    plan.errors.sort(key=lambda e: (e.line, e.column))


def export_rows(people: Iterable[dict[str, Any]]) -> tablib.Dataset:
    """The people in the import's own columns, safe to open in a spreadsheet."""
    dataset = tablib.Dataset(headers=COLUMNS)
    for person in people:
        dataset.append(
            [
                neutralise_formula(person["employee_number"]),
                neutralise_formula(person["last_name"]),
                neutralise_formula(person["first_name"]),
                neutralise_formula(person["email"]),
                person["kind"],
                neutralise_formula(person["department__code"]),
                neutralise_formula(person["job_role__code"]),
                neutralise_formula(person["manager__employee_number"]),
                person["hire_date"].isoformat() if person["hire_date"] else "",
                person["preferred_language"],
                "yes" if person["is_active"] else "no",
            ]
        )
    return dataset


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with a quote (OWASP)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
