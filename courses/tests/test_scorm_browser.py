"""SCORM in Chromium: the Rustici Golf packages (1.2 and 2004), a multi-SCO package
and the demo module, end to end."""

import shutil
from pathlib import Path
from unittest import skipUnless

from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from courses import actions, xapi
from courses.demo import scorm as demo_scorm
from courses.models import (
    LessonCompletion,
    LessonPage,
    ScormAttempt,
    ScormScoState,
    Statement,
)
from courses.testing.factories import (
    make_activity_lesson,
    make_catalogue,
    make_section,
)
from courses.testing.scorm_packages import scorm_2004_continuing
from lms.testing import BrowserTestCase

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "scorm"
MEDIA = Path(__file__).resolve().parents[2] / "var" / "test-media-scorm-browser"

# Tick the right answer of every question on the Golf assessment page, from the
# page's own question list (choice, true-false and numeric questions).
ANSWER_EVERYTHING = """() => {
    for (const q of test.Questions) {
        if (q.Type === "choice") {
            document.getElementById(`question_${q.Id}_${q.Answers.indexOf(q.CorrectAnswer)}`).checked = true;
        } else if (q.Type === "true-false") {
            document.getElementById(`question_${q.Id}_${q.CorrectAnswer ? "True" : "False"}`).checked = true;
        } else {
            document.getElementById(`question_${q.Id}_Text`).value = q.CorrectAnswer;
        }
    }
}"""


def scorm_lesson(case: BrowserTestCase, package) -> LessonPage:
    """A lesson of Saint-Aubin playing ``package``, Ada enrolled."""
    lesson = make_activity_lesson(
        make_section(make_catalogue(), case.town),
        slug="scorm",
        block={"type": "scorm", "value": {"package": package.pk}},
    )
    actions.enrol(case.ada, lesson.course)
    return lesson


@skipUnless(
    FIXTURES.is_dir(), "shared/fixtures/scorm is absent (a fresh clone has none)"
)
@override_settings(MEDIA_ROOT=MEDIA)
class GolfJourneyTests(BrowserTestCase):
    def play(self, fixture: str) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        with (FIXTURES / fixture).open("rb") as handle:
            package = actions.import_scorm(handle)
        self.lesson = scorm_lesson(self, package)
        self.page.on("dialog", lambda dialog: dialog.accept())  # "resume?", "save?"
        self.sign_in("ada")
        self.page.goto(self.url(self.lesson.url))

    @property
    def launch_page(self):
        return self.page.frame_locator("iframe.scorm-frame").frame_locator(
            "#scorm-content"
        )

    def wait_for(self, condition) -> None:
        for _ in range(100):
            try:
                if condition():
                    return
            except OperationalError:  # SQLite: the live server is writing
                pass
            self.page.wait_for_timeout(100)
        self.fail("the server never saw it")

    def journey(self, fixture: str, *, location: str) -> ScormScoState:
        self.play(fixture)
        self.assert_accessible()
        for _ in range(3):
            self.launch_page.locator("#butNext").click()
        self.launch_page.locator("#butExit").click()  # "save to resume?": yes
        self.wait_for(lambda: ScormScoState.objects.get().exit == "suspend")
        state = ScormScoState.objects.get()
        self.assertEqual(state.completion_status, "incomplete")
        self.assertGreater(state.closed_seconds + state.session_seconds, 0)

        self.page.goto(self.url(self.lesson.url))  # come back: resume at page 4
        content = self.launch_page.frame_locator("#contentFrame")
        content.locator("body").wait_for()
        self.assertIn(
            "OtherScoring.html",
            self.page.frames[-1].url,
        )
        state.refresh_from_db()
        self.assertEqual(state.launches, 2)
        self.assertEqual(location, self.cmi_location(state))

        for _ in range(20):
            button = self.launch_page.locator("#butNext")
            if button.is_disabled():
                break
            button.click()
        assessment = self.launch_page.frame_locator("#contentFrame")
        assessment.locator("input[value='Submit Answers']").wait_for()
        self.page.frames[-1].evaluate(ANSWER_EVERYTHING)
        assessment.locator("input[value='Submit Answers']").click()
        self.launch_page.locator("#butExit").click()
        self.wait_for(
            lambda: ScormAttempt.objects.filter(completed_at__isnull=False).exists()
        )
        attempt = ScormAttempt.objects.get()
        self.assertEqual(attempt.score_scaled, 1)
        finished = ScormScoState.objects.get()
        self.assertTrue(
            Statement.objects.filter(
                actor=self.ada, verb=xapi.VERBS["passed"], data__result__score__scaled=1
            ).exists()
        )
        self.page.goto(self.url(self.lesson.url))
        self.page.click("text=Marquer cette leçon comme terminée")
        self.page.wait_for_url("**/learning/")
        self.assertTrue(LessonCompletion.objects.filter(lesson=self.lesson).exists())
        return finished

    def cmi_location(self, state: ScormScoState) -> str:
        cmi = state.cmi
        return str(cmi["core"]["lesson_location"] if "core" in cmi else cmi["location"])

    def test_scorm_12_golf(self) -> None:
        state = self.journey("singlescobasic.zip", location="3")
        self.assertEqual(state.success_status, "passed")
        self.assertEqual(state.cmi["core"]["lesson_status"], "passed")

    def test_scorm_2004_golf(self) -> None:
        state = self.journey("RuntimeBasicCalls_SCORM20043rdEdition.zip", location="3")
        self.assertEqual(state.success_status, "passed")
        self.assertEqual(state.cmi["completion_status"], "completed")


