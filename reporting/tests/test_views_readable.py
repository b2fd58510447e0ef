"""Dashboards in the reader's language: tables, downloads, filters, empty
states, the council's headline indicators and the network's charts."""

import csv
import io

import openpyxl
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Assignment, CoursePage
from courses.testing import make_catalogue, make_course, make_section
from lms.models import User
from lms.testing import make_person
from reporting import exports
from reporting.actions import rebuild_skills_summary
from reporting.tests.dashboard_parts import dashboard_seen
from reporting.tests.test_views_dashboard import DashboardTestCase
from skills import actions
from skills.actions import rebuild_snapshots
from skills.synthetic import seed_organisation
from skills.testing import SkillsTestCase

HR = reverse("reporting:hr-dashboard")
COUNCIL = reverse("reporting:council-dashboard")
NETWORK = reverse("reporting:network")
MONTH = f"{timezone.localdate():%Y-%m}"


class TablesTests(DashboardTestCase):
    def test_tables_have_translated_headers_integers_and_yes_no(self) -> None:
        self.client.force_login(self.cleo)
        growth = dashboard_seen(self.client, HR)["tables"]["growth"]
        self.assertEqual(
            growth["header"],
            [
                "Mois",
                "Service",
                "Personnes",
                "Au niveau attendu ou au-dessus (%)",
                "Niveau moyen",
                "En partie masqué (moins de 5 personnes)",
            ],
        )
        row = growth["rows"][-1]
        self.assertIs(type(row[2]), int)
        self.assertIn(row[-1], {"oui", "non"})
        self.assertNotRegex(row[0], r"^\d{4}-\d{2}")

    def test_english_headers_and_competence_names(self) -> None:
        User.objects.filter(pk=self.cleo.pk).update(preferred_language="en")
        self.client.force_login(self.cleo)
        tables = dashboard_seen(self.client, HR)["tables"]
        self.assertEqual(tables["gaps"]["header"][:2], ["Department", "Competence"])
        self.assertTrue(tables["gaps"]["rows"][0][1].startswith("4.1 "))
        self.assertNotIn("suppressed", tables["growth"]["header"])
        self.assertEqual(tables["funnel"]["header"][0], "Course")


