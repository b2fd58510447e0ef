from __future__ import annotations

from django.urls import reverse

from courses.community import actions
from courses.community.models import (
    BODY_MAX,
    Challenge,
    Post,
    PracticeSheet,
    Preference,
    Thread,
)
from courses.community.tests.base import CommunityTestCase
from skills.models import Evidence


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


class ThreadPageTests(CommunityTestCase):
    def test_markup_is_shown_escaped(self) -> None:
        thread = self.ask(body='<script>alert("x")</script>\n<img src=x onerror=y>')
        self.client.force_login(self.ada)
        response = self.client.get(thread.get_absolute_url())
        self.assertNotContains(response, "<script>alert")
        self.assertNotContains(response, "<img src=x")
        self.assertContains(
            response, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>"
        )

    def test_a_hidden_post_is_not_shown_to_members(self) -> None:
        thread = self.ask()
        post = actions.reply(self.ada, thread, body="Texte indésirable")
        actions.hide_post(self.hugo, post)
        self.client.force_login(self.dev)
        response = self.client.get(thread.get_absolute_url())
        self.assertNotContains(response, "Texte indésirable")
        self.assertContains(response, "hidden by a moderator")
        self.client.force_login(self.hugo)
        self.assertContains(self.client.get(thread.get_absolute_url()), "indésirable")

    def test_the_thread_page_query_count_is_pinned(self) -> None:
        """The asker: user, thread (with its community, author, competence and
        accepted answer), subscription, moderator check, offers, posts (with
        their authors and towns), their attachments (with their documents),
        whatever the number of replies."""
        thread = self.ask()
        for person in (self.ada, self.sam, self.dev):
            actions.reply(person, thread, body="Réponse")
        self.client.force_login(self.marc)
        self.client.get(thread.get_absolute_url())
        with self.assertNumQueries(7):
            self.client.get(thread.get_absolute_url())

    def test_the_community_page_query_count_is_pinned(self) -> None:
        """User, community, competences, threads (with authors, towns,
        competences and reply counts), membership, moderator check, members,
        the practices of its theme (the plan's panel) and, for a reader who is
        neither HR nor an official, whether they are a plan manager (the panel
        links a practice only for someone who may open it)."""
        for number in range(3):
            self.ask(title=f"Question {number}", asks_network=False)
        self.client.force_login(self.ada)
        self.client.get(self.open_data.get_absolute_url())
        with self.assertNumQueries(9):
            self.client.get(self.open_data.get_absolute_url())

    def test_a_huge_reply_is_refused_and_nothing_is_written(self) -> None:
        thread = self.ask()
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("community:reply", args=[thread.pk]),
            {"body": "x" * (BODY_MAX + 1)},
            follow=True,
        )
        self.assertContains(response, "message--error")
        self.assertEqual(thread.posts.count(), 1)

    def test_a_mention_flood_is_refused_with_a_message(self) -> None:
        thread = self.ask()
        self.client.force_login(self.ada)
        body = " ".join(f"@p{i}" for i in range(10))
        response = self.client.post(
            reverse("community:reply", args=[thread.pk]), {"body": body}, follow=True
        )
        self.assertContains(response, "Mention 5 people at most")
        self.assertEqual(thread.posts.count(), 1)

    def test_posting_is_rate_limited(self) -> None:
        """Ten messages a minute; the eleventh is refused and not written."""
        thread = self.ask()
        self.client.force_login(self.ada)
        url = reverse("community:reply", args=[thread.pk])
        for number in range(10):
            self.client.post(url, {"body": f"Message {number}"})
        response = self.client.post(url, {"body": "Un de trop"}, follow=True)
        self.assertContains(response, "Too many messages")
        self.assertEqual(thread.posts.count(), 11)

    def test_the_asker_accepts_through_the_page(self) -> None:
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Le portail.")
        self.client.force_login(self.ada)
        self.client.post(reverse("community:accept", args=[answer.pk]))
        self.assertFalse(Evidence.objects.filter(source="peer").exists())
        self.client.force_login(self.marc)
        page = self.client.get(thread.get_absolute_url())
        self.assertContains(page, "Accept this answer")
        self.client.post(reverse("community:accept", args=[answer.pk]))
        self.assertTrue(
            Evidence.objects.filter(source="peer", person=self.ada).exists()
        )

    def test_asking_the_network_through_the_form(self) -> None:
        self.client.force_login(self.marc)
        response = self.client.post(
            reverse("community:thread-new", args=[self.open_data.pk]),
            {
                "kind": "question",
                "title": "Horaires en open data",
                "body": "Comment faire ?",
                "competence": self.c13.pk,
                "needed_level": 3,
                "asks_network": "on",
            },
        )
        thread = Thread.objects.get()
        self.assertRedirects(response, thread.get_absolute_url())
        self.assertEqual(thread.offers.count(), 2)

    def test_a_bad_question_is_refused_and_nothing_is_written(self) -> None:
        self.client.force_login(self.marc)
        response = self.client.post(
            reverse("community:thread-new", args=[self.open_data.pk]),
            {"kind": "question", "title": "T", "body": "B", "asks_network": "on"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "name a competence", status_code=400)
        self.assertFalse(Thread.objects.exists())
        self.assertFalse(Post.objects.exists())


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


class SheetAndChallengeTests(CommunityTestCase):
    def test_a_sheet_shows_in_my_skills_for_a_gap(self) -> None:
        """Ada's role expects 4 on 1.3 (she holds 3): the sheet is offered."""
        from skills.actions import set_expectation

        set_expectation(self.developer_role, self.c13, level=4)
        thread = self.ask()
        answer = actions.reply(self.sam, thread, body="Oui.")
        actions.accept_answer(self.marc, answer)
        sheet = actions.make_practice_sheet(
            self.hugo, answer, title="Publier des horaires", body="1. CSV"
        )
        self.client.force_login(self.ada)
        response = self.client.get(reverse("reporting:my-skills"))
        self.assertContains(response, "Practice sheets for my gaps")
        self.assertContains(response, sheet.get_absolute_url())
        self.assertContains(self.client.get(sheet.get_absolute_url()), "1. CSV")

    def test_hr_posts_a_challenge_and_learners_may_not(self) -> None:
        url = reverse("community:challenge-list")
        data = {
            "title": "Budget ouvert",
            "body": "Par où ?",
            "competences": [self.c13.pk],
        }
        self.client.force_login(self.marc)
        self.assertEqual(self.client.post(url, data).status_code, 403)
        self.assertFalse(Challenge.objects.exists())
        self.client.force_login(self.hugo)
        response = self.client.post(url, data)
        challenge = Challenge.objects.get()
        self.assertRedirects(response, challenge.get_absolute_url())

    def test_sheet_list_query_count_is_pinned(self) -> None:
        self.client.force_login(self.ada)
        # Session, user, sheets (none yet), and whether Ada is a plan manager
        # for the main menu, cold here (3 before the menu's plan entry; cached
        # for the next pages).
        with self.assertNumQueries(4):
            self.client.get(reverse("community:sheet-list"))
        self.assertFalse(PracticeSheet.objects.exists())
