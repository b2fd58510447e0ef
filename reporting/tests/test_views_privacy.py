"""Trying to single someone out: whatever the page, filter, chart, table or
download, no figure gives back one person's skills (docs/reporting.md)."""

import datetime as dt
import io
from typing import Any

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Assignment
from courses.testing import CatalogueTestCase
from lms.models import User
from lms.testing import make_person
from reporting.actions import rebuild_skills_summary
from reporting.tests.dashboard_parts import dashboard_seen
from reporting.views import DATASETS
from skills import actions
from skills.models import Competence, MonthlySnapshot
from skills.testing import SkillsTestCase

HR = reverse("reporting:hr-dashboard")
COUNCIL = reverse("reporting:council-dashboard")
TEAM = reverse("reporting:team-dashboard")
NETWORK = reverse("reporting:network")
BLANK = "—"


def assess(person: User, competences: list[Competence], level: int) -> None:
    when = timezone.now() - dt.timedelta(days=65)
    for competence in competences:
        actions.record_evidence(
            person,
            competence=competence,
            level=level,
            source="course",
            observed_at=when,
        )


class PrivacyTestCase(SkillsTestCase):
    """Saint-Aubin, assessed on 4.1 and 4.2 (4.1 expected at level 2 of
    developers). Resources holds Engineering — Ada and four more developers,
    and Sam, with no job role, in its Support unit — and Finance, where Dev is
    alone and the only accountant, at level 4: the person to single out."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.set_expectation(cls.developer_role, cls.c41, level=2)
        cls.developers = [
            cls.ada,
            *(
                make_person(
                    f"eng{i}",
                    cls.town,
                    department=cls.engineering,
                    job_role=cls.developer_role,
                    manager=cls.ben,
                )
                for i in range(4)
            ),
        ]
        for index, person in enumerate([*cls.developers, cls.sam]):
            assess(person, [cls.c41, cls.c42], 1 + index % 3)
        assess(cls.dev, [cls.c41, cls.c42], 4)
        rebuild_skills_summary()

    def page(self, url: str, **params: Any) -> dict[str, Any]:
        """What ``url`` shows; a dashboard's with every part it fetches."""
        if url in (HR, COUNCIL, TEAM):
            return dashboard_seen(self.client, url, params)
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, (url, params))
        return response.context

    def hr_selections(self) -> list[dict[str, Any]]:
        """Every filter HR could combine to corner Dev."""
        departments = [None, self.resources, self.engineering, self.support]
        departments.append(self.finance)
        roles = [None, self.developer_role, self.accountant_role]
        return [
            {
                **({"department": d.pk} if d else {}),
                **({"job_role": r.pk} if r else {}),
            }
            for d in departments
            for r in roles
        ] + [{"area": "4"}]

    def published(self) -> dict[str, Any]:
        """Every table and chart of the HR dashboards (each selection) and the
        council summary, as HR and an official see them."""
        self.client.force_login(self.cleo)
        seen = {
            str(params): (context["tables"], context["figures"])
            for params in self.hr_selections()
            for context in [self.page(HR, **params)]
        }
        self.client.force_login(self.eli)
        context = self.page(COUNCIL)
        seen["council"] = (context["tables"], context["figures"])
        return seen


