"""When a round pairs people, both members hear of it by e-mail, each in their
own language, through the task queue; the unmatched get nothing."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from courses.mentoring import actions
from courses.mentoring.models import OptIn, Pair
from courses.mentoring.tests.base import MentoringTestCase, give_level, join
from skills.models import Competence


class PairedMailTests(MentoringTestCase):
    """Ada (Saint-Aubin, English) mentors Marc (Montval, French) on 1.3; Dev
    asks for level 4 on 1.3, which nobody can mentor: left unmatched."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.c13 = Competence.objects.get(version=cls.version, code="1.3")
        cls.marc.preferred_language = "fr"
        cls.marc.save()
        give_level(cls.ada, cls.c13, 4)
        join(cls.ada, cls.c13, OptIn.Role.MENTOR, languages=("fr", "en"))
        join(cls.marc, cls.c13, OptIn.Role.MENTEE, target=2)
        join(cls.dev, cls.c13, OptIn.Role.MENTEE, target=4)

    def test_both_members_are_told_in_their_language(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            round_ = actions.run_round(self.network, by=self.cleo)
        pair = Pair.objects.get(round=round_)
        link = reverse("mentoring:pair-detail", args=[pair.pk])
        by_recipient = {m.to[0]: m for m in mail.outbox}
        self.assertEqual(set(by_recipient), {"ada@example.org", "marc@example.org"})
        english = by_recipient["ada@example.org"]
        french = by_recipient["marc@example.org"]
        self.assertTrue(
            english.subject.startswith("Mentoring: you have been paired on 1.3")
        )
        self.assertIn("You will mentor", english.body)
        self.assertTrue(french.subject.startswith("Mentorat : "), french.subject)
        self.assertIn("vous accompagnera", french.body)
        self.assertIn("Saint-Aubin", french.body)
        for message in (english, french):
            self.assertIn(link, message.body)

    def test_the_unmatched_get_no_mail(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            round_ = actions.run_round(self.network, by=self.cleo)
        self.assertTrue(round_.unmatched.filter(person=self.dev).exists())
        self.assertNotIn("dev@example.org", [m.to[0] for m in mail.outbox])

    def test_a_round_that_pairs_nobody_sends_nothing(self) -> None:
        OptIn.objects.filter(person=self.marc).delete()
        with self.captureOnCommitCallbacks(execute=True):
            round_ = actions.run_round(self.network, by=self.cleo)
        self.assertEqual(round_.pairs, 0)
        self.assertEqual(mail.outbox, [])

    def test_nothing_is_sent_before_the_round_is_saved(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            actions.run_round(self.network, by=self.cleo)
        self.assertEqual(mail.outbox, [])
        self.assertEqual(len(callbacks), 1)
