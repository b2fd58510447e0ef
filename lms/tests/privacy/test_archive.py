import datetime as dt
import io
import json
import uuid
import zipfile
from decimal import Decimal

from django.test import SimpleTestCase

from lms.privacy.archive import Table, build_archive


class ArchiveTests(SimpleTestCase):
    def open(self, tables: dict[str, Table]) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(build_archive(tables, readme="read me")))

    def test_each_kind_is_a_json_and_a_csv_file(self) -> None:
        archive = self.open(
            {"enrolments": Table(["id", "course"], [{"id": 1, "course": "Cyber"}])}
        )
        self.assertEqual(
            archive.namelist(), ["README.txt", "enrolments.json", "enrolments.csv"]
        )
        self.assertEqual(
            json.loads(archive.read("enrolments.json")), [{"id": 1, "course": "Cyber"}]
        )
        self.assertEqual(
            archive.read("enrolments.csv").decode("utf-8-sig").splitlines(),
            ["id,course", "1,Cyber"],
        )

    def test_an_empty_kind_keeps_its_columns(self) -> None:
        archive = self.open({"certificates": Table(["code", "issued_at"])})
        self.assertEqual(json.loads(archive.read("certificates.json")), [])
        self.assertEqual(
            archive.read("certificates.csv").decode("utf-8-sig").strip(),
            "code,issued_at",
        )

    def test_values_are_written_as_text_a_spreadsheet_does_not_run(self) -> None:
        """Dates in ISO 8601, decimals and UUIDs as text, JSON for nested data,
        and a leading quote before a cell a spreadsheet would take for a formula."""
        moment = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
        key = uuid.UUID("12345678-1234-5678-1234-567812345678")
        row = {
            "when": moment,
            "score": Decimal("0.7500"),
            "key": key,
            "data": {"a": [1]},
            "note": "=HYPERLINK(1)",
            "none": None,
            "passed": True,
        }
        archive = self.open({"rows": Table(list(row), [row])})
        cells = archive.read("rows.csv").decode("utf-8-sig").splitlines()[1]
        self.assertEqual(
            cells,
            "2026-03-01T09:30:00Z,0.7500,12345678-1234-5678-1234-567812345678,"
            '"{""a"": [1]}",\'=HYPERLINK(1),,True',
        )
        self.assertEqual(
            json.loads(archive.read("rows.json"))[0]["when"], "2026-03-01T09:30:00Z"
        )
