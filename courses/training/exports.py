"""The HR report of training hours as a download, following the conventions of
``reporting/exports.py`` (which this layer may not import): translated headers,
numbers as numbers, French CSV with ``;`` and a decimal comma, XLSX with a
named sheet and a bold frozen header, cells that could run as formulas
neutralised."""

from __future__ import annotations

import csv
import io
import numbers
from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from courses.training.models import Training
from courses.training.queries import hours_report_rows, hours_rows
from lms.models import Organisation, User
from lms.people_file import neutralise_formula

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_cell(value: Any, decimal: str) -> Any:
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return str(float(value)).removesuffix(".0").replace(".", decimal)
    return neutralise_formula(value)


def as_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    french = translation.get_language() == "fr"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow([neutralise_formula(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(cell, "," if french else ".") for cell in row])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(header: list[str], rows: list[list[Any]], sheet: str) -> bytes:
    book = Workbook()
    page = book.active
    page.title = sheet[:31] or "Data"
    page.append([neutralise_formula(h) for h in header])
    for cell in page[1]:
        cell.font = Font(bold=True)
    page.freeze_panes = "A2"
    for row in rows:
        page.append(
            [v if isinstance(v, numbers.Real) else neutralise_formula(v) for v in row]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(
    header: list[str], rows: list[list[Any]], *, name: str, sheet: str, fmt: str
) -> HttpResponse:
    """``rows`` as CSV or XLSX (``fmt``), saved as ``<name>.<fmt>``."""
    if fmt == "xlsx":
        response = HttpResponse(as_xlsx(header, rows, sheet), content_type=XLSX)
    else:
        fmt = "csv"
        response = HttpResponse(
            as_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


def hours_csv(organisation: Organisation, year: int) -> HttpResponse:
    """Training hours per person of ``organisation`` in ``year``, as the CSV
    payroll tools read (comma-separated, hours with a decimal point)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="training-hours-{organisation.slug}-{year}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Employee number"),
            _("Last name"),
            _("First name"),
            _("Department"),
            _("Kind"),
            _("Sessions"),
            _("Hours"),
        ]
    )
    for row in hours_rows(organisation, year):
        writer.writerow(
            [
                row["employee_number"] or "",
                row["last_name"],
                row["first_name"],
                row["department"] or "",
                row["kind"],
                row["sessions"],
                f"{row['minutes'] / 60:.2f}",
            ]
        )
    return response


def hours_report_table(
    organisation: Organisation, year: int
) -> tuple[list[str], list[list[Any]]]:
    """The HR report's header and rows: department (or elected officials),
    who gave the training, people, sessions, hours."""
    providers = dict(Training.Provider.choices)
    header = [
        str(_("Department")),
        str(_("Given by")),
        str(_("People")),
        str(_("Sessions")),
        str(_("Hours")),
    ]
    rows: list[list[Any]] = [
        [
            row["department"]
            or (
                str(_("Elected officials"))
                if row["kind"] == User.Kind.ELECTED
                else str(_("No department"))
            ),
            str(providers.get(row["provider"], row["provider"])),
            row["people"],
            row["sessions"],
            round(row["minutes"] / 60, 2),
        ]
        for row in hours_report_rows(organisation, year)
    ]
    return header, rows
