"""courses.community.views.practices: practice sheets and challenges."""

from __future__ import annotations

from django.urls import reverse

from courses.community import actions
from courses.community.models import (
    Challenge,
    PracticeSheet,
)
from courses.community.tests.base import CommunityTestCase


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
