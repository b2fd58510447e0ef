"""Read framework files: the JRC DigComp 3.0 data supplement (XLSX) and custom
frameworks (CSV or JSON). Readers return plain data or raise ``FrameworkFileError``
with every problem found; nothing here writes to the database."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

DIGCOMP_SHEETS = {
    "competences": "1 Competence Areas&Competences",
    "levels": "2 Proficiency Levels",
    "statements": "3 Competence Statements",
    "outcomes": "4 Learning Outcomes",
}
DIGCOMP_HEADERS = {
    "competences": [
        "Competence area number",
        "Competence area name",
        "Competence area descriptor",
        "Competence number",
        "Competence name",
        "Competence descriptor",
    ],
    "statements": [
        "Competence number",
        "Competence statement ID",
        "Competence statement",
        "Proficiency level name",
    ],
    "outcomes": [
        "Competence number",
        "Learning Outcome ID",
        "Learning Outcome",
        "Proficiency level",
        "Knowledge skill or attitude",
    ],
}
LEVEL_CODES = {"basic": 1, "intermediate": 2, "advanced": 3, "highly advanced": 4}


class FrameworkFileError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _code(value: object) -> str:
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") else text


def read_digcomp_xlsx(content: bytes) -> dict[str, Any]:
    """Descriptors, competence statements and learning outcomes by competence code."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # calamine raises its own error types
        raise FrameworkFileError([_("This is not a readable XLSX file.")]) from exc
    missing = [
        name for name in DIGCOMP_SHEETS.values() if name not in workbook.sheet_names
    ]
    if missing:
        raise FrameworkFileError(
            [
                _(
                    "This is not the DigComp 3.0 data supplement: missing sheets %(sheets)s."
                )
                % {"sheets": ", ".join(missing)}
            ]
        )
    tables = {
        key: workbook.get_sheet_by_name(name).to_python()
        for key, name in DIGCOMP_SHEETS.items()
    }
    problems = []
    for key, expected in DIGCOMP_HEADERS.items():
        header = [str(h).strip() for h in tables[key][0]] if tables[key] else []
        absent = [column for column in expected if column not in header]
        if absent:
            problems.append(
                _("Sheet “%(sheet)s” lacks columns %(columns)s.")
                % {"sheet": DIGCOMP_SHEETS[key], "columns": ", ".join(absent)}
            )
    if problems:
        raise FrameworkFileError(problems)

    def rows(key: str) -> list[dict[str, Any]]:
        header = [str(h).strip() for h in tables[key][0]]
        return [
            dict(zip(header, row, strict=False)) for row in tables[key][1:] if any(row)
        ]

    areas: dict[str, str] = {}
    competences: dict[str, str] = {}
    for row in rows("competences"):
        areas[_code(row["Competence area number"])] = str(
            row["Competence area descriptor"]
        ).strip()
        competences[_code(row["Competence number"])] = str(
            row["Competence descriptor"]
        ).strip()
    items = []
    for key, id_column, text_column, level_column, facet_column in (
        (
            "statements",
            "Competence statement ID",
            "Competence statement",
            "Proficiency level name",
            None,
        ),
        (
            "outcomes",
            "Learning Outcome ID",
            "Learning Outcome",
            "Proficiency level",
            "Knowledge skill or attitude",
        ),
    ):
        for row in rows(key):
            level = LEVEL_CODES.get(str(row[level_column]).strip().lower())
            code = _code(row["Competence number"])
            if level is None or code not in competences:
                problems.append(
                    _("%(id)s: unknown competence or level.") % {"id": row[id_column]}
                )
                continue
            items.append(
                {
                    "kind": "statement" if key == "statements" else "outcome",
                    "competence": code,
                    "level": level,
                    "external_id": str(row[id_column]).strip(),
                    "text": str(row[text_column]).strip(),
                    "facet": str(row[facet_column]).strip().lower()
                    if facet_column
                    else "",
                }
            )
    if problems:
        raise FrameworkFileError(problems)
    return {
        "area_descriptors": areas,
        "competence_descriptors": competences,
        "items": items,
    }


CSV_COLUMNS = ["kind", "code", "parent", "number", "name_en", "name_fr"]


