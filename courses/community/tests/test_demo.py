"""The demo's communities: two active communities, a solved question whose
answer became peer evidence and a practice sheet; loading twice adds nothing."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import TestCase, override_settings

from courses.community.models import (
    Community,
    Exchange,
    Post,
    PracticeSheet,
    Thread,
)
from courses.demo.community import QUESTION
from skills.models import Evidence


def load() -> None:
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Community, Thread, Post, PracticeSheet, Exchange, Evidence)
    }


class DemoCommunityTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load()
        cls.first = counts()

    def test_two_active_communities_a_solved_question_and_a_sheet(self) -> None:
        self.assertEqual(self.first["Community"], 2)
        for community in Community.objects.all():
            self.assertGreaterEqual(
                Post.objects.filter(thread__community=community).count(), 2
            )
        thread = Thread.objects.get(title=QUESTION)
        assert thread.accepted is not None
        helper = thread.accepted.author
        self.assertEqual(helper.organisation.slug, "saint-aubin")
        self.assertNotEqual(helper.username, "ada")  # her own story stays
        self.assertTrue(
            Evidence.objects.filter(
                person=helper,
                source="peer",
                source_ref=f"community:post:{thread.accepted_id}",
            ).exists()
        )
        self.assertEqual(PracticeSheet.objects.get().source, thread.accepted)
        self.assertTrue(thread.offers.filter(helper=helper).exists())

    def test_loading_twice_adds_nothing(self) -> None:
        load()
        self.assertEqual(counts(), self.first)
