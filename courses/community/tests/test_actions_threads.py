"""courses.community.actions.threads: asking the network, posting, accepted answers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.community import actions
from courses.community.models import (
    BODY_MAX,
    Community,
    Membership,
    Mention,
    Notification,
    Offer,
    Thread,
)
from courses.community.queries import helpers_for
from courses.community.tests.base import CommunityTestCase
from lms.testing import make_person
from skills.models import Evidence
from skills.queries import current_levels


class AskTheNetworkTests(CommunityTestCase):
    def test_it_offers_the_question_to_opted_in_verified_helpers_of_other_towns(
        self,
    ) -> None:
        """Sam (4, quiz) then Ada (3, validated): the level first."""
        thread = self.ask()
        self.assertEqual(
            list(thread.offers.values_list("helper__username", "level", "rank")),
            [("sam", 4, 1), ("ada", 3, 2)],
        )

    def test_a_person_who_did_not_opt_in_is_never_suggested(self) -> None:
        """Ben holds 4 on a quiz but never offered his help."""
        thread = self.ask()
        self.assertNotIn(self.ben, [h.person for h in helpers_for(thread)])
        self.assertFalse(Offer.objects.filter(helper=self.ben).exists())

    def test_withdrawing_the_opt_in_removes_the_person(self) -> None:
        """Opting out is honoured for the next question."""
        actions.save_preference(self.sam, helps_network=False, delivery="immediate")
        thread = self.ask()
        self.assertEqual([h.person.username for h in helpers_for(thread)], ["ada"])

    def test_self_assessment_alone_is_not_enough(self) -> None:
        """Dev says 4 of himself: not verified, not offered."""
        self.ask()
        self.assertFalse(Offer.objects.filter(helper=self.dev).exists())

    def test_another_network_is_never_asked(self) -> None:
        """Zoé of Farville holds 4 and opted in, in another network."""
        thread = self.ask()
        self.assertNotIn(self.zoe, [h.person for h in helpers_for(thread)])

    def test_the_asker_s_own_town_is_not_asked(self) -> None:
        """A Montval expert who opted in is not offered Montval's question."""
        expert = make_person("lea", self.other_town)
        actions.save_preference(expert, helps_network=True, delivery="none")
        Evidence.objects.create(
            person=expert,
            competence=self.c13,
            level=5,
            source="quiz",
            trust="server",
            observed_at=timezone.now(),
        )
        thread = self.ask()
        self.assertNotIn(expert, [h.person for h in helpers_for(thread)])

    def test_a_level_below_the_need_is_not_offered(self) -> None:
        """At level 4 needed, Ada (3) is left out; Sam stays."""
        thread = self.ask(needed_level=4)
        self.assertEqual(
            list(thread.offers.values_list("helper__username", flat=True)), ["sam"]
        )

    def test_past_accepted_answers_break_ties(self) -> None:
        """Equal level and evidence date: the one peers accepted more comes
        first; Sam, at the same level on newer evidence, before both."""
        when = timezone.now() - dt.timedelta(days=3)
        one, two = make_person("one", self.town), make_person("two", self.town)
        for person in (one, two):
            actions.save_preference(person, helps_network=True, delivery="none")
            Evidence.objects.create(
                person=person,
                competence=self.c13,
                level=4,
                source="quiz",
                trust="server",
                observed_at=when,
            )
        earlier = self.ask(needed_level=1, asks_network=False)
        answer = actions.reply(two, earlier, body="Voici comment.")
        actions.accept_answer(self.marc, answer)
        ranked = [h.person for h in helpers_for(self.ask(needed_level=4))]
        self.assertEqual(ranked, [self.sam, two, one])

    def test_offers_notify_the_helpers(self) -> None:
        thread = self.ask()
        self.assertEqual(
            set(
                Notification.objects.filter(
                    thread=thread, kind=Notification.Kind.OFFER
                ).values_list("person__username", flat=True)
            ),
            {"ada", "sam"},
        )

    def test_a_town_only_community_cannot_ask_the_network(self) -> None:
        with self.assertRaises(ValidationError):
            actions.start_thread(
                self.marc,
                self.town_only,
                kind=Thread.Kind.QUESTION,
                title="?",
                body="?",
                competence=self.c13,
                needed_level=2,
                asks_network=True,
            )
        self.assertFalse(Thread.objects.exists())

    def test_asking_the_network_needs_a_competence_and_a_level(self) -> None:
        with self.assertRaises(ValidationError):
            self.ask(needed_level=None)
        self.assertFalse(Thread.objects.exists())