@override_settings(MEDIA_ROOT=MEDIA)
class SeveralScosTests(BrowserTestCase):
    """A package of the project's own: two SCOs under a chapter and an asset."""

    def test_the_learner_moves_through_the_scos_and_the_attempt_completes(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        package = actions.import_scorm(scorm_2004_continuing())
        lesson = scorm_lesson(self, package)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        player = self.page.frame_locator("iframe.scorm-frame")
        contents = player.get_by_role("navigation", name="Sommaire")
        self.assertEqual(
            contents.get_by_role("link").all_inner_texts(),
            ["Signs", "Report it", "Glossary"],
        )
        player.frame_locator("#scorm-content").get_by_role("button").click()
        # adl.nav.request=continue: the player moves on to the second SCO.
        self.page.frame_locator("iframe.scorm-frame").get_by_role(
            "link", name="Report it"
        ).and_(player.locator("[aria-current=page]")).wait_for()
        self.assert_accessible()
        player.frame_locator("#scorm-content").get_by_role("button").click()
        player.get_by_role("link", name="Glossary").and_(
            player.locator("[aria-current=page]")
        ).wait_for()
        attempt = ScormAttempt.objects.get()
        self.assertIsNotNone(attempt.completed_at)
        self.assertEqual(float(attempt.score_scaled), 0.9)
        self.assertEqual(
            list(
                ScormScoState.objects.filter(sco__is_sco=True).values_list(
                    "session_seconds", flat=True
                )
            ),
            [12, 12],
        )
        # A new attempt, only once the learner confirms; the first one is kept.
        restart = player.get_by_role("button", name="Commencer une nouvelle tentative")
        self.page.once("dialog", lambda dialog: dialog.dismiss())
        restart.click()
        self.assertEqual(ScormAttempt.objects.count(), 1)
        self.page.once("dialog", lambda dialog: dialog.accept())
        restart.click()
        player.get_by_text("Tentative 2").wait_for()
        first, second = ScormAttempt.objects.order_by("number")
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertIsNotNone(first.completed_at)  # kept, still complete
        self.assertIsNone(second.completed_at)


@override_settings(MEDIA_ROOT=MEDIA)
class DemoModuleTests(BrowserTestCase):
    """The demo's own SCORM 2004 module: read, leave, come back, pass."""

    def test_read_leave_resume_and_pass_the_exercise(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        package = actions.import_scorm(demo_scorm.demo_package())
        lesson = scorm_lesson(self, package)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        player = self.page.frame_locator("iframe.scorm-frame")
        reading = player.frame_locator("#scorm-content")
        reading.get_by_role("button", name="Suivant").click()
        reading.get_by_role("heading", name="2. L'urgence").wait_for()
        self.page.goto(self.url(lesson.url))  # leave, come back: page 2 again
        player = self.page.frame_locator("iframe.scorm-frame")
        player.frame_locator("#scorm-content").get_by_role(
            "heading", name="2. L'urgence"
        ).wait_for()
        player.frame_locator("#scorm-content").get_by_role(
            "button", name="Suivant"
        ).click()
        player.frame_locator("#scorm-content").get_by_text(
            "Lecture terminée."
        ).wait_for()
        player.get_by_role("link", name="Mise en situation").click()
        exercise = player.frame_locator("#scorm-content")
        exercise.get_by_label("le signalez au service informatique").check()
        exercise.get_by_label("un signe de hameçonnage").check()
        exercise.get_by_label("ne l'ouvrez pas et la signalez").check()
        exercise.get_by_role("button", name="Valider mes réponses").click()
        exercise.get_by_text("3 bonne(s) réponse(s) sur 3 : réussi.").wait_for()
        self.page.goto(self.url(lesson.url))  # the exercise SCO terminates
        self.page.get_by_text("Activité terminée.").wait_for()
        attempt = ScormAttempt.objects.get()
        self.assertEqual(float(attempt.score_scaled), 1.0)
        self.assertEqual(
            set(ScormScoState.objects.values_list("success_status", flat=True)),
            {"unknown", "passed"},
        )
        self.assert_accessible()
        # The player on its own ("open in a full window"), with its contents list.
        self.page.goto(
            self.url(
                reverse("courses:scorm-player", args=[lesson.pk, attempt.block_id])
            )
        )
        self.page.get_by_role("navigation", name="Sommaire").wait_for()
        self.assert_accessible()
