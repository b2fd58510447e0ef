"""courses.community.views.communities: who sees which community, joining, preferences."""

from __future__ import annotations

from django.urls import reverse

from courses.community import actions
from courses.community.models import (
    Preference,
    Thread,
)
from courses.community.tests.base import CommunityTestCase


class VisibilityTests(CommunityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.thread = self.ask()
        self.closed = actions.start_thread(
            self.marc,
            self.town_only,
            kind=Thread.Kind.DISCUSSION,
            title="Entre Montvalois",
            body="Réservé à Montval",
        )

    def test_a_network_community_is_open_to_the_network(self) -> None:
        """Ada of Saint-Aubin reads Montval's open-data community and its thread."""
        self.client.force_login(self.ada)
        self.assertContains(
            self.client.get(self.open_data.get_absolute_url()), "Données ouvertes"
        )
        self.assertContains(
            self.client.get(self.thread.get_absolute_url()), "Publier un jeu"
        )

    def test_a_town_community_is_closed_to_other_towns(self) -> None:
        """Ada gets 404 for Montval's own community, its thread and post; Marc
        of Montval reads them."""
        post = self.closed.posts.get()
        self.client.force_login(self.ada)
        for url in (
            self.town_only.get_absolute_url(),
            self.closed.get_absolute_url(),
            reverse("community:thread-new", args=[self.town_only.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        for name in ("accept", "report", "hide", "restore", "make-sheet"):
            url = reverse(f"community:{name}", args=[post.pk])
            self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, 404)
        response = self.client.post(
            reverse("community:reply", args=[self.closed.pk]), {"body": "Bonjour"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.closed.posts.count(), 1)
        home = self.client.get(reverse("community:home"))
        self.assertNotContains(home, "Montval entre nous")
        self.client.force_login(self.marc)
        self.assertContains(self.client.get(self.closed.get_absolute_url()), "Réservé")

    def test_another_network_sees_nothing(self) -> None:
        """Zoé of Farville: no community, thread, sheet nor challenge of Val Vert."""
        answer = actions.reply(self.ada, self.thread, body="Oui.")
        actions.accept_answer(self.marc, answer)
        sheet = actions.make_practice_sheet(
            self.hugo, answer, title="Fiche Valvert", body="B"
        )
        challenge = actions.post_challenge(
            self.hugo,
            organisation=self.other_town,
            title="Défi Valvert",
            body="B",
            competences=[self.c13],
        )
        self.client.force_login(self.zoe)
        for url in (
            self.open_data.get_absolute_url(),
            self.thread.get_absolute_url(),
            sheet.get_absolute_url(),
            challenge.get_absolute_url(),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        for url in (
            reverse("community:home"),
            reverse("community:sheet-list"),
            reverse("community:challenge-list"),
        ):
            response = self.client.get(url)
            for text in (
                "Données ouvertes",
                "Fiche Valvert",
                "Défi Valvert",
                "Saint-Aubin",
            ):
                self.assertNotContains(response, text)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(self.thread.get_absolute_url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_moderation_is_for_moderators(self) -> None:
        url = reverse("community:moderation", args=[self.open_data.pk])
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.hugo)
        self.assertContains(self.client.get(url), "Audit trail")


class PreferenceTests(CommunityTestCase):
    def test_helping_is_off_until_the_person_says_so(self) -> None:
        self.assertFalse(Preference.objects.filter(person=self.marc).exists())
        self.client.force_login(self.marc)
        response = self.client.get(reverse("community:preferences"))
        self.assertContains(response, 'name="helps_network"')
        self.assertNotContains(response, 'name="helps_network" checked')

    def test_a_person_saves_their_preferences(self) -> None:
        self.client.force_login(self.marc)
        self.client.post(
            reverse("community:preferences"),
            {"helps_network": "on", "delivery": "weekly"},
        )
        preference = Preference.objects.get(person=self.marc)
        self.assertEqual(
            (preference.helps_network, preference.delivery), (True, "weekly")
        )

    def test_a_bad_choice_changes_nothing(self) -> None:
        self.client.force_login(self.marc)
        response = self.client.post(
            reverse("community:preferences"), {"delivery": "hourly"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Preference.objects.filter(person=self.marc).exists())
