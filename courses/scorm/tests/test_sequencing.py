"""SCORM 2004 sequencing: what import reads from the manifest for scorm-again's
engine, what it refuses, and how the attempt keeps the engine's state and takes
the root activity's rollup."""

import json
import shutil
from decimal import Decimal
from pathlib import Path
from unittest import skipUnless

from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from courses.demo.scorm_packages import MANIFEST_2004, scorm_2004
from courses.models import LessonCompletion
from courses.scorm.actions import import_scorm
from courses.scorm.manifest import ScormError, inspect_scorm
from courses.scorm.models import ScormAttempt, ScormPackage
from courses.scorm.tests.sequencing_packages import (
    MANIFEST_POST_TEST,
    post_test_package,
)
from courses.testing.scorm_lessons import MEDIA, ScormLessonTestCase


def find(node: dict, identifier: str) -> dict:
    if node["id"] == identifier:
        return node
    for child in node.get("children", []):
        try:
            return find(child, identifier)
        except KeyError:
            continue
    raise KeyError(identifier)


@override_settings(MEDIA_ROOT=MEDIA)
class ManifestSequencingTests(TestCase):
    def setUp(self) -> None:
        self.enterContext(translation.override("en"))
        self.addCleanup(shutil.rmtree, MEDIA, True)

    def test_it_reads_the_post_test_rollup_for_the_engine(self) -> None:
        """Content SCOs left out of rollup, the post-test deciding, with its
        global objective map, limit, shared data and hidden controls."""
        sequencing = import_scorm(post_test_package()).sequencing
        tree = sequencing["activityTree"]
        self.assertEqual((tree["id"], tree["title"]), ("golf", "Golf explained"))
        self.assertEqual(
            tree["sequencingControls"],
            {"choice": True, "flow": True, "forwardOnly": False},
        )
        self.assertEqual(
            tree["rollupRules"]["rules"],
            [
                {
                    "consideration": "all",
                    "conditionCombination": "any",
                    "action": "satisfied",
                    "conditions": [{"condition": "satisfied"}],
                }
            ],
        )
        self.assertEqual(
            find(tree, "content")["sequencingControls"],
            {
                "choice": True,
                "flow": True,
                "rollupObjectiveSatisfied": False,
                "rollupProgressCompletion": False,
                "objectiveMeasureWeight": 0.0,
            },
        )
        self.assertEqual(
            sequencing["collections"],
            {
                "content_sco": {
                    "sequencingControls": {
                        "rollupObjectiveSatisfied": False,
                        "rollupProgressCompletion": False,
                        "objectiveMeasureWeight": 0.0,
                    }
                }
            },
        )
        playing = find(tree, "playing")
        self.assertEqual(playing["sequencingCollectionRefs"], ["content_sco"])
        self.assertEqual(
            playing["sharedDataMaps"],
            [{"targetID": "notes", "readSharedData": True, "writeSharedData": True}],
        )
        posttest = find(tree, "posttest")
        self.assertEqual(posttest["attemptLimit"], 3)
        self.assertEqual(posttest["hideLmsUi"], ["previous"])
        self.assertEqual(
            posttest["primaryObjective"],
            {
                "objectiveID": "test_passed",
                "isPrimary": True,
                "satisfiedByMeasure": True,
                "minNormalizedMeasure": 0.8,
                "mapInfo": [
                    {
                        "targetObjectiveID": "golf_basics",
                        "writeSatisfiedStatus": True,
                        "writeNormalizedMeasure": True,
                        "writeCompletionStatus": True,
                    }
                ],
            },
        )

    def test_it_reads_pre_condition_rules_and_objectives_read_from_a_global(
        self,
    ) -> None:
        etiquette = find(
            import_scorm(post_test_package()).sequencing["activityTree"], "etiquette"
        )
        self.assertEqual(
            etiquette["sequencingRules"],
            {
                "preConditionRules": [
                    {
                        "action": "disabled",
                        "conditionCombination": "any",
                        "conditions": [
                            {
                                "condition": "satisfied",
                                "operator": "not",
                                "referencedObjective": "etiquette_ready",
                            },
                            {
                                "condition": "objectiveStatusKnown",
                                "operator": "not",
                                "referencedObjective": "etiquette_ready",
                            },
                        ],
                    }
                ]
            },
        )
        self.assertEqual(
            etiquette["objectives"],
            [
                {
                    "objectiveID": "etiquette_ready",
                    "mapInfo": [
                        {
                            "targetObjectiveID": "golf_basics",
                            "readSatisfiedStatus": True,
                        }
                    ],
                }
            ],
        )

    def test_a_package_with_only_a_passing_score_and_choice_flow_keeps_the_platform_rules(
        self,
    ) -> None:
        package = import_scorm(scorm_2004())
        self.assertEqual(package.sequencing, {})
        self.assertFalse(package.sequenced)

    def test_a_bad_sequencing_is_refused_whole_and_nothing_is_imported(self) -> None:
        cases = {
            'action="disabled"': (
                'action="explode"',
                "preConditionRule 'explode' is not one of",
            ),
            'objectiveMeasureWeight="0"/>\n        </imsss:sequencing>\n      </item>': (
                'objectiveMeasureWeight="2"/>\n        </imsss:sequencing>\n      </item>',
                "objectiveMeasureWeight has an invalid value: '2'",
            ),
            'IDRef="content_sco"/>': ('IDRef="nowhere"/>', "IDRef nowhere names no"),
            'attemptLimit="3"': ('attemptLimit="three"', "attemptLimit has an invalid"),
            'writeSatisfiedStatus="true"': (
                'writeSatisfiedStatus="yes"',
                "writeSatisfiedStatus must be true or false",
            ),
        }
        for good, (bad, message) in cases.items():
            with self.subTest(bad), self.assertRaises(ScormError) as refused:
                self.assertIn(good, MANIFEST_POST_TEST)
                import_scorm(post_test_package(MANIFEST_POST_TEST.replace(good, bad)))
            self.assertIn(message, " ".join(refused.exception.problems))
        self.assertFalse(ScormPackage.objects.exists())
        self.assertEqual(
            list((MEDIA / "scorm").glob("*")) if MEDIA.exists() else [], []
        )

    def test_the_refusal_is_in_french_too(self) -> None:
        bad = MANIFEST_POST_TEST.replace('IDRef="content_sco"/>', 'IDRef="nowhere"/>')
        with translation.override("fr"), self.assertRaises(ScormError) as refused:
            import_scorm(post_test_package(bad))
        self.assertIn(
            "Séquencement (playing) : IDRef nowhere ne désigne aucune entrée",
            " ".join(refused.exception.problems),
        )

    def test_a_manifest_without_sequencing_in_2004_keeps_the_platform_rules(
        self,
    ) -> None:
        manifest = MANIFEST_2004.replace(
            '<imsss:sequencing><imsss:controlMode choice="false" flow="true"/>'
            "</imsss:sequencing>",
            "",
        )
        self.assertEqual(import_scorm(post_test_package(manifest)).sequencing, {})


FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "scorm"
GOLF_2004 = FIXTURES / "RuntimeBasicCalls_SCORM20043rdEdition.zip"


@skipUnless(GOLF_2004.exists(), f"the shared SCORM fixtures are not in {FIXTURES}")
class FixtureSequencingTests(TestCase):
    def test_the_golf_2004_package_is_read_for_the_engine(self) -> None:
        """Rustici's Golf example (3rd edition): choice and flow at the
        organization, content-set completion and objective on its SCO, its
        objectives kept to the attempt."""
        with GOLF_2004.open("rb") as handle:
            sequencing = inspect_scorm(handle).sequencing
        tree = sequencing["activityTree"]
        self.assertEqual(tree["id"], "golf_sample_default_org")
        self.assertEqual(tree["sequencingControls"], {"choice": True, "flow": True})
        self.assertEqual(
            tree["children"][0]["deliveryControls"],
            {"completionSetByContent": True, "objectiveSetByContent": True},
        )
        self.assertIs(sequencing["objectivesGlobalToSystem"], False)


class SequencedAttemptTests(ScormLessonTestCase):
    """Ada plays the post-test package; the engine (in the browser) saves its
    state and the root's rollup to the attempt."""

    def package(self):
        return post_test_package()

    def save(self, runtime: dict, body: dict, client: Client | None = None):
        return (client or self.client).post(
            runtime["sequencingUrl"], json.dumps(body), content_type="application/json"
        )

    def test_the_player_hands_the_manifest_sequencing_to_the_engine(self) -> None:
        runtime = self.launch()
        self.assertEqual(runtime["sequencing"], self.scorm.sequencing)
        self.assertEqual(runtime["sco"], "playing")
        self.assertIsNone(runtime["sequencingState"])
        self.assertEqual(
            runtime["sharedData"],
            [{"targetID": "notes", "readSharedData": True, "writeSharedData": True}],
        )

    def test_the_root_rollup_completes_and_passes_the_attempt(self) -> None:
        """The post-test passed via "skip to the test": the root is completed
        and passed, though the content SCOs were never opened."""
        runtime = self.launch("posttest")
        state = {
            "currentActivityId": "posttest",
            "sharedData": {"notes": "Keep the head down"},
            "sequencing": {"activityTree": {}},
        }
        # While the attempt goes on: the user (the session is cached), the
        # attempt with its package, then in a savepoint the locked attempt and
        # its update.
        going_on = {"completion": "incomplete", "success": "unknown"}
        with self.assertNumQueries(6):
            self.save(runtime, {"state": state, "root": going_on})
        response = self.save(
            runtime,
            {
                "state": state,
                "root": {"completion": "completed", "success": "passed", "scaled": 0.9},
            },
        )
        self.assertEqual(response.status_code, 200)
        # Nothing else in the lesson: it is complete, with no extra click.
        self.assertTrue(LessonCompletion.objects.filter(lesson=self.lesson).exists())
        attempt = ScormAttempt.objects.get()
        self.assertIsNotNone(attempt.completed_at)
        self.assertEqual(
            (attempt.completion_status, attempt.success_status, attempt.score_scaled),
            ("completed", "passed", Decimal("0.9")),
        )
        # The next launch starts the engine from what was kept.
        again = self.launch()
        self.assertEqual(again["sequencingState"], state)
        self.assertEqual(again["sco"], "posttest")

    def test_a_failed_root_does_not_complete_the_attempt(self) -> None:
        runtime = self.launch()
        self.save(
            runtime,
            {
                "state": {},
                "root": {"completion": "completed", "success": "failed", "scaled": 0.2},
            },
        )
        attempt = ScormAttempt.objects.get()
        self.assertIsNone(attempt.completed_at)
        self.assertEqual(attempt.success_status, "failed")

    def test_a_sco_commit_does_not_apply_the_every_sco_rule(self) -> None:
        """Only the root's rollup decides: a completed SCO commit alone leaves
        the attempt open."""
        runtime = self.launch("posttest")
        response = self.commit(
            runtime,
            {"completion_status": "completed", "success_status": "passed"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(ScormAttempt.objects.get().completed_at)

    def test_a_bad_save_is_refused_and_changes_nothing(self) -> None:
        runtime = self.launch()
        too_large = {"state": {"x": "y" * (2 * 1024 * 1024)}, "root": {}}
        for body in (
            too_large,
            {"state": {}, "root": {"completion": "done", "success": "passed"}},
            {
                "state": {},
                "root": {"completion": "completed", "success": "passed", "scaled": 3},
            },
            {"state": "x", "root": {"completion": "completed", "success": "passed"}},
            {"root": {"completion": "completed", "success": "passed"}},
        ):
            with self.subTest(body):
                self.assertEqual(self.save(runtime, body).status_code, 400)
        attempt = ScormAttempt.objects.get()
        self.assertEqual((attempt.sequencing_state, attempt.completed_at), ({}, None))

    def test_only_the_learner_saves_their_attempt_and_with_csrf(self) -> None:
        runtime = self.launch()
        body = {
            "state": {"sharedData": {"notes": "forged"}},
            "root": {"completion": "completed", "success": "passed"},
        }
        other = Client()
        other.force_login(self.dev)
        self.assertEqual(self.save(runtime, body, other).status_code, 404)
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.ada)
        self.assertEqual(self.save(runtime, body, strict).status_code, 403)
        attempt = ScormAttempt.objects.get()
        self.assertEqual((attempt.sequencing_state, attempt.completed_at), ({}, None))
        self.assertEqual(self.save(runtime, body).status_code, 200)

    def test_a_new_attempt_keeps_the_global_objectives_of_the_last(self) -> None:
        runtime = self.launch()
        objectives = {"golf_basics": {"id": "golf_basics", "satisfiedStatus": True}}
        self.save(
            runtime,
            {
                "state": {
                    "globalObjectiveMap": objectives,
                    "sharedData": {"notes": "x"},
                },
                "root": {"completion": "completed", "success": "passed"},
            },
        )
        self.client.post(
            reverse("scorm:new-attempt", args=[self.lesson.pk, self.block_id])
        )
        second = ScormAttempt.objects.get(number=2)
        self.assertEqual(second.sequencing_state, {"globalObjectiveMap": objectives})
        self.assertEqual(self.launch()["sequencingState"], second.sequencing_state)

    def test_objectives_global_to_the_attempt_only_are_not_carried(self) -> None:
        self.scorm.sequencing["objectivesGlobalToSystem"] = False
        self.scorm.save()
        runtime = self.launch()
        self.save(
            runtime,
            {
                "state": {"globalObjectiveMap": {"golf_basics": {}}},
                "root": {"completion": "completed", "success": "passed"},
            },
        )
        self.client.post(
            reverse("scorm:new-attempt", args=[self.lesson.pk, self.block_id])
        )
        self.assertEqual(ScormAttempt.objects.get(number=2).sequencing_state, {})

    def test_a_package_without_sequencing_has_no_sequencing_endpoint(self) -> None:
        package = import_scorm(scorm_2004())
        attempt = ScormAttempt.objects.create(
            enrolment=self.enrolment,
            lesson=self.lesson,
            block_id=self.block_id,
            package=package,
            number=1,
        )
        response = self.client.post(
            reverse("scorm:sequencing", args=[attempt.pk]),
            json.dumps(
                {"state": {}, "root": {"completion": "completed", "success": "passed"}}
            ),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 404)