class AcceptedAnswerTests(CommunityTestCase):
    def test_an_accepted_answer_records_peer_evidence_for_the_answerer(self) -> None:
        """Source and trust "peer", at the level needed, shown in My skills."""
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Le portail national.")
        evidence = actions.accept_answer(self.marc, answer)
        assert evidence is not None
        self.assertEqual(
            (evidence.person, evidence.source, evidence.trust, evidence.level),
            (self.ada, "peer", "peer", 3),
        )
        self.assertEqual(evidence.source_ref, f"community:post:{answer.pk}")
        row = next(
            i
            for i in current_levels(self.ada, self.version)
            if i.competence == self.c13
        )
        self.assertIn(evidence, row.evidence)
        # Verified evidence still decides the level: peers never outrank it.
        self.assertEqual(row.decision.reason, "validated")

    def test_peer_evidence_outranks_self_assessment(self) -> None:
        """Dev (self-assessed 4) helps at level 2: his level rests on peers now."""
        thread = self.ask(needed_level=2)
        answer = actions.reply(self.dev, thread, body="Avec un CSV.")
        actions.accept_answer(self.marc, answer)
        row = next(
            i
            for i in current_levels(self.dev, self.version)
            if i.competence == self.c13
        )
        self.assertEqual((row.decision.reason, row.level), ("peer", 2))

    def test_a_moderator_may_accept(self) -> None:
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Oui.")
        actions.accept_answer(self.hugo, answer)
        thread.refresh_from_db()
        self.assertEqual(thread.accepted, answer)

    def test_nobody_else_accepts(self) -> None:
        """Sam, a member but neither asker nor moderator, may not."""
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Oui.")
        actions.reply(self.sam, thread, body="Moi aussi.")
        with self.assertRaises(PermissionDenied):
            actions.accept_answer(self.sam, answer)
        thread.refresh_from_db()
        self.assertIsNone(thread.accepted)
        self.assertFalse(Evidence.objects.filter(source="peer").exists())

    def test_one_accepted_answer_per_question(self) -> None:
        thread = self.ask()
        first = actions.reply(self.ada, thread, body="Un.")
        second = actions.reply(self.sam, thread, body="Deux.")
        actions.accept_answer(self.marc, first)
        with self.assertRaises(ValidationError):
            actions.accept_answer(self.marc, second)
        self.assertEqual(Evidence.objects.filter(source="peer").count(), 1)

    def test_the_asker_s_own_message_is_not_an_answer(self) -> None:
        thread = self.ask()
        own = actions.reply(self.marc, thread, body="Précision.")
        with self.assertRaises(ValidationError):
            actions.accept_answer(self.marc, own)

    def test_a_discussion_has_no_accepted_answer(self) -> None:
        thread = self.ask(kind=Thread.Kind.DISCUSSION, asks_network=False)
        answer = actions.reply(self.ada, thread, body="Oui.")
        with self.assertRaises(ValidationError):
            actions.accept_answer(self.marc, answer)

    def test_the_answerer_is_notified(self) -> None:
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Oui.")
        actions.accept_answer(self.marc, answer)
        self.assertTrue(
            Notification.objects.filter(
                person=self.ada, kind=Notification.Kind.ACCEPTED
            ).exists()
        )


