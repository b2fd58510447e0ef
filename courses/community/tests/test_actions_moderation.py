"""courses.community.actions.moderation: reports, hiding and restoring posts."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from courses.community import actions
from courses.community.models import (
    Membership,
    ModerationEntry,
    Notification,
    Post,
)
from courses.community.tests.base import CommunityTestCase


class ModerationTests(CommunityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.thread = self.ask()
        self.post = actions.reply(self.ada, self.thread, body="Achetez mon produit")

    def test_a_report_tells_the_moderators_and_is_in_the_trail(self) -> None:
        actions.report_post(self.sam, self.post, reason="Publicité")
        self.assertTrue(
            Notification.objects.filter(
                person=self.hugo, kind=Notification.Kind.REPORT
            ).exists()
        )
        entry = ModerationEntry.objects.get(action="report")
        self.assertEqual(
            (entry.actor, entry.post, entry.note), (self.sam, self.post, "Publicité")
        )

    def test_a_person_reports_a_post_once(self) -> None:
        actions.report_post(self.sam, self.post, reason="Publicité")
        with self.assertRaises(ValidationError):
            actions.report_post(self.sam, self.post, reason="Encore")

    def test_a_moderator_hides_and_restores_with_a_trail(self) -> None:
        actions.report_post(self.sam, self.post, reason="Publicité")
        actions.hide_post(self.hugo, self.post, note="Hors sujet")
        self.post.refresh_from_db()
        self.assertTrue(self.post.is_hidden)
        self.assertFalse(self.post.reports.filter(resolved_at=None).exists())
        actions.restore_post(self.hugo, self.post)
        self.assertEqual(
            list(
                ModerationEntry.objects.order_by("pk").values_list(
                    "action", "actor__username", "post_id"
                )
            ),
            [
                ("report", "sam", self.post.pk),
                ("hide", "hugo", self.post.pk),
                ("restore", "hugo", self.post.pk),
            ],
        )

    def test_a_member_may_not_hide(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.hide_post(self.sam, self.post)
        self.post.refresh_from_db()
        self.assertFalse(self.post.is_hidden)
        self.assertFalse(ModerationEntry.objects.filter(action="hide").exists())

    def test_the_trail_is_append_only(self) -> None:
        actions.report_post(self.sam, self.post, reason="Publicité")
        entry = ModerationEntry.objects.get()
        entry.note = "changed"
        with self.assertRaises(ValueError):
            entry.save()

    def test_a_hidden_message_cannot_be_accepted(self) -> None:
        actions.hide_post(self.hugo, self.post)
        with self.assertRaises(ValidationError):
            actions.accept_answer(self.marc, Post.objects.get(pk=self.post.pk))

    def test_a_moderator_names_another(self) -> None:
        membership = Membership.objects.get(community=self.open_data, person=self.ada)
        with self.assertRaises(PermissionDenied):
            actions.make_moderator(self.sam, membership)
        actions.make_moderator(self.hugo, membership)
        membership.refresh_from_db()
        self.assertEqual(membership.role, "moderator")