class OnePersonDepartmentAndRoleTests(PrivacyTestCase):
    def test_no_page_changes_with_or_without_her_figures(self) -> None:
        """Every chart and table of every filter combination is the same with
        Dev's levels as without them: nothing published depends on her."""
        with_dev = self.published()
        MonthlySnapshot.objects.filter(person=self.dev).delete()
        rebuild_skills_summary()
        self.assertEqual(self.published(), with_dev)

    def test_her_department_or_job_role_alone_shows_nothing_and_says_why(
        self,
    ) -> None:
        self.client.force_login(self.cleo)
        for params in (
            {"department": self.finance.pk},
            {"job_role": self.accountant_role.pk},
        ):
            with self.subTest(params=params):
                seen = self.page(HR, **params)
                self.assertEqual(seen["tables"]["growth"]["rows"], [])
                self.assertEqual(seen["tables"]["gaps"]["rows"], [])
                self.assertContains(seen["response"], "moins de 5 personnes")
                self.assertContains(seen["response"], 'id="too-few"')
        User.objects.filter(pk=self.cleo.pk).update(preferred_language="en")
        response = self.client.get(HR, {"department": self.finance.pk})
        self.assertContains(response, "it describes fewer than 5 people")

    def test_no_download_of_her_department_holds_a_figure(self) -> None:
        self.client.force_login(self.cleo)
        for dataset in DATASETS:
            for fmt in ("csv", "xlsx"):
                with self.subTest(dataset=dataset, format=fmt):
                    response = self.client.get(
                        HR,
                        {
                            "department": self.finance.pk,
                            "export": dataset,
                            "format": fmt,
                        },
                    )
                    self.assertEqual(response.status_code, 200)
                    if fmt == "csv":
                        lines = response.content.decode("utf-8-sig").splitlines()
                        self.assertEqual(len(lines), 1, lines)  # the header only
                    else:
                        sheet = load_workbook(io.BytesIO(response.content)).active
                        rows = list(sheet.iter_rows(values_only=True))
                        self.assertEqual(len(rows), 1, rows)  # the header only

    def test_an_unfiltered_page_counts_people_once(self) -> None:
        """Six people assessed on two competences are six, not twelve: the
        summary's cells are counted per person."""
        self.client.force_login(self.cleo)
        growth = self.page(HR)["tables"]["growth"]["rows"]
        self.assertEqual({row[1] for row in growth}, {"Resources"})
        self.assertEqual({row[2] for row in growth}, {6.0})


class DirectionAndItsServicesTests(PrivacyTestCase):
    """Four more people work for Resources itself: with Dev, moved up from
    Finance, Resources' own cell has five."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i in range(4):
            person = make_person(f"drm{i}", cls.town, department=cls.resources)
            assess(person, [cls.c41, cls.c42], 2)
        rebuild_skills_summary()

    def test_the_direction_minus_its_services_isolates_no_one(self) -> None:
        User.objects.filter(pk=self.cleo.pk).update(preferred_language="en")
        self.client.force_login(self.cleo)
        whole = self.page(HR)["tables"]["growth"]["rows"]
        self.assertEqual({(row[1], row[2]) for row in whole}, {("Resources", 11.0)})
        inside = self.page(HR, department=self.resources.pk)["tables"]["growth"]
        groups = {row[1]: row[2] for row in inside["rows"]}
        self.assertEqual(
            groups,
            {
                "Engineering": 6.0,
                "Resources: own staff and units too small to show": 5.0,
            },
        )
        self.assertEqual(11.0 - sum(groups.values()), 0)  # no one left over

    def test_every_shown_figure_describes_five_people_or_more(self) -> None:
        self.client.force_login(self.cleo)
        for params in self.hr_selections():
            with self.subTest(params=params):
                context = self.page(HR, **params)
                for table in ("growth", "gaps"):
                    for row in context["tables"][table]["rows"]:
                        people = row[2]
                        self.assertTrue(people == BLANK or people >= 5, row)
                        self.assertNotIn("Finance", row)


class DepartmentMinusAJobRoleTests(PrivacyTestCase):
    def test_a_role_whose_complement_is_under_five_is_refused(self) -> None:
        """Engineering minus its developers is Sam alone: the developers of
        Engineering are not shown, while Engineering is."""
        self.client.force_login(self.cleo)
        both = {"department": self.engineering.pk, "job_role": self.developer_role.pk}
        seen = self.page(HR, **both)
        self.assertEqual(seen["tables"]["growth"]["rows"], [])
        self.assertContains(seen["response"], 'id="too-few"')
        engineering = self.page(HR, department=self.engineering.pk)
        self.assertEqual(
            {row[2] for row in engineering["tables"]["growth"]["rows"]}, {6.0}
        )

    def test_the_same_role_is_shown_once_the_rest_reaches_five(self) -> None:
        for i in range(4):
            person = make_person(f"sup{i}", self.town, department=self.support)
            assess(person, [self.c41, self.c42], 2)
        rebuild_skills_summary()
        self.client.force_login(self.cleo)
        both = {"department": self.engineering.pk, "job_role": self.developer_role.pk}
        seen = self.page(HR, **both)
        self.assertEqual({row[2] for row in seen["tables"]["growth"]["rows"]}, {5.0})
        self.assertNotContains(seen["response"], 'id="too-few"')


class SmallTownInTheNetworkTests(PrivacyTestCase):
    """Montval shares its indicators with three people assessed."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.town.shares_indicators = True
        cls.town.save()
        cls.other_town.shares_indicators = True
        cls.other_town.save()
        montval = [cls.marc, cls.hugo]
        montval.append(
            make_person("mona", cls.other_town, department=cls.other_hr_department)
        )
        for person in montval:
            assess(person, [cls.c41], 3)
        rebuild_skills_summary()

    def test_a_town_of_three_is_listed_blank_for_every_viewer(self) -> None:
        for viewer in (self.root, self.cleo, self.hugo):
            with self.subTest(viewer=viewer.username):
                self.client.force_login(viewer)
                rows = {row[0]: row for row in self.page(NETWORK)["table"]["rows"]}
                self.assertEqual(rows["Montval"][1:4], [BLANK, BLANK, BLANK])
                self.assertEqual(rows["Saint-Aubin"][1], 6.0)

    def test_nor_does_its_own_council_summary_show_a_figure(self) -> None:
        self.client.force_login(self.hugo)
        tables = self.page(COUNCIL)["tables"]
        for name in ("growth", "gaps", "distribution"):
            for row in tables[name]["rows"]:
                self.assertNotIn(3.0, row)
                self.assertTrue(row[2] == BLANK or name == "distribution", row)