class ExportTests(DashboardTestCase):
    def test_french_csv_splits_on_semicolons_with_a_decimal_comma(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR, {"export": "growth", "format": "csv"})
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="saint-aubin_progression_{MONTH}.csv"',
        )
        rows = list(
            csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        )
        self.assertEqual(rows[0][:3], ["Mois", "Service", "Personnes"])
        self.assertEqual(len(rows[0]), 6)
        self.assertEqual({row[3] for row in rows[1:]}, {"60"})
        self.assertTrue(all(row[2].isdigit() or row[2] == "—" for row in rows[1:]))

    def test_english_csv_uses_commas_and_a_decimal_point(self) -> None:
        User.objects.filter(pk=self.cleo.pk).update(preferred_language="en")
        self.client.force_login(self.cleo)
        response = self.client.get(HR, {"export": "growth"})
        self.assertIn("saint-aubin_growth_", response["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["Month", "Department", "People"])
        self.assertEqual(rows[0][3], "At or above the expected level (%)")

    def test_xlsx_has_numbers_a_named_sheet_and_a_bold_header(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR, {"export": "growth", "format": "xlsx"})
        self.assertIn(
            f"saint-aubin_progression_{MONTH}.xlsx", response["Content-Disposition"]
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.active
        self.assertEqual(sheet.title, "Progression")
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:3], ["Mois", "Service", "Personnes"])
        self.assertTrue(all(cell.font.bold for cell in sheet[1]))
        people = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertTrue(people)
        self.assertTrue(all(isinstance(p, int) or p == "—" for p in people), people)
        shares = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(shares, {60})


class SpreadsheetFormatTests(SimpleTestCase):
    TABLE = {"header": ["Town", "People", "Mean"], "rows": [["=cmd", 12, 2.5]]}

    def test_french_csv_has_a_decimal_comma_and_neutralised_formulas(self) -> None:
        with translation.override("fr"):
            body = exports.as_csv(self.TABLE).decode("utf-8-sig")
        self.assertEqual(body.splitlines(), ["Town;People;Mean", "'=cmd;12;2,5"])

    def test_english_csv_has_a_decimal_point(self) -> None:
        with translation.override("en"):
            body = exports.as_csv(self.TABLE).decode("utf-8-sig")
        self.assertEqual(body.splitlines(), ["Town,People,Mean", "'=cmd,12,2.5"])

    def test_xlsx_cells_keep_their_type(self) -> None:
        sheet = openpyxl.load_workbook(
            io.BytesIO(exports.as_xlsx(self.TABLE, "Growth"))
        ).active
        self.assertEqual(sheet.title, "Growth")
        self.assertEqual([c.value for c in sheet[2]], ["'=cmd", 12, 2.5])


class FilterTests(DashboardTestCase):
    def test_the_competence_filter_lists_the_chosen_areas_competences(self) -> None:
        self.client.force_login(self.cleo)
        form = self.client.get(HR, {"area": "4"}).context["form"]
        codes = [code for code, _label in form.fields["competence"].choices]
        self.assertEqual(codes[0], "")
        self.assertTrue(codes[1:])
        self.assertTrue(all(code.startswith("4.") for code in codes[1:]), codes)
        every = self.client.get(HR).context["form"].fields["competence"].choices
        self.assertGreater(len(every), len(codes))

    def test_a_competence_of_another_area_is_dropped_not_an_error(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR, {"area": "1", "competence": "4.1"})
        self.assertTrue(response.context["form"].is_valid())
        self.assertEqual(response.context["scope"].competence, "")
        self.assertEqual(response.context["scope"].area, "1")

    def test_the_department_filter_is_an_indented_tree_with_a_placeholder(
        self,
    ) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR)
        self.assertContains(response, '<option value="" selected>Tous les services')
        self.assertContains(response, "\u00a0\u00a0\u00a0Engineering</option>")
        self.assertContains(response, f'value="{self.resources.pk}">Resources<')


