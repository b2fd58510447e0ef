"""A practice names the community of practice where it is discussed: proposed
by shared competences, linked from the practice, listed on the community's
page with its town credited, and never shown outside its network."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.community.models import Community
from lms.models import Network, Organisation
from lms.testing import make_department, make_person
from reporting.plan import actions
from reporting.plan.models import Pilot, Practice
from reporting.plan.tests.base import PlanTestCase


class PracticeCommunityTestCase(PlanTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.pilot.decision = Pilot.Decision.SCALE
        cls.pilot.save()
        # Montval's community on the pilot's competence: the one to propose.
        cls.shared = Community.objects.create(
            organisation=cls.other_town, name="Cybersecurity circle"
        )
        cls.shared.competences.set([cls.c41])
        # Saint-Aubin's, open to the network, on nothing the pilot required.
        cls.plain = Community.objects.create(
            organisation=cls.town, name="Agents' corner"
        )
        cls.montval_only = Community.objects.create(
            organisation=cls.other_town,
            name="Montval staff room",
            scope=Community.Scope.TOWN,
        )
        cls.montval_only.competences.set([cls.c41])
        # Another network: its town, HR, community and a practice that names
        # the network's community anyway (as if the town had left it).
        far_network = Network.objects.create(name="Far", slug="far")
        cls.far_town = Organisation.objects.create(
            name="Loinville", slug="loinville", network=far_network
        )
        far_department = make_department(cls.far_town, "IT", "IT")
        cls.far_hr = make_person(
            "fiona", cls.far_town, department=far_department, is_hr_admin=True
        )
        cls.far_community = Community.objects.create(
            organisation=cls.far_town, name="Far circle"
        )
        cls.far_community.competences.set([cls.c41])
        far_pilot = Pilot.objects.create(
            organisation=cls.far_town,
            department=far_department,
            title="Far chatbot",
            assumption="x",
            experiment_type=Pilot.ExperimentType.SOLUTION,
            starts_on=dt.date(2026, 1, 1),
            decision=Pilot.Decision.SCALE,
        )
        cls.far_practice = Practice.objects.create(
            pilot=far_pilot,
            organisation=cls.far_town,
            summary="Far summary",
            community=cls.shared,
        )


class PublishTests(PracticeCommunityTestCase):
    def test_the_community_sharing_competences_is_proposed(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("plan:pilot-detail", args=[self.pilot.pk]))
        form = response.context["publish_form"]
        self.assertEqual(form.initial["community"], self.shared.pk)
        choices = list(form.fields["community"].queryset)
        self.assertEqual(choices, [self.shared, self.plain])
        self.assertNotIn(self.montval_only, choices)
        self.assertNotIn(self.far_community, choices)

    def test_nothing_is_proposed_without_a_shared_competence(self) -> None:
        self.pilot.competences.clear()
        self.client.force_login(self.cleo)
        response = self.client.get(reverse("plan:pilot-detail", args=[self.pilot.pk]))
        form = response.context["publish_form"]
        self.assertNotIn("community", form.initial)
        self.assertEqual(
            list(form.fields["community"].queryset), [self.plain, self.shared]
        )

    def test_publishing_names_the_community(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("plan:pilot-publish", args=[self.pilot.pk]),
            {"summary": "Start with one desk.", "community": self.shared.pk},
        )
        self.assertEqual(response.status_code, 302)
        practice = Practice.objects.get(pilot=self.pilot)
        self.assertEqual(practice.community, self.shared)

    def test_a_forged_community_of_another_network_is_refused(self) -> None:
        self.client.force_login(self.cleo)
        for community in (self.far_community, self.montval_only):
            self.client.post(
                reverse("plan:pilot-publish", args=[self.pilot.pk]),
                {"summary": "Start with one desk.", "community": community.pk},
            )
            self.assertFalse(Practice.objects.filter(pilot=self.pilot).exists())

    def test_the_model_refuses_a_community_outside_the_network(self) -> None:
        with self.assertRaises(ValidationError):
            actions.publish_practice(
                self.pilot, by=self.cleo, summary="x", community=self.far_community
            )
        self.assertFalse(Practice.objects.filter(pilot=self.pilot).exists())
        # A community of the town itself, even kept to the town, is allowed.
        town_room = Community.objects.create(
            organisation=self.town, name="Town room", scope=Community.Scope.TOWN
        )
        practice = actions.publish_practice(
            self.pilot, by=self.cleo, summary="x", community=town_room
        )
        self.assertEqual(practice.community, town_room)


class LinkedPracticeTestCase(PracticeCommunityTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.practice = actions.publish_practice(
            cls.pilot, by=cls.cleo, summary="Start with one desk.", community=None
        )


class ChangeCommunityTests(LinkedPracticeTestCase):
    def url(self) -> str:
        return reverse("plan:practice-community", args=[self.practice.pk])

    def test_hr_of_the_town_names_the_community(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(self.url(), {"community": self.shared.pk})
        self.practice.refresh_from_db()
        self.assertEqual(self.practice.community, self.shared)

    def test_others_cannot_change_it(self) -> None:
        for person, status in (
            (self.hugo, 404),  # HR of another town of the network
            (self.far_hr, 404),  # HR of another network
            (self.eli, 403),  # an official reads, does not write
            (self.ada, 403),
        ):
            self.client.force_login(person)
            response = self.client.post(self.url(), {"community": self.shared.pk})
            self.assertEqual(response.status_code, status, person)
        self.client.logout()
        response = self.client.post(self.url(), {"community": self.shared.pk})
        self.assertIn("/accounts/login/", response["Location"])
        self.practice.refresh_from_db()
        self.assertIsNone(self.practice.community)

    def test_a_forged_community_is_refused(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(self.url(), {"community": self.far_community.pk})
        self.practice.refresh_from_db()
        self.assertIsNone(self.practice.community)


class PracticePageTests(LinkedPracticeTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.link_practice_to_community(cls.practice, cls.shared)

    def url(self) -> str:
        return reverse("plan:practice-detail", args=[self.practice.pk])

    def test_the_practice_page_links_to_its_community(self) -> None:
        for person in (self.cleo, self.eli, self.hugo):
            self.client.force_login(person)
            response = self.client.get(self.url())
            self.assertContains(response, self.shared.get_absolute_url())
            self.assertContains(response, "Saint-Aubin")  # credited
        self.client.force_login(self.cleo)
        home = self.client.get(reverse("plan:home"))
        self.assertContains(home, self.shared.get_absolute_url())
        pilot = self.client.get(reverse("plan:pilot-detail", args=[self.pilot.pk]))
        self.assertContains(pilot, self.shared.get_absolute_url())

    def test_the_practice_page_is_refused_outside(self) -> None:
        for person, status in ((self.far_hr, 404), (self.ada, 403), (self.dev, 403)):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url()).status_code, status, person)
        self.client.logout()
        self.assertIn("/accounts/login/", self.client.get(self.url())["Location"])
        # Nor does Saint-Aubin's HR reach the far network's practice.
        self.client.force_login(self.cleo)
        far = reverse("plan:practice-detail", args=[self.far_practice.pk])
        self.assertEqual(self.client.get(far).status_code, 404)

    def test_the_community_page_lists_the_practices_of_its_theme(self) -> None:
        url = self.shared.get_absolute_url()
        # Marc, a learner of Montval, reads the community: the practice is
        # listed with its town credited, without a link to the plan pages.
        self.client.force_login(self.marc)
        response = self.client.get(url)
        self.assertContains(response, "Online ticketing")
        self.assertContains(response, "Saint-Aubin</span>")  # credited
        self.assertEqual(
            response.context["panels"][0].context["practices"], [self.practice]
        )
        self.assertNotContains(
            response, reverse("plan:practice-detail", args=[self.practice.pk])
        )
        # The practice of another network that names it is never shown.
        self.assertNotContains(response, "Far chatbot")
        self.assertNotContains(response, "Far summary")
        # HR of a town of the network gets the link to the practice.
        self.client.force_login(self.hugo)
        response = self.client.get(url)
        self.assertContains(
            response, reverse("plan:practice-detail", args=[self.practice.pk])
        )
        self.assertNotContains(response, "Far chatbot")

    def test_the_community_page_query_count(self) -> None:
        self.client.force_login(self.hugo)
        url = self.shared.get_absolute_url()
        self.client.get(url)  # warm the site and session caches
        with self.assertNumQueries(8):
            response = self.client.get(url)
        self.assertEqual(len(response.context["panels"][0].context["practices"]), 1)

    def test_another_network_sees_neither_the_community_nor_the_link(self) -> None:
        self.client.force_login(self.far_hr)
        self.assertEqual(
            self.client.get(self.shared.get_absolute_url()).status_code, 404
        )
        response = self.client.get(reverse("plan:home"))
        self.assertNotContains(response, "Online ticketing")
        self.assertNotContains(response, self.shared.get_absolute_url())
        # Far's own practice is shown, but not the link to a community its
        # reader cannot open.
        self.assertContains(response, "Far chatbot")
