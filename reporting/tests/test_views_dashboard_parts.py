"""Each chart of a dashboard on a URL of its own (``views.dashboard_part`` and
``views.dashboard_part_page``): the dashboard's permissions and filters exactly,
private caching that a second visit reuses, and a table page without script."""

from __future__ import annotations

from django.urls import reverse

from lms.models import User
from reporting.actions import rebuild_skills_summary
from reporting.dashboard import DATASETS, SKILLS_DATASETS
from reporting.tests.test_views_dashboard import DashboardTestCase

HR = reverse("reporting:hr-dashboard")


def part(name: str, view: str = "hr") -> str:
    return reverse(f"reporting:{view}-part", args=[name])


def part_page(name: str, view: str = "hr") -> str:
    return reverse(f"reporting:{view}-part-page", args=[name])


class WhoMayFetchAPartTests(DashboardTestCase):
    def test_hr_of_the_town_gets_every_part_as_json(self) -> None:
        """Each part holds its figure (none for the funnel, a table only, nor
        when there is nothing to draw) and its table as HTML (or why it has
        none); Resources (Engineering's
        direction) has a row in the growth table."""
        self.client.force_login(self.cleo)
        for name in DATASETS:
            with self.subTest(name=name):
                response = self.client.get(part(name))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/json")
                body = response.json()
                drawn = name != "funnel" and not body["empty"]
                self.assertEqual(body["figure"] is not None, drawn)
                self.assertEqual("<table>" in body["html"], not body["empty"])
                self.assertEqual("data-empty" in body["html"], body["empty"])
        growth = self.client.get(part("growth")).json()
        self.assertIn("<td>Resources</td>", growth["html"])
        self.assertTrue(growth["figure"]["data"])

    def test_learners_managers_and_officials_get_no_hr_part(self) -> None:
        for person in (self.ada, self.ben, self.eli):
            self.client.force_login(person)
            for url in (part("growth"), part_page("growth")):
                with self.subTest(person=person.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        for url in (part("gaps"), part_page("gaps"), part("gaps", "council")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn(reverse("login"), response["Location"])

    def test_hr_of_another_town_reads_only_their_own_town(self) -> None:
        """Hugo naming Saint-Aubin is refused; naming one of its departments
        is ignored, as on the dashboard: his own town's figures, unfiltered."""
        self.client.force_login(self.hugo)
        refused = self.client.get(part("growth"), {"organisation": self.town.pk})
        self.assertEqual(refused.status_code, 403)
        response = self.client.get(part("growth"), {"department": self.engineering.pk})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["scope"].organisation, self.other_town)
        self.assertIsNone(response.context["scope"].department)
        self.assertNotIn("Engineering", response.json()["html"])

    def test_an_official_fetches_the_council_parts_a_learner_does_not(self) -> None:
        self.client.force_login(self.eli)
        response = self.client.get(part("growth", "council"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            {row[1] for row in response.context["table"]["rows"]}, {"Saint-Aubin"}
        )
        self.client.force_login(self.dev)
        self.assertEqual(self.client.get(part("growth", "council")).status_code, 403)

    def test_a_manager_fetches_their_team_parts_a_learner_does_not(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.get(part("growth", "team"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ada.get_full_name(), response.json()["html"])
        self.client.force_login(self.dev)
        self.assertEqual(self.client.get(part("growth", "team")).status_code, 403)

    def test_an_unknown_part_is_not_found(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(part("people")).status_code, 404)
        self.assertEqual(self.client.get(part_page("people")).status_code, 404)


class KeptByTheBrowserTests(DashboardTestCase):
    def test_skills_parts_are_private_and_kept_a_day(self) -> None:
        self.client.force_login(self.cleo)
        for name in SKILLS_DATASETS:
            response = self.client.get(part(name))
            control = {v.strip() for v in response["Cache-Control"].split(",")}
            self.assertEqual(control, {"private", "max-age=86400"}, name)
            self.assertTrue(response.has_header("ETag"))

    def test_live_parts_are_asked_again_and_answered_304_when_unchanged(
        self,
    ) -> None:
        self.client.force_login(self.cleo)
        for name in set(DATASETS) - SKILLS_DATASETS:
            with self.subTest(name=name):
                first = self.client.get(part(name))
                control = {v.strip() for v in first["Cache-Control"].split(",")}
                self.assertEqual(control, {"private", "no-cache"})
                again = self.client.get(part(name), HTTP_IF_NONE_MATCH=first["ETag"])
                self.assertEqual(again.status_code, 304)
                self.assertEqual(again.content, b"")

    def test_a_part_url_changes_with_a_rebuild_the_language_and_a_sign_in(
        self,
    ) -> None:
        """The page names each part with the filters and a version: a rebuilt
        summary, another language or a new session gives another URL, so the
        browser's copy is not reused; the same visit again gives the same one."""
        self.client.force_login(self.cleo)

        def url() -> str:
            response = self.client.get(HR, {"months": "6", "export": "x"})
            return response.context["parts"]["growth"]["data"]

        first = url()
        self.assertTrue(first.startswith(part("growth") + "?months=6&v="), first)
        self.assertEqual(url(), first)
        rebuild_skills_summary()
        rebuilt = url()
        self.assertNotEqual(rebuilt, first)
        User.objects.filter(pk=self.cleo.pk).update(preferred_language="en")
        english = url()
        self.assertNotEqual(english, rebuilt)
        self.client.logout()
        self.client.force_login(self.cleo)
        self.assertNotEqual(url(), english)

    def test_the_page_holds_no_figure_and_no_table(self) -> None:
        """The page links each part (its script fetches them); its tables come
        with them."""
        self.client.force_login(self.cleo)
        response = self.client.get(HR)
        content = response.content.decode()
        for name in DATASETS:
            self.assertIn(f'data-part="{part(name)}?v=', content)
            self.assertIn(f'href="{part_page(name)}"', content)
        self.assertNotIn('"layout"', content)
        self.assertNotIn("<table>", content)


class TablePageTests(DashboardTestCase):
    def test_the_table_is_a_page_of_its_own_with_the_dashboards_filters(
        self,
    ) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(part_page("growth"), {"months": "6", "v": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "<h1>La progression dans le temps</h1>", html=True
        )
        self.assertContains(response, "<td>Resources</td>", html=True)
        self.assertContains(response, f'href="{HR}?months=6"')
        self.assertContains(response, f'href="{HR}?months=6&amp;export=growth')

    def test_a_part_without_figures_says_why(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(part_page("growth"))
        self.assertContains(response, 'data-empty="growth"')
        self.assertNotContains(response, "<table>")


class QueryCountTests(DashboardTestCase):
    def test_the_page_and_each_part_read_a_fixed_number_of_queries(self) -> None:
        self.client.force_login(self.cleo)
        self.client.get(HR)
        # 13 (21 when the page held every figure): the session's user, level
        # names and competences (with their areas: the filter), two for the
        # organisation, the last refresh, four reads of communities (posts,
        # questions, accepted answers, people) and the town's mentorings for
        # peer learning, the filter's departments and job roles.
        with self.assertNumQueries(13):
            self.client.get(HR)
        # Each part: the session's user, level names and competences, two for
        # the organisation, then its own reads: department names for those
        # grouped by department, and its figures (activity: statements and
        # completions; compliance: the assignments).
        counts = {
            "growth": 7,
            "gaps": 7,
            "distribution": 6,
            "compliance": 7,
            "activity": 7,
            "funnel": 6,
        }
        for name, count in counts.items():
            with self.subTest(name=name), self.assertNumQueries(count):
                self.client.get(part(name))
