"""courses.community.views.threads: a thread, replying, following, accepting."""

from __future__ import annotations

from django.urls import reverse

from courses.community import actions
from courses.community.models import (
    BODY_MAX,
    Post,
    Thread,
)
from courses.community.tests.base import CommunityTestCase
from skills.models import Evidence


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
