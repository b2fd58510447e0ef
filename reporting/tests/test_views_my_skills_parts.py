"""My skills' radar and history on URLs of their own (``views.my_skills_part``
and ``views.my_skills_part_page``): always the person's own levels, a version
that changes with every change of what a part shows, private caching that a
second visit reuses, and a table page without script."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from lms.models import User
from skills import actions
from skills.models import Evidence
from skills.testing import SkillsTestCase

PAGE = reverse("reporting:my-skills")
PARTS = ("radar", "history")


def part(name: str) -> str:
    return reverse("reporting:my-skills-part", args=[name])


def part_page(name: str) -> str:
    return reverse("reporting:my-skills-part-page", args=[name])


class MySkillsPartsTestCase(SkillsTestCase):
    def setUp(self) -> None:
        super().setUp()
        actions.set_expectation(self.developer_role, self.c41, level=3)
        actions.record_evidence(
            self.ada, competence=self.c41, level=2, source="self", recorded_by=self.ada
        )

    def urls(self) -> dict[str, str]:
        """The parts' URLs as the page names them, for whoever is signed in."""
        response = self.client.get(PAGE)
        return {name: response.context["parts"][name]["data"] for name in PARTS}


class WhoGetsWhichPartTests(MySkillsPartsTestCase):
    def test_the_owner_gets_their_radar_and_history_as_json(self) -> None:
        """Each part holds its figure and its table as HTML: level 2 on 4.1
        against 3 expected, and this month's level 2 in the history."""
        self.client.force_login(self.ada)
        for name, url in self.urls().items():
            with self.subTest(name=name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/json")
                body = response.json()
                self.assertFalse(body["empty"])
                self.assertTrue(body["figure"]["data"])
                self.assertIn("<table>", body["html"])
        radar = self.client.get(part("radar")).json()
        self.assertIn(
            "<tr><td>4.1 Protéger les équipements</td><td>2</td><td>3</td></tr>",
            radar["html"],
        )
        history = self.client.get(part("history")).json()
        self.assertIn(
            "<td>4.1 Protéger les équipements</td><td>2</td>", history["html"]
        )

    def test_another_person_asking_for_the_same_url_gets_their_own_levels(
        self,
    ) -> None:
        """The URL names nobody: Dev (another learner), Ben (Ada's manager) and
        Hugo (HR of another town) asking for Ada's very URLs get their own
        levels (none), never Ada's, and not to be kept."""
        self.client.force_login(self.ada)
        ada = self.urls()
        self.assertIn("<td>2</td>", self.client.get(ada["radar"]).json()["html"])
        for person in (self.dev, self.ben, self.hugo):
            self.client.force_login(person)
            for name, url in ada.items():
                with self.subTest(person=person.username, name=name):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn("<td>2</td>", response.json()["html"])
                    self.assertIn("no-cache", response["Cache-Control"])
                    page = self.client.get(part_page(name))
                    self.assertNotContains(page, "<td>2</td>")

    def test_the_history_of_someone_with_no_snapshot_says_why(self) -> None:
        self.client.force_login(self.dev)
        body = self.client.get(part("history")).json()
        self.assertTrue(body["empty"])
        self.assertIsNone(body["figure"])
        self.assertIn('data-empty="history"', body["html"])
        self.assertNotIn("<table>", body["html"])

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        for name in PARTS:
            for url in (part(name), part_page(name)):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302, url)
                self.assertIn(reverse("login"), response["Location"])

    def test_an_official_has_no_skills_page_nor_parts(self) -> None:
        self.client.force_login(self.eli)
        for url in (PAGE, part("radar"), part_page("history")):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_an_unknown_part_is_not_found(self) -> None:
        self.client.force_login(self.ada)
        for url in (part("growth"), part_page("growth")):
            self.assertEqual(self.client.get(url).status_code, 404, url)


