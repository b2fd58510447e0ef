import io

import openpyxl
from django.test import SimpleTestCase
from django.utils import translation

from lms.people_file import (
    PeopleFileError,
    export_rows,
    neutralise_formula,
    plan_import,
    read_table,
)
from lms.testing import PersonasTestCase

HEADER = (
    "employee_number,last_name,first_name,email,kind,department_code,job_role_code,"
    "manager_employee_number,hire_date,language,active\n"
)


def csv_bytes(*rows: str, encoding: str = "utf-8") -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ReadTableTests(SimpleTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))

    def test_an_empty_file_is_refused(self) -> None:
        with self.assertRaisesMessage(PeopleFileError, "The file is empty."):
            read_table("people.csv", b"")

    def test_a_header_only_file_reads_no_rows(self) -> None:
        header, rows = read_table("people.csv", HEADER.encode())
        self.assertEqual(rows, [])
        self.assertEqual(header[0], "employee_number")

    def test_errors_are_given_in_french_too(self) -> None:
        with (
            translation.override("fr"),
            self.assertRaisesMessage(PeopleFileError, "Le fichier est vide."),
        ):
            read_table("people.csv", b"")

    def test_windows_1252_french_names_are_read_correctly(self) -> None:
        content = csv_bytes("E1,Lefèvre,Hélène,,,,,,,,", encoding="cp1252")
        _, rows = read_table("people.csv", content)
        self.assertEqual(rows[0][1:3], ["Lefèvre", "Hélène"])

    def test_semicolon_separated_files_are_read(self) -> None:
        content = HEADER.replace(",", ";").encode() + "E1;Dupont;Zoé;;;;;;;;\n".encode()
        _, rows = read_table("people.csv", content)
        self.assertEqual(rows[0][:3], ["E1", "Dupont", "Zoé"])

    def test_an_xlsx_of_another_shape_is_refused_with_the_expected_columns(
        self,
    ) -> None:
        content = xlsx_bytes([["Nom", "Prénom"], ["Dupont", "Zoé"]])
        with self.assertRaisesMessage(PeopleFileError, "Missing columns"):
            read_table("people.xlsx", content)

    def test_a_file_that_is_not_really_xlsx_is_refused(self) -> None:
        with self.assertRaisesMessage(PeopleFileError, "could not be read as XLSX"):
            read_table("people.xlsx", b"PK\x03\x04 not a workbook")

    def test_other_extensions_are_refused(self) -> None:
        with self.assertRaisesMessage(PeopleFileError, ".csv or .xlsx"):
            read_table("people.ods", b"data")


class ExportTests(SimpleTestCase):
    def test_formula_cells_are_neutralised(self) -> None:
        self.assertEqual(
            neutralise_formula("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0"
        )
        self.assertEqual(neutralise_formula("+33 1 23"), "'+33 1 23")
        self.assertEqual(neutralise_formula("@SUM(A1)"), "'@SUM(A1)")
        self.assertEqual(neutralise_formula("Dupont"), "Dupont")

    def test_an_export_row_never_starts_with_a_formula(self) -> None:
        dataset = export_rows(
            [
                {
                    "employee_number": "E1",
                    "last_name": "=cmd|' /C calc'!A0",
                    "first_name": "Zoé",
                    "email": "",
                    "kind": "staff",
                    "department__code": None,
                    "job_role__code": None,
                    "manager__employee_number": None,
                    "hire_date": None,
                    "preferred_language": "fr",
                    "is_active": True,
                }
            ]
        )
        self.assertEqual(dataset[0][1], "'=cmd|' /C calc'!A0")


class PlanImportTests(PersonasTestCase):
    def plan(self, *rows: str, **kwargs: object):
        header, data = read_table("people.csv", csv_bytes(*rows))
        return plan_import(self.town, header, data, **kwargs)

    def test_a_valid_file_plans_creates_and_updates(self) -> None:
        plan = self.plan(
            "N1,Durand,Léa,lea@example.org,staff,ENG,DEV,BEN,2024-03-01,fr,yes",
            "ADA,Test,Ada,ada@example.org,staff,FIN,DEV,BEN,2020-01-06,fr,yes",
        )
        self.assertTrue(plan.is_valid, plan.errors)
        self.assertEqual(plan.to_create, ["N1"])
        self.assertEqual(plan.to_update, {"ADA": ["department_id"]})

    def test_every_bad_row_is_reported_with_its_line_and_reason(self) -> None:
        plan = self.plan(
            "N1,Durand,Léa,,staff,NOPE,,,,fr,yes",
            "N2,Petit,Jules,,staff,ENG,,,31/02/2024,fr,yes",
            "N1,Roux,Paul,,staff,ENG,,,,fr,yes",
            "N3,Blanc,Inès,,elected,ENG,,,,fr,yes",
            "N4,Morel,Tom,,staff,ENG,,ZZZ,,de,maybe",
        )
        found = {(e.line, e.column) for e in plan.errors}
        self.assertEqual(
            found,
            {
                (2, "department_code"),
                (3, "hire_date"),
                (4, "employee_number"),
                (5, "department_code"),
                (6, "language"),
                (6, "active"),
                (6, "manager_employee_number"),
            },
        )
        self.assertFalse(plan.to_create)

    def test_dates_read_in_either_format(self) -> None:
        plan = self.plan(
            "N1,Durand,Léa,,staff,ENG,,,01/09/2024,fr,",
            "N2,Roux,Paul,,,,,,2024-09-01,en,",
        )
        self.assertTrue(plan.is_valid, plan.errors)
        self.assertEqual(
            {row.values["hire_date"].isoformat() for row in plan.rows}, {"2024-09-01"}
        )

    def test_a_management_cycle_in_the_file_is_an_error(self) -> None:
        plan = self.plan("N1,Durand,Léa,,,,,N2,,,", "N2,Roux,Paul,,,,,N1,,,")
        self.assertEqual(
            [(e.line, e.column) for e in plan.errors],
            [(2, "manager_employee_number"), (3, "manager_employee_number")],
        )

    def test_another_towns_department_code_is_unknown_here(self) -> None:
        plan = self.plan("N1,Durand,Léa,,staff,RH,,,,fr,yes")
        self.assertEqual(plan.errors[0].column, "department_code")

    def test_people_missing_from_the_file_are_deactivated_only_on_request(self) -> None:
        row = "ADA,Test,Ada,ada@example.org,staff,ENG,DEV,BEN,2020-01-06,fr,yes"
        self.assertEqual(self.plan(row).to_deactivate, [])
        deactivated = self.plan(row, deactivate_missing=True).to_deactivate
        self.assertIn("DEV", deactivated)
        self.assertNotIn("ADA", deactivated)
        self.assertNotIn("HUGO", deactivated)