class PostingTests(CommunityTestCase):
    def test_markup_is_stored_as_plain_text(self) -> None:
        """Nothing is stripped nor interpreted: the page escapes it."""
        thread = self.ask(body="<script>alert(1)</script> <b>gras</b>")
        self.assertEqual(
            thread.posts.get().body, "<script>alert(1)</script> <b>gras</b>"
        )

    def test_a_huge_body_is_refused_and_nothing_is_written(self) -> None:
        thread = self.ask()
        with self.assertRaises(ValidationError):
            actions.reply(self.ada, thread, body="x" * (BODY_MAX + 1))
        self.assertEqual(thread.posts.count(), 1)

    def test_an_empty_body_is_refused(self) -> None:
        thread = self.ask()
        with self.assertRaises(ValidationError):
            actions.reply(self.ada, thread, body="   \n ")
        self.assertEqual(thread.posts.count(), 1)

    def test_control_characters_are_refused(self) -> None:
        thread = self.ask()
        with self.assertRaises(ValidationError):
            actions.reply(self.ada, thread, body="bonjour\x00")

    def test_mentions_notify_members(self) -> None:
        """@ada (a member) is mentioned; @nobody and a non-member are not."""
        actions.join(self.ada, self.open_data)
        thread = self.ask(body="Une idée @ada ? Et @nobody, @dev.")
        post = thread.posts.get()
        self.assertEqual(
            list(
                Mention.objects.filter(post=post).values_list(
                    "person__username", flat=True
                )
            ),
            ["ada"],
        )
        self.assertTrue(
            Notification.objects.filter(
                person=self.ada, kind=Notification.Kind.MENTION
            ).exists()
        )

    def test_a_mention_flood_is_refused(self) -> None:
        thread = self.ask()
        body = " ".join(f"@person{i}" for i in range(actions.MENTION_LIMIT + 1))
        with self.assertRaises(ValidationError):
            actions.reply(self.ada, thread, body=body)
        self.assertEqual(thread.posts.count(), 1)
        self.assertFalse(Mention.objects.exists())

    def test_the_same_name_many_times_is_one_mention(self) -> None:
        actions.join(self.ada, self.open_data)
        thread = self.ask()
        actions.reply(self.marc, thread, body=" ".join(["@ada"] * 50))
        self.assertEqual(Mention.objects.count(), 1)

    def test_followers_hear_of_replies_and_muters_do_not(self) -> None:
        thread = self.ask(asks_network=False)
        actions.reply(self.ada, thread, body="Un.")
        actions.set_subscription(self.marc, thread, state="mute")
        actions.reply(self.sam, thread, body="Deux.")
        replies = Notification.objects.filter(kind=Notification.Kind.REPLY)
        self.assertEqual(
            sorted(replies.values_list("person__username", flat=True)),
            ["ada", "marc"],  # Marc heard of Ada's reply, Ada of Sam's
        )

    def test_nobody_posts_in_a_community_closed_to_them(self) -> None:
        """Ada of Saint-Aubin and Montval's town-only community."""
        thread = actions.start_thread(
            self.marc,
            self.town_only,
            kind=Thread.Kind.DISCUSSION,
            title="Entre nous",
            body="Bonjour",
        )
        with self.assertRaises(PermissionDenied):
            actions.reply(self.ada, thread, body="Bonjour")
        with self.assertRaises(PermissionDenied):
            actions.join(self.ada, self.town_only)
        self.assertEqual(thread.posts.count(), 1)

    def test_only_hr_opens_a_community_for_its_town(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.create_community(self.ada, organisation=self.town, name="X")
        with self.assertRaises(PermissionDenied):
            actions.create_community(self.cleo, organisation=self.other_town, name="X")
        community = actions.create_community(
            self.cleo, organisation=self.town, name="Cyber"
        )
        self.assertTrue(
            Membership.objects.filter(
                community=community, person=self.cleo, role="moderator"
            ).exists()
        )

    def test_a_town_without_network_keeps_its_community_to_itself(self) -> None:
        self.town.network = None
        self.town.save()
        with self.assertRaises(ValidationError):
            actions.create_community(
                self.cleo,
                organisation=self.town,
                name="X",
                scope=Community.Scope.NETWORK,
            )
        self.assertFalse(Community.objects.filter(name="X").exists())
