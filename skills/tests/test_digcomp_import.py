import io
from pathlib import Path
from unittest import skipUnless

import openpyxl
from django.core.management import CommandError, call_command
from django.utils import translation

from skills.models import CompetenceStatement
from skills.testing import SkillsTestCase

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "frameworks"
SUPPLEMENT = FIXTURES / "digcomp3.0" / "DigComp_3.0_Data_Supplement_24_Nov_2025.xlsx"


class DigCompImportTests(SkillsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))

    def test_an_xlsx_of_another_shape_is_refused_and_changes_nothing(self) -> None:
        workbook = openpyxl.Workbook()
        workbook.active.append(["Nom", "Prénom"])
        path = (
            Path(self.enterContext(__import__("tempfile").TemporaryDirectory()))
            / "x.xlsx"
        )
        buffer = io.BytesIO()
        workbook.save(buffer)
        path.write_bytes(buffer.getvalue())
        shipped = CompetenceStatement.objects.count()  # the project's own statements
        with self.assertRaisesMessage(
            CommandError, "not the DigComp 3.0 data supplement"
        ):
            call_command("import_digcomp", str(path))
        self.assertEqual(CompetenceStatement.objects.count(), shipped)

    def test_a_file_that_is_not_xlsx_is_refused(self) -> None:
        path = (
            Path(self.enterContext(__import__("tempfile").TemporaryDirectory()))
            / "x.xlsx"
        )
        path.write_bytes(b"not a workbook")
        with self.assertRaisesMessage(CommandError, "not a readable XLSX"):
            call_command("import_digcomp", str(path))

    @skipUnless(
        SUPPLEMENT.exists(), "shared/fixtures (DigComp 3.0 supplement) is absent"
    )
    def test_the_jrc_supplement_imports_in_place_twice(self) -> None:
        out = io.StringIO()
        call_command("import_digcomp", str(SUPPLEMENT), stdout=out)
        self.assertIn("21 competences", out.getvalue())
        statements = CompetenceStatement.objects.filter(kind="statement").count()
        outcomes = CompetenceStatement.objects.filter(kind="outcome").count()
        self.assertEqual((statements, outcomes), (362, 523))
        call_command("import_digcomp", str(SUPPLEMENT), stdout=io.StringIO())
        self.assertEqual(CompetenceStatement.objects.count(), 885)
        self.assertTrue(self.c41.__class__.objects.get(pk=self.c41.pk).description)
