"""Write people back out in the import's own columns, safe to open in a
spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import tablib

from lms.people_file.rows import COLUMNS


def export_rows(people: Iterable[Mapping[str, Any]]) -> tablib.Dataset:
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


def neutralise_formula(value: object) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with a quote (OWASP)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_file(people: Iterable[Mapping[str, Any]], fmt: str) -> tuple[bytes, str]:
    """The people as an XLSX file (``fmt="xlsx"``) or a UTF-8 CSV with a byte
    order mark (anything else), with its content type."""
    dataset = export_rows(people)
    if fmt == "xlsx":
        return dataset.export("xlsx"), XLSX
    return dataset.export("csv").encode("utf-8-sig"), "text/csv; charset=utf-8"
