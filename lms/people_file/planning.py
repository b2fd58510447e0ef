"""Check a people file's rows and plan what an import would change: who is
created, updated or deactivated, and every bad row with its line."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lms.models import Department, JobRole, Organisation, User
from lms.people_file.reading import _cell, parse_date
from lms.people_file.rows import (
    _FALSE,
    _KINDS,
    _TRUE,
    PERSON_FIELDS,
    ImportPlan,
    PersonRow,
    RowError,
    import_username,
    username_prefix,
)


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
