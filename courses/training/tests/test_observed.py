"""A trainer's observed level: evidence of its own source and trust, only on the
training's competences, within the framework's scale, for people who attended,
by the session's trainers and the running town's HR only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import CourseCompetence
from courses.training import actions
from courses.training.queries import observed_levels
from courses.training.tests.base import TrainingTestCase
from skills.actions import load_digcomp
from skills.models import Evidence
from skills.queries import current_levels


class ObservedLevelTests(TrainingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = load_digcomp()
        cls.competence = cls.version.competences.get(code="4.1")
        cls.other_competence = cls.version.competences.get(code="1.1")
        CourseCompetence.objects.create(
            course=cls.workshop, competence=cls.competence, level=2
        )

    def setUp(self) -> None:
        super().setUp()
        self.session.trainers.add(self.dev)
        self.session.save()
        self.registration = actions.register(self.ada, self.session)
        self.absent = actions.register(self.sam, self.session)
        slot = self.session.slots.get()
        actions.mark_attendance(
            self.session,
            by=self.cleo,
            marks={
                (self.registration.pk, slot.pk): "present",
                (self.absent.pk, slot.pk): "absent",
            },
        )
        self.before = Evidence.objects.count()

    def test_the_trainer_records_a_level_as_trainer_evidence(self) -> None:
        """It is a "training" source with "trainer" trust, naming the session,
        and the level rule counts it as an assessment."""
        [evidence] = actions.record_observed_levels(
            self.session,
            by=self.dev,
            levels={(self.registration.pk, self.competence.pk): 4},
            note="Signale un faux message sans aide.",
        )
        self.assertEqual(
            (evidence.source, evidence.trust, evidence.level, evidence.recorded_by),
            ("training", "trainer", 4, self.dev),
        )
        self.assertEqual(evidence.source_ref, f"training-session:{self.session.pk}")
        self.assertEqual(
            observed_levels(self.session), {(self.ada.pk, self.competence.pk): 4}
        )
        [level] = [
            c
            for c in current_levels(self.ada, self.version)
            if c.competence == self.competence
        ]
        self.assertEqual((level.level, level.decision.reason), (4, "assessed"))

    def test_hr_of_the_town_may_record(self) -> None:
        actions.record_observed_levels(
            self.session,
            by=self.cleo,
            levels={(self.registration.pk, self.competence.pk): 3},
        )
        self.assertEqual(Evidence.objects.count(), self.before + 1)

    def test_a_level_outside_the_scale_changes_nothing(self) -> None:
        top = self.version.levels.count()
        for level in (0, top + 1):
            with self.assertRaises(ValidationError):
                actions.record_observed_levels(
                    self.session,
                    by=self.dev,
                    levels={
                        (self.registration.pk, self.competence.pk): 3,
                        (self.registration.pk, self.competence.pk + 0): level,
                    },
                )
        self.assertEqual(Evidence.objects.count(), self.before)

    def test_only_targeted_competences_and_attending_people(self) -> None:
        for levels in (
            {(self.registration.pk, self.other_competence.pk): 3},
            {(self.absent.pk, self.competence.pk): 3},
            {(999_999, self.competence.pk): 3},
        ):
            with self.assertRaises(ValidationError):
                actions.record_observed_levels(self.session, by=self.dev, levels=levels)
        self.assertEqual(Evidence.objects.count(), self.before)

    def test_learners_managers_and_another_towns_hr_may_not(self) -> None:
        for outsider in (self.ada, self.ben, self.hugo, self.eli, self.sam):
            with self.assertRaises(PermissionDenied):
                actions.record_observed_levels(
                    self.session,
                    by=outsider,
                    levels={(self.registration.pk, self.competence.pk): 4},
                )
        self.assertEqual(Evidence.objects.count(), self.before)

    def test_a_trainer_does_not_record_their_own_level(self) -> None:
        self.session.trainers.add(self.ada)
        self.session.save()
        with self.assertRaises(PermissionDenied):
            actions.record_observed_levels(
                self.session,
                by=self.ada,
                levels={(self.registration.pk, self.competence.pk): 4},
            )
        self.assertEqual(Evidence.objects.count(), self.before)

    def test_the_page_records_levels_for_the_trainer(self) -> None:
        url = reverse("training:observed", args=[self.session.pk])
        self.client.force_login(self.dev)
        # Person, site and its root page (cached for a minute, cold here),
        # session, trainer check, participants, competences, their scale's
        # levels, levels already observed: whatever the numbers; and whether
        # the trainer is a plan manager for the main menu, cold here too (9
        # before the menu's plan entry).
        with self.assertNumQueries(10):
            response = self.client.get(url)
        self.assertContains(response, "Ada Test")
        self.assertNotContains(response, "Sam Test")
        field = f"level-{self.registration.pk}-{self.competence.pk}"
        response = self.client.post(url, {field: "4"})
        self.assertRedirects(response, url)
        self.assertEqual(Evidence.objects.get(source="training").level, 4)

    def test_the_page_refuses_a_forged_level(self) -> None:
        url = reverse("training:observed", args=[self.session.pk])
        self.client.force_login(self.dev)
        field = f"level-{self.registration.pk}-{self.competence.pk}"
        response = self.client.post(url, {field: "42"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Evidence.objects.count(), self.before)

    def test_the_page_is_hidden_from_others(self) -> None:
        url = reverse("training:observed", args=[self.session.pk])
        field = f"level-{self.registration.pk}-{self.competence.pk}"
        for outsider in (self.ada, self.ben, self.hugo):
            self.client.force_login(outsider)
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, {field: "3"}).status_code, 404)
        self.assertEqual(Evidence.objects.count(), self.before)