class EmptyStateTests(DashboardTestCase):
    def test_a_town_without_figures_says_why_instead_of_a_blank_grid(self) -> None:
        """Each chart's part says why it has nothing to draw (the page's script
        puts this in place of the chart)."""
        self.client.force_login(self.hugo)
        seen = dashboard_seen(self.client, HR)
        self.assertTrue(
            seen["empty"]["growth"].startswith("Pas encore de données : les chiffres")
        )
        self.assertNotIn("growth-data", seen["figures"])

    def test_a_department_too_small_to_show_says_it_is_hidden(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(HR, {"department": self.finance.pk})
        self.assertContains(response, 'id="too-few"')
        self.assertNotContains(response, 'data-chart="growth-data"')


class CouncilHeadlineTests(DashboardTestCase):
    def test_the_council_reads_headline_indicators_first(self) -> None:
        self.client.force_login(self.eli)
        response = self.client.get(COUNCIL)
        headlines = {h.label: h for h in response.context["headlines"]}
        self.assertEqual(len(headlines), 5)
        self.assertEqual(headlines["Agents au niveau attendu"].value, "60 %")
        self.assertEqual(headlines["Personnes évaluées"].value, "6")
        self.assertIsNone(headlines["Parcours de sensibilisation des élus"].value)
        body = response.content.decode()
        self.assertLess(body.index("En un coup d"), body.index("growth-heading"))

    def test_an_officials_track_of_fewer_than_five_is_hidden(self) -> None:
        Assignment.objects.create(
            organisation=self.town,
            course=make_course(
                make_section(make_catalogue(), self.town),
                slug="strategy",
                lessons=1,
                audience=CoursePage.Audience.ELECTED,
            ),
            due_date=timezone.localdate(),
            include_elected=True,
        )
        self.client.force_login(self.eli)
        headlines = {h.label: h for h in self.client.get(COUNCIL).context["headlines"]}
        track = headlines["Parcours de sensibilisation des élus"]
        self.assertIsNone(track.value)
        self.assertEqual(track.text, "masqué : moins de 5 personnes")

    def test_staff_and_learners_cannot_open_the_council_summary(self) -> None:
        for person in (self.ada, self.dev):
            self.client.force_login(person)
            self.assertEqual(self.client.get(COUNCIL).status_code, 403)


class NetworkChartTests(DashboardTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for town in (cls.town, cls.other_town):
            town.shares_indicators = True
            town.save()
        for person in (
            cls.hugo,
            make_person("mona", cls.other_town, department=cls.other_hr_department),
        ):
            actions.record_evidence(
                person,
                competence=cls.c41,
                level=3,
                source="course",
                observed_at=timezone.now(),
            )
        rebuild_skills_summary()

    def test_towns_are_compared_in_charts_at_five_people_or_more(self) -> None:
        """Montval's two people are in no chart, and blank in the table."""
        self.client.force_login(self.root)
        response = self.client.get(NETWORK)
        self.assertEqual(response.status_code, 200)
        figures = response.context["figures"]
        growth = figures["growth-data"]["data"]
        self.assertEqual([trace["name"] for trace in growth], ["Saint-Aubin"])
        self.assertTrue(all(y is not None for y in growth[0]["y"]))
        heat = figures["gaps-data"]["data"][0]
        self.assertEqual(heat["y"], ["Saint-Aubin"])
        self.assertTrue(heat["x"][0].startswith("4 "))
        table = {row[0]: row for row in response.context["table"]["rows"]}
        self.assertEqual(table["Montval"][1:4], ["—", "—", "—"])
        self.assertEqual(
            response.context["tables"]["gaps"]["header"][1], "Domaine de compétences"
        )

    def test_hr_of_a_town_that_does_not_share_sees_no_comparison(self) -> None:
        self.town.shares_indicators = False
        self.town.save()
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(NETWORK).status_code, 403)


class SyntheticTownTests(SkillsTestCase):
    """A synthetic town of 120 people over 14 months (``seed_organisation``): six
    directions of five services each."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.seeded = seed_organisation(people=120, months=14, slug="seeded")
        rebuild_snapshots(organisation=cls.seeded)
        rebuild_skills_summary()
        cls.hr = make_person("seeded-hr", cls.seeded, is_hr_admin=True)

    def test_every_chart_has_figures_and_every_group_a_name(self) -> None:
        self.client.force_login(self.hr)
        seen = dashboard_seen(self.client, HR, {"months": 14})
        for name in ("growth", "gaps", "distribution"):
            self.assertNotIn(name, seen["empty"], name)
            figure = seen["figures"][f"{name}-data"]
            values = [
                v
                for trace in figure["data"]
                for v in (trace.get("z") or trace.get("y") or [])
                if v is not None
            ]
            self.assertTrue(values, name)
        groups = {row[1] for row in seen["tables"]["growth"]["rows"]}
        self.assertTrue(groups)
        self.assertFalse({g for g in groups if g[:1].isdigit()}, groups)
        months = {row[0] for row in seen["tables"]["growth"]["rows"]}
        self.assertGreaterEqual(len(months), 12)

    def test_the_department_filter_lists_the_tree_under_its_directions(self) -> None:
        self.client.force_login(self.hr)
        form = self.client.get(HR).context["form"]
        labels = [label for _value, label in form.fields["department"].choices]
        self.assertEqual(labels[0], "Tous les services")
        self.assertEqual(len(labels), 1 + 6 * 6)
        self.assertEqual(labels[1], "Direction 0")
        self.assertEqual(labels[2], "\u00a0\u00a0\u00a0Service 0.0")
