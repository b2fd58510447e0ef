"""One person's records as a zip archive: a JSON and a CSV file per kind."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from lms.people_file import neutralise_formula


@dataclass
class Table:
    """The rows of one kind of record, with its columns (kept when empty)."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def build_archive(tables: Mapping[str, Table], *, readme: str) -> bytes:
    """A zip holding ``README.txt`` and, for each table, ``<name>.json`` (a list
    of objects) and ``<name>.csv`` (UTF-8 with a byte order mark, so that a
    spreadsheet reads accents; cells a spreadsheet would run are quoted)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for name, table in tables.items():
            archive.writestr(f"{name}.json", _json(table))
            archive.writestr(f"{name}.csv", _csv(table))
    return buffer.getvalue()


def _json(table: Table) -> str:
    return json.dumps(table.rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _csv(table: Table) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(row.get(column)) for column in table.columns])
    return text.getvalue().encode("utf-8-sig")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if not isinstance(value, str):
        value = DjangoJSONEncoder().default(value)  # dates, decimals, UUIDs
    return neutralise_formula(value)
