import datetime as dt
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from skills import actions
from skills.framework_files import FrameworkFileError, read_framework_file
from skills.models import Competence, Evidence, MonthlySnapshot, RoleExpectation
from skills.queries import current_levels
from skills.testing import SkillsTestCase


class FrameworkTests(SkillsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))

    def test_digcomp_ships_with_21_competences_and_4_levels(self) -> None:
        self.assertEqual(self.version.competences.count(), 21)
        self.assertEqual(self.version.levels.count(), 4)
        self.assertIn("CC BY 4.0", self.version.framework.attribution)

    def test_loading_digcomp_twice_duplicates_nothing(self) -> None:
        actions.load_digcomp()
        self.assertEqual(Competence.objects.count(), 21)

    def test_a_custom_csv_framework_loads_as_a_version(self) -> None:
        content = (
            b"kind,code,parent,number,name_en,name_fr\n"
            b"level,novice,,1,Novice,Novice\nlevel,expert,,2,Expert,Expert\n"
            b"area,A,,,Roads,Voirie\ncompetence,A1,A,,Signage,Signalisation\n"
        )
        data = read_framework_file("roads.csv", content)
        version = actions.load_framework(
            {**data, "slug": "roads", "name": "Roads", "version": "1"},
            organisation=self.town,
        )
        self.assertEqual(version.competences.get().code, "A1")

    def test_a_framework_with_a_cycle_or_duplicate_code_is_refused(self) -> None:
        content = (
            b"kind,code,parent,number,name_en,name_fr\n"
            b"level,l1,,1,One,Un\n"
            b"area,A,B,,A,A\narea,B,A,,B,B\n"
            b"competence,X,A,,X,X\ncompetence,X,A,,X again,X\n"
        )
        with self.assertRaises(FrameworkFileError) as caught:
            read_framework_file("bad.csv", content)
        text = " ".join(caught.exception.problems)
        self.assertIn("cycle", text)
        self.assertIn("duplicate", text)

    def test_a_json_framework_with_gaps_in_its_scale_is_refused(self) -> None:
        data = {
            "levels": [
                {"code": "a", "number": 1, "name_en": "A"},
                {"code": "c", "number": 3, "name_en": "C"},
            ],
            "areas": [],
        }
        with self.assertRaises(FrameworkFileError):
            read_framework_file("f.json", json.dumps(data).encode())

    def test_an_expectations_file_with_one_bad_row_writes_nothing(self) -> None:
        rows = [
            {"job_role_code": "DEV", "competence_code": "4.1", "level": "3"},
            {"job_role_code": "DEV", "competence_code": "4.2", "level": "9"},
        ]
        with self.assertRaises(ValidationError):
            actions.import_expectations(self.town, rows, version=self.version)
        self.assertFalse(RoleExpectation.objects.exists())
        actions.import_expectations(self.town, rows[:1], version=self.version)
        self.assertEqual(RoleExpectation.objects.get().level, 3)


