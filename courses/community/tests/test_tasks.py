from __future__ import annotations

import io

from django.core import mail
from django.core.management import call_command

from courses.community import actions
from courses.community.models import Notification
from courses.community.tests.base import CommunityTestCase


class NotificationMailTests(CommunityTestCase):
    def test_immediate_mail_in_the_person_s_language(self) -> None:
        """Ada reads English, Sam French: each offer in their own language."""
        self.ada.preferred_language = "en"
        self.ada.save()
        with self.captureOnCommitCallbacks(execute=True):
            self.ask()
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        self.assertEqual(
            subjects["ada@example.org"],
            "A colleague of another town asks: “Publier un jeu de données”",
        )
        self.assertEqual(
            subjects["sam@example.org"],
            "Un collègue d’une autre ville demande : « Publier un jeu de données »",
        )
        self.assertFalse(
            Notification.objects.filter(person=self.ada, mailed_at=None).exists()
        )

    def test_none_means_no_mail_and_the_notification_stays_on_site(self) -> None:
        actions.save_preference(self.ada, helps_network=True, delivery="none")
        with self.captureOnCommitCallbacks(execute=True):
            self.ask()
        self.assertNotIn("ada@example.org", [m.to[0] for m in mail.outbox])
        self.assertTrue(
            Notification.objects.filter(person=self.ada, mailed_at=None).exists()
        )
        call_command("send_community_digests", "daily", stdout=io.StringIO())
        call_command("send_community_digests", "weekly", stdout=io.StringIO())
        self.assertNotIn("ada@example.org", [m.to[0] for m in mail.outbox])

    def test_daily_digest_gathers_the_day_s_notifications_once(self) -> None:
        actions.save_preference(self.ada, helps_network=True, delivery="daily")
        with self.captureOnCommitCallbacks(execute=True):
            first = self.ask(title="Première")
            self.ask(title="Seconde")
        self.assertNotIn("ada@example.org", [m.to[0] for m in mail.outbox])
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_community_digests", "weekly", stdout=io.StringIO())
        self.assertEqual(mail.outbox, [])
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_community_digests", "daily", stdout=io.StringIO())
        [digest] = mail.outbox
        self.assertEqual(digest.to, ["ada@example.org"])
        self.assertIn("Première", digest.body)
        self.assertIn("Seconde", digest.body)
        self.assertIn(first.get_absolute_url(), digest.body)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_community_digests", "daily", stdout=io.StringIO())
        self.assertEqual(mail.outbox, [])

    def test_a_muted_thread_sends_nothing(self) -> None:
        thread = self.ask(asks_network=False)
        actions.reply(self.ada, thread, body="Un.")
        actions.set_subscription(self.ada, thread, state="mute")
        with self.captureOnCommitCallbacks(execute=True):
            actions.reply(self.marc, thread, body="@ada merci")
        self.assertNotIn("ada@example.org", [m.to[0] for m in mail.outbox])
