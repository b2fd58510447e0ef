"""courses.community.actions.practices: practice sheets and exchanges between towns."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.community import actions
from courses.community.models import (
    Exchange,
    ModerationEntry,
    PracticeSheet,
)
from courses.community.queries import suggested_towns
from courses.community.tests.base import CommunityTestCase
from lms.testing import make_person
from skills.models import Evidence


class PracticeSheetTests(CommunityTestCase):
    def test_a_moderator_turns_an_accepted_answer_into_a_sheet(self) -> None:
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Le portail national.")
        actions.accept_answer(self.marc, answer)
        sheet = actions.make_practice_sheet(
            self.hugo, answer, title="Publier des horaires", body="1. CSV\n2. Portail"
        )
        self.assertEqual(list(sheet.competences.all()), [self.c13])
        self.assertEqual(sheet.network, self.network)
        self.assertTrue(ModerationEntry.objects.filter(action="sheet").exists())

    def test_only_an_accepted_answer_becomes_a_sheet(self) -> None:
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Oui.")
        with self.assertRaises(ValidationError):
            actions.make_practice_sheet(self.hugo, answer, title="T", body="B")
        self.assertFalse(PracticeSheet.objects.exists())

    def test_only_a_moderator_makes_a_sheet(self) -> None:
        thread = self.ask()
        answer = actions.reply(self.ada, thread, body="Oui.")
        actions.accept_answer(self.marc, answer)
        with self.assertRaises(PermissionDenied):
            actions.make_practice_sheet(self.marc, answer, title="T", body="B")


class ExchangeTests(CommunityTestCase):
    def test_towns_that_solved_it_are_suggested_from_sheets(self) -> None:
        """Saint-Aubin's sheet on 1.3 makes it a suggestion for Montval; its
        three verified people on 1.3 stay uncounted (fewer than 5)."""
        cyber = actions.create_community(
            self.cleo, organisation=self.town, name="Data", competences=[self.c13]
        )
        thread = actions.start_thread(
            self.ada,
            cyber,
            kind="question",
            title="Q",
            body="?",
            competence=self.c13,
            needed_level=2,
        )
        answer = actions.reply(self.sam, thread, body="R")
        actions.accept_answer(self.ada, answer)
        actions.make_practice_sheet(self.cleo, answer, title="Fiche", body="Texte")
        challenge = actions.post_challenge(
            self.hugo,
            organisation=self.other_town,
            title="Ouvrir nos données budgétaires",
            body="Par où commencer ?",
            competences=[self.c13],
        )
        [suggestion] = suggested_towns(challenge)
        self.assertEqual(
            (suggestion.organisation, suggestion.sheets, suggestion.people),
            (self.town, 1, None),
        )

    def test_people_are_counted_from_five(self) -> None:
        for number in range(2):
            person = make_person(f"x{number}", self.town)
            Evidence.objects.create(
                person=person,
                competence=self.c13,
                level=3,
                source="quiz",
                trust="server",
                observed_at=timezone.now(),
            )
        challenge = actions.post_challenge(
            self.hugo,
            organisation=self.other_town,
            title="Données",
            body="?",
            competences=[self.c13],
        )
        # Ada (validated 3), Sam, Ben (quiz 4) and the two: five; Dev's self
        # assessment does not count, nor Zoé of another network.
        [suggestion] = suggested_towns(challenge)
        self.assertEqual(suggestion.people, 5)

    def test_hr_records_an_exchange_with_another_town_of_the_network(self) -> None:
        challenge = actions.post_challenge(
            self.hugo,
            organisation=self.other_town,
            title="Données",
            body="?",
            competences=[self.c13],
        )
        exchange = actions.record_exchange(
            self.hugo,
            challenge,
            with_organisation=self.town,
            kind=Exchange.Kind.CALL,
            happened_on=timezone.localdate(),
            outcome="Ils nous prêtent leur script.",
        )
        self.assertEqual(exchange.with_organisation, self.town)
        for town, person in (
            (self.far_town, self.hugo),
            (self.other_town, self.hugo),
            (self.town, self.cleo),
        ):
            with self.assertRaises((ValidationError, PermissionDenied)):
                actions.record_exchange(
                    person,
                    challenge,
                    with_organisation=town,
                    kind=Exchange.Kind.VISIT,
                    happened_on=timezone.localdate(),
                    outcome="x",
                )
        self.assertEqual(Exchange.objects.count(), 1)

    def test_a_challenge_needs_a_competence_and_hr_of_the_town(self) -> None:
        with self.assertRaises(ValidationError):
            actions.post_challenge(
                self.hugo,
                organisation=self.other_town,
                title="T",
                body="B",
                competences=[],
            )
        with self.assertRaises(PermissionDenied):
            actions.post_challenge(
                self.marc,
                organisation=self.other_town,
                title="T",
                body="B",
                competences=[self.c13],
            )