class ManagerAndHRTests(PrivacyTestCase):
    def test_a_manager_sees_each_person_of_their_team(self) -> None:
        """Ben manages Ada and the four developers, and, through Ada, Sam: six
        rows of their own, figures shown even for one person."""
        self.client.force_login(self.ben)
        context = self.page(TEAM)
        growth = context["tables"]["growth"]["rows"]
        names = {row[1] for row in growth}
        self.assertEqual(
            names, {p.get_full_name() for p in [*self.developers, self.sam]}
        )
        self.assertEqual({row[2] for row in growth}, {1})
        gaps = {
            (row[0], row[1].split()[0]): row[3]
            for row in context["tables"]["gaps"]["rows"]
        }
        self.assertEqual(gaps[self.ada.get_full_name(), "4.1"], 1)  # level 1 of 2
        self.assertContains(self.client.get(TEAM), "personne par personne")

    def test_a_manager_sees_only_their_own_reports(self) -> None:
        self.client.force_login(self.ada)
        growth = self.page(TEAM)["tables"]["growth"]["rows"]
        self.assertEqual({row[1] for row in growth}, {self.sam.get_full_name()})

    def test_hr_of_the_same_town_sees_no_one_by_name(self) -> None:
        self.client.force_login(self.cleo)
        names = {p.get_full_name() for p in [*self.developers, self.sam, self.dev]}
        for params in self.hr_selections():
            context = self.page(HR, **params)
            for table in context["tables"].values():
                cells = {cell for row in table["rows"] for cell in row}
                self.assertFalse(cells & names, params)
        self.assertEqual(self.client.get(TEAM).status_code, 403)

    def test_officials_and_learners_have_no_team_dashboard(self) -> None:
        for person in (self.eli, self.dev):
            self.client.force_login(person)
            self.assertEqual(self.client.get(TEAM).status_code, 403, person)


class MandatoryTrainingTests(CatalogueTestCase):
    """Mandatory training for Resources: its own two (Cleo, Aurore), Engineering
    (Ben, Ada and Sam in Support) and Finance (Dev alone), none started."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i in range(4):
            make_person(f"eng{i}", cls.town, department=cls.engineering)
        assignment = Assignment.objects.create(
            organisation=cls.town,
            course=cls.course,
            due_date=timezone.localdate() + dt.timedelta(days=30),
        )
        assignment.departments.add(cls.resources)

    def rows(self, **params: Any) -> dict[str, list[Any]]:
        self.client.force_login(self.cleo)
        table = dashboard_seen(self.client, HR, params)["tables"]["compliance"]
        return {row[1]: row[2:-1] for row in table["rows"]}

    def test_the_direction_is_shown_and_its_services_are_not(self) -> None:
        """Resources (10) is shown; under it, Finance (1) and Resources' own (2)
        are blank, and so is Engineering (7): Resources minus Engineering would
        otherwise give the other three back."""
        self.assertEqual(self.rows()["Resources"][0], 10.0)
        inside = self.rows(department=self.resources.pk)
        self.assertEqual(len(inside), 3)
        self.assertEqual({c for row in inside.values() for c in row}, {BLANK})

    def test_a_service_minus_its_unit_gives_nothing_back(self) -> None:
        """Engineering's own six and Support's one are both blank."""
        inside = self.rows(department=self.engineering.pk)
        self.assertEqual(len(inside), 2)
        self.assertEqual({c for row in inside.values() for c in row}, {BLANK})
