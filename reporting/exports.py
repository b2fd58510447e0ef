"""Downloads of a dashboard's tables that open right in a spreadsheet: translated
headers, numbers as numbers, French CSV with ``;`` and a decimal comma, XLSX with
a named sheet and a bold header, file names saying what and when."""

from __future__ import annotations

import csv
import io
import numbers
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.people_file import neutralise_formula

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What each dataset is called in a file name and on a sheet.
NAMES = {
    "growth": _("growth"),
    "gaps": _("gaps"),
    "distribution": _("levels"),
    "compliance": _("mandatory training"),
    "activity": _("activity"),
    "funnel": _("courses"),
}


def filename(town: str, dataset: str, extension: str) -> str:
    """``saint-aubin_progression_2026-12.xlsx``: the town, what, and when."""
    what = slugify(str(NAMES.get(dataset, dataset)))
    return f"{slugify(town)}_{what}_{timezone.localdate():%Y-%m}.{extension}"


def _csv_cell(value: Any, decimal: str) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return str(float(value)).removesuffix(".0").replace(".", decimal)
    return neutralise_formula(value)


def as_csv(table: dict[str, Any]) -> bytes:
    """``;`` and a decimal comma in French (as French Excel expects), ``,`` and
    a point otherwise; UTF-8 with a byte order mark so Excel reads accents."""
    french = translation.get_language() == "fr"
    decimal = "," if french else "."
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow([neutralise_formula(h) for h in table["header"]])
    for row in table["rows"]:
        writer.writerow([_csv_cell(cell, decimal) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(table: dict[str, Any], sheet: str) -> bytes:
    """One named sheet, a bold frozen header row and numeric cells."""
    book = Workbook()
    page = book.active
    page.title = sheet[:31] or "Data"
    page.append([neutralise_formula(h) for h in table["header"]])
    for cell in page[1]:
        cell.font = Font(bold=True)
    page.freeze_panes = "A2"
    for row in table["rows"]:
        page.append(
            [v if isinstance(v, numbers.Real) else neutralise_formula(v) for v in row]
        )
    for index, column in enumerate(table["header"], start=1):
        width = max(
            [len(str(column)), *(len(str(r[index - 1])) for r in table["rows"])]
        )
        page.column_dimensions[page.cell(1, index).column_letter].width = min(
            60, width + 2
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def response(
    table: dict[str, Any], *, town: str, dataset: str, fmt: str
) -> HttpResponse:
    """The download of ``table`` as CSV (default) or XLSX."""
    if fmt == "xlsx":
        sheet = str(NAMES.get(dataset, dataset)).capitalize()
        result = HttpResponse(as_xlsx(table, sheet), content_type=XLSX)
    else:
        fmt = "csv"
        result = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
    name = filename(town, dataset, fmt)
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    return result