class EvidenceTests(SkillsTestCase):
    def test_a_learner_records_a_self_assessment_and_snapshots_follow(self) -> None:
        actions.record_evidence(
            self.ada,
            competence=self.c41,
            level=2,
            source="self",
            recorded_by=self.ada,
            observed_at=timezone.now() - dt.timedelta(days=70),
        )
        snapshots = MonthlySnapshot.objects.filter(person=self.ada, competence=self.c41)
        self.assertGreaterEqual(snapshots.count(), 3)
        self.assertEqual(set(snapshots.values_list("level", flat=True)), {2})

    def test_a_learner_cannot_post_their_own_manager_validation(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.record_evidence(
                self.ada,
                competence=self.c41,
                level=4,
                source="manager",
                recorded_by=self.ada,
            )
        self.assertFalse(Evidence.objects.exists())

    def test_a_manager_validates_only_their_own_team(self) -> None:
        actions.record_evidence(
            self.sam,
            competence=self.c41,
            level=3,
            source="manager",
            recorded_by=self.ben,
        )
        with self.assertRaises(PermissionDenied):
            actions.record_evidence(
                self.dev,
                competence=self.c41,
                level=3,
                source="manager",
                recorded_by=self.ben,
            )
        self.assertEqual(Evidence.objects.count(), 1)

    def test_nobody_assesses_someone_else(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.record_evidence(
                self.ada,
                competence=self.c41,
                level=2,
                source="self",
                recorded_by=self.ben,
            )

    def test_hr_of_another_town_cannot_import_evidence(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.record_evidence(
                self.ada,
                competence=self.c41,
                level=2,
                source="import",
                recorded_by=self.hugo,
            )
        actions.record_evidence(
            self.ada,
            competence=self.c41,
            level=2,
            source="import",
            recorded_by=self.cleo,
        )

    def test_a_level_outside_the_scale_is_refused(self) -> None:
        for level in (0, 5):
            with self.subTest(level=level), self.assertRaises(ValidationError):
                actions.record_evidence(
                    self.ada,
                    competence=self.c41,
                    level=level,
                    source="self",
                    recorded_by=self.ada,
                )
        self.assertFalse(Evidence.objects.exists())

    def test_evidence_from_the_future_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            actions.record_evidence(
                self.ada,
                competence=self.c41,
                level=2,
                source="self",
                recorded_by=self.ada,
                observed_at=timezone.now() + dt.timedelta(days=2),
            )
        self.assertFalse(Evidence.objects.exists())

    def test_evidence_is_append_only(self) -> None:
        evidence = actions.record_evidence(
            self.ada, competence=self.c41, level=2, source="self", recorded_by=self.ada
        )
        evidence.level = 4
        with self.assertRaises(ValueError):
            evidence.save()

    def test_another_towns_framework_cannot_be_used(self) -> None:
        version = actions.load_framework(
            {
                "slug": "montval-own",
                "name": "M",
                "version": "1",
                "levels": [{"number": 1, "code": "one", "name_en": "One"}],
                "areas": [
                    {
                        "code": "A",
                        "name_en": "A",
                        "competences": [{"code": "A1", "name_en": "A1"}],
                    }
                ],
            },
            organisation=self.other_town,
        )
        with self.assertRaises(ValidationError):
            actions.record_evidence(
                self.ada,
                competence=version.competences.get(),
                level=1,
                source="self",
                recorded_by=self.ada,
            )

    def test_current_levels_explain_themselves(self) -> None:
        actions.set_expectation(self.developer_role, self.c41, level=3)
        actions.record_evidence(
            self.ada, competence=self.c41, level=3, source="self", recorded_by=self.ada
        )
        actions.record_evidence(self.ada, competence=self.c41, level=2, source="course")
        with self.assertNumQueries(3):
            levels = {
                item.competence.code: item
                for item in current_levels(self.ada, self.version)
            }
        item = levels["4.1"]
        self.assertEqual((item.level, item.expected, item.gap), (2, 3, 1))
        self.assertEqual(item.decision.reason, "assessed")
        self.assertEqual(len(item.evidence), 2)

    def test_rebuilding_snapshots_matches_incremental_upkeep(self) -> None:
        for days, level in ((120, 1), (40, 2)):
            actions.record_evidence(
                self.ada,
                competence=self.c41,
                level=level,
                source="course",
                observed_at=timezone.now() - dt.timedelta(days=days),
            )
        before = list(
            MonthlySnapshot.objects.order_by("month").values_list("month", "level")
        )
        written = actions.rebuild_snapshots()
        after = list(
            MonthlySnapshot.objects.order_by("month").values_list("month", "level")
        )
        self.assertEqual(before, after)
        self.assertEqual(written, len(after))


class EvidenceImportTests(SkillsTestCase):
    def rows(self, *extra: dict) -> list[dict]:
        return [
            {
                "employee_number": "ADA",
                "competence_code": "4.1",
                "level": "3",
                "observed_at": "2026-01-15",
            },
            *extra,
        ]

    def test_hr_imports_outside_assessments(self) -> None:
        count = actions.import_evidence(
            self.town, self.rows(), version=self.version, recorded_by=self.cleo
        )
        self.assertEqual(count, 1)
        evidence = Evidence.objects.get()
        self.assertEqual(
            (evidence.person, evidence.source, evidence.level), (self.ada, "import", 3)
        )

    def test_one_bad_row_imports_nothing(self) -> None:
        bad = {
            "employee_number": "MARC",
            "competence_code": "4.1",
            "level": "2",
            "observed_at": "2026-01-15",
        }
        with self.assertRaises(ValidationError):
            actions.import_evidence(
                self.town, self.rows(bad), version=self.version, recorded_by=self.cleo
            )
        self.assertFalse(Evidence.objects.exists())

    def test_a_future_date_or_a_bad_level_is_refused(self) -> None:
        for extra in ({"observed_at": "2999-01-01"}, {"level": "x"}, {"level": "7"}):
            row = {**self.rows()[0], **extra}
            with self.subTest(extra=extra), self.assertRaises(ValidationError):
                actions.import_evidence(
                    self.town, [row], version=self.version, recorded_by=self.cleo
                )
        self.assertFalse(Evidence.objects.exists())

    def test_hr_of_another_town_cannot_import_here(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.import_evidence(
                self.town, self.rows(), version=self.version, recorded_by=self.hugo
            )