def read_framework_file(filename: str, content: bytes) -> dict[str, Any]:
    """A custom framework from JSON (the shipped DigComp shape) or CSV rows:
    ``kind`` (level, area or competence), ``code``, ``parent`` (an area's code for a
    competence, or a parent area for a sub-area), ``number`` (levels), ``name_en``,
    ``name_fr``. Checks duplicate codes, unknown parents, cycles and the scale."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if filename.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FrameworkFileError(
                [_("The JSON is not valid: %(error)s") % {"error": exc}]
            ) from exc
        rows = []
        for level in data.get("levels", []):
            rows.append(
                {
                    "kind": "level",
                    "code": level.get("code", ""),
                    "number": str(level.get("number", "")),
                    "name_en": level.get("name_en", ""),
                    "name_fr": level.get("name_fr", ""),
                    "parent": "",
                }
            )
        for area in data.get("areas", []):
            rows.append(
                {
                    "kind": "area",
                    "code": area.get("code", ""),
                    "parent": area.get("parent", ""),
                    "name_en": area.get("name_en", ""),
                    "name_fr": area.get("name_fr", ""),
                    "number": "",
                }
            )
            for competence in area.get("competences", []):
                rows.append(
                    {
                        "kind": "competence",
                        "code": competence.get("code", ""),
                        "parent": area.get("code", ""),
                        "name_en": competence.get("name_en", ""),
                        "name_fr": competence.get("name_fr", ""),
                        "number": "",
                    }
                )
    else:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        absent = [c for c in CSV_COLUMNS if c not in header]
        if absent:
            raise FrameworkFileError(
                [_("Missing columns: %(columns)s.") % {"columns": ", ".join(absent)}]
            )
        rows = [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in reader
        ]
    return _check_framework_rows(rows)


def _check_framework_rows(rows: list[dict[str, str]]) -> dict[str, Any]:
    problems: list[str] = []
    seen: dict[str, int] = {}
    # Rows of the file as read, with their line and parsed numbers added.
    levels: list[dict[str, Any]] = []
    areas: dict[str, dict[str, Any]] = {}
    competences: list[dict[str, Any]] = []
    for line, row in enumerate(rows, start=2):
        kind, code = row.get("kind", "").lower(), row.get("code", "")
        if not code or not row.get("name_en"):
            problems.append(
                _("Line %(line)s: code and English name are required.") % {"line": line}
            )
            continue
        key = f"{kind}:{code}"
        if key in seen:
            problems.append(
                _("Line %(line)s: duplicate code “%(code)s” (line %(first)s).")
                % {"line": line, "code": code, "first": seen[key]}
            )
            continue
        seen[key] = line
        if kind == "level":
            try:
                levels.append({**row, "number": int(row.get("number", ""))})
            except ValueError:
                problems.append(
                    _("Line %(line)s: a level needs a whole number.") % {"line": line}
                )
        elif kind == "area":
            areas[code] = {**row, "line": line, "competences": []}
        elif kind == "competence":
            competences.append({**row, "line": line})
        else:
            problems.append(
                _("Line %(line)s: kind must be level, area or competence.")
                % {"line": line}
            )
    numbers = sorted(level["number"] for level in levels)
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        problems.append(_("Levels must be numbered 1, 2, 3… without gaps."))
    for area in areas.values():
        parent, steps = area.get("parent"), 0
        if parent and parent not in areas:
            problems.append(
                _("Line %(line)s: unknown parent area “%(code)s”.")
                % {"line": area["line"], "code": parent}
            )
            continue
        while parent and steps <= len(areas):
            if parent == area["code"]:
                problems.append(
                    _("Line %(line)s: areas form a cycle through “%(code)s”.")
                    % {"line": area["line"], "code": area["code"]}
                )
                break
            parent, steps = areas.get(parent, {}).get("parent"), steps + 1
    for competence in competences:
        parent_area = areas.get(competence.get("parent", ""))
        if parent_area is None:
            problems.append(
                _("Line %(line)s: competence “%(code)s” needs a known area.")
                % {"line": competence["line"], "code": competence["code"]}
            )
        else:
            parent_area["competences"].append(
                {
                    "code": competence["code"],
                    "name_en": competence["name_en"],
                    "name_fr": competence.get("name_fr", ""),
                }
            )
    if problems:
        raise FrameworkFileError(problems)
    return {
        "levels": [
            {
                "number": lv["number"],
                "code": lv["code"],
                "name_en": lv["name_en"],
                "name_fr": lv.get("name_fr", ""),
            }
            for lv in levels
        ],
        "areas": [
            {
                "code": a["code"],
                "name_en": a["name_en"],
                "name_fr": a.get("name_fr", ""),
                "competences": a["competences"],
            }
            for a in areas.values()
        ],
    }