class VersionTests(MySkillsPartsTestCase):
    def test_parts_asked_for_with_the_pages_version_are_kept_a_day(self) -> None:
        self.client.force_login(self.ada)
        for name, url in self.urls().items():
            response = self.client.get(url)
            control = {v.strip() for v in response["Cache-Control"].split(",")}
            self.assertEqual(control, {"private", "max-age=86400"}, name)

    def test_a_part_asked_for_with_an_old_version_is_not_kept(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(part("radar"), {"v": "old"})
        control = {v.strip() for v in response["Cache-Control"].split(",")}
        self.assertEqual(control, {"private", "no-cache"})
        again = self.client.get(
            part("radar"), {"v": "old"}, HTTP_IF_NONE_MATCH=response["ETag"]
        )
        self.assertEqual(again.status_code, 304)

    def test_new_evidence_gives_both_parts_a_new_url(self) -> None:
        """A level and this month's snapshot change with new evidence: the
        browser never reuses the figures it holds."""
        self.client.force_login(self.ada)
        before = self.urls()
        self.assertEqual(self.urls(), before)
        actions.record_evidence(
            self.ada, competence=self.c41, level=3, source="self", recorded_by=self.ada
        )
        after = self.urls()
        for name in PARTS:
            self.assertNotEqual(after[name], before[name], name)
        self.assertIn(
            "<td>3</td><td>3</td>", self.client.get(after["radar"]).json()["html"]
        )

    def test_an_expired_level_or_a_new_expectation_changes_the_radars_url(
        self,
    ) -> None:
        """Levels are read as of now: evidence that expires changes the level
        without any new row, and so the URL; so does an expected level."""
        self.client.force_login(self.ada)
        before = self.urls()["radar"]
        actions.set_expectation(self.developer_role, self.c42, level=2)
        expected = self.urls()["radar"]
        self.assertNotEqual(expected, before)
        Evidence.objects.filter(person=self.ada).update(
            expires_at=timezone.now() - dt.timedelta(days=1)
        )
        self.assertNotEqual(self.urls()["radar"], expected)

    def test_the_language_and_a_new_sign_in_give_other_urls(self) -> None:
        self.client.force_login(self.ada)
        first = self.urls()
        User.objects.filter(pk=self.ada.pk).update(preferred_language="en")
        english = self.urls()
        self.assertNotEqual(english["radar"], first["radar"])
        self.client.logout()
        self.client.force_login(self.ada)
        self.assertNotEqual(self.urls()["radar"], english["radar"])


class PageTests(MySkillsPartsTestCase):
    def test_the_page_holds_no_figure_but_keeps_the_levels_and_why(self) -> None:
        """The page links each part (its script fetches them); the level per
        competence and the evidence behind it stay on the page."""
        self.client.force_login(self.ada)
        response = self.client.get(PAGE)
        content = response.content.decode()
        for name in PARTS:
            self.assertIn(f'data-part="{part(name)}?v=', content)
            self.assertIn(f'href="{part_page(name)}"', content)
        self.assertNotIn('"layout"', content)
        self.assertNotIn("application/json", content)
        self.assertContains(response, "Auto-évalué")
        self.assertContains(response, '<th scope="row">4.1 Protéger les équipements')

    def test_the_table_is_a_page_of_its_own(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(part_page("history"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<a href="{PAGE}">Retour à Mes compétences</a>')
        self.assertContains(response, "<td>4.1 Protéger les équipements</td>")
        self.assertNotContains(response, "fewer than")
        self.assertNotContains(response, "moins de")

    def test_the_page_and_each_part_read_a_fixed_number_of_queries(self) -> None:
        """The page, 8 (9 when it drew the figures: no level names now): the
        session's user, the framework, competences, evidence, expectations,
        snapshots (their digest is the history's version), recommended courses,
        practice sheets. The radar, 6: user, framework, level names,
        competences, evidence, expectations. The history, 5: user, framework,
        level names, competences, snapshots."""
        self.client.force_login(self.ada)
        self.client.get(PAGE)
        with self.assertNumQueries(8):
            self.client.get(PAGE)
        for name, count in (("radar", 6), ("history", 5)):
            with self.subTest(name=name), self.assertNumQueries(count):
                self.client.get(part(name))
