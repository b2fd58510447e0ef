"""SCORM in Chromium: the Rustici Golf packages (1.2 and 2004), multi-SCO packages
(2004, and 1.2 SCOs that leave their status to the LMS) and the demo module, end
to end."""

import shutil
from pathlib import Path
from unittest import skipUnless

from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from courses import actions
from courses.demo import scorm as demo_scorm
from courses.demo.builders import (
    make_activity_lesson,
    make_catalogue,
    make_section,
)
from courses.demo.scorm_packages import (
    MANIFEST_12_SEVERAL,
    scorm_2004_continuing,
    scorm_zip,
)
from courses.models import LessonCompletion, LessonPage
from courses.records import xapi
from courses.records.models import Statement
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormAttempt, ScormScoState
from lms.testing import BrowserTestCase

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "scorm"
MEDIA = Path(__file__).resolve().parents[3] / "var" / "test-media-scorm-browser"

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


def wait_until(case: BrowserTestCase, condition) -> None:
    """Poll until ``condition()`` holds: what the browser sent reached the server."""
    for _ in range(100):
        try:
            if condition():
                return
        except OperationalError:  # SQLite: the live server is writing
            pass
        case.page.wait_for_timeout(100)
    case.fail("the server never saw it")


@skipUnless(
    FIXTURES.is_dir(), "shared/fixtures/scorm is absent (a fresh clone has none)"
)
@override_settings(MEDIA_ROOT=MEDIA)
class GolfJourneyTests(BrowserTestCase):
    def play(self, fixture: str) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        with (FIXTURES / fixture).open("rb") as handle:
            package = scorm_actions.import_scorm(handle)
        self.lesson = scorm_lesson(self, package)
        self.page.on("dialog", lambda dialog: dialog.accept())  # "resume?", "save?"
        self.sign_in("ada")
        self.page.goto(self.url(self.lesson.url))

    @property
    def launch_page(self):
        return (
            self.page.frame_locator("iframe.scorm-frame")
            .frame_locator("#scorm-content")
            .frame_locator("#sco")
        )

    def content_frame(self):
        """The Golf package's content frame, inside its launch page."""
        handle = self.launch_page.locator("#contentFrame").element_handle()
        frame = handle.content_frame()
        assert frame is not None
        return frame

    def wait_for(self, condition) -> None:
        wait_until(self, condition)

    def journey(self, fixture: str, *, location: str) -> ScormScoState:
        self.play(fixture)
        self.assert_accessible()
        for _ in range(3):
            self.launch_page.locator("#butNext").click()
        # The SCORM 1.2 Golf SCO reports its session in whole seconds: a learner
        # who left within the first second would report none. Read a moment.
        self.page.wait_for_timeout(1500)
        self.launch_page.locator("#butExit").click()  # "save to resume?": yes
        self.wait_for(lambda: ScormScoState.objects.get().exit == "suspend")
        state = ScormScoState.objects.get()
        self.assertEqual(state.completion_status, "incomplete")
        self.assertGreater(state.closed_seconds + state.session_seconds, 0)

        self.page.goto(self.url(self.lesson.url))  # come back: resume at page 4
        content = self.launch_page.frame_locator("#contentFrame")
        content.locator("body").wait_for()
        # The page the SCO resumed on, read from its own frame: the last frame
        # Chromium lists may be another one still at about:blank.
        self.wait_for(lambda: "OtherScoring.html" in self.content_frame().url)
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
        self.content_frame().evaluate(ANSWER_EVERYTHING)
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
        # The completed attempt completes the lesson (nothing else is left in
        # it): no "Mark this lesson as done" click, as commit 996a928 made it.
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
        package = scorm_actions.import_scorm(scorm_2004_continuing())
        lesson = scorm_lesson(self, package)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        player = self.page.frame_locator("iframe.scorm-frame")
        contents = player.get_by_role("navigation", name="Sommaire")
        self.assertEqual(
            contents.get_by_role("link").all_inner_texts(),
            ["Signs", "Report it", "Glossary"],
        )
        player.frame_locator("#scorm-content").frame_locator("#sco").get_by_role(
            "button"
        ).click()
        # adl.nav.request=continue: the player moves on to the second SCO.
        self.page.frame_locator("iframe.scorm-frame").get_by_role(
            "link", name="Report it"
        ).and_(player.locator("[aria-current=page]")).wait_for()
        self.assert_accessible()
        player.frame_locator("#scorm-content").frame_locator("#sco").get_by_role(
            "button"
        ).click()
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


# A SCORM 1.2 SCO that initialises as it loads and finishes as it unloads, and
# sets nothing else; with ``?track=1`` it says "incomplete" at once, and
# "completed" when the learner presses Done.
SCO_12 = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SCO</title>
<script>
function findAPI(win) {
    var tries = 0;
    while (!win.API && win.parent && win.parent !== win && tries++ < 7) { win = win.parent; }
    return win.API;
}
var api = findAPI(window);
var finished = false;
api.LMSInitialize("");
if (location.search.indexOf("track=1") >= 0) {
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    api.LMSCommit("");
}
function finish() {
    if (!finished) {
        finished = true;
        api.LMSFinish("");
    }
}
function done() {
    api.LMSSetValue("cmi.core.lesson_status", "completed");
    finish();
}
window.addEventListener("pagehide", finish);
</script></head><body><h1>A SCORM 1.2 SCO</h1>
<button type="button" onclick="done()">Done</button></body></html>"""


@override_settings(MEDIA_ROOT=MEDIA)
class SeveralScos12Tests(BrowserTestCase):
    """Three 1.2 SCOs: the first and last set no status, the second tracks itself."""

    def state(self, identifier: str) -> ScormScoState:
        return ScormScoState.objects.get(sco__identifier=identifier)

    def wait_for(self, condition) -> None:
        wait_until(self, condition)

    def current(self, title: str) -> None:
        self.page.frame_locator("iframe.scorm-frame").get_by_role(
            "link", name=title
        ).and_(
            self.page.frame_locator("iframe.scorm-frame").locator("[aria-current=page]")
        ).wait_for()
        self.page.frame_locator("iframe.scorm-frame").frame_locator(
            "#scorm-content"
        ).frame_locator("#sco").get_by_role("heading").wait_for()

    def test_run_to_completion_resumed_mid_way(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        manifest = MANIFEST_12_SEVERAL.replace(
            'identifierref="res_2"', 'identifierref="res_2" parameters="?track=1"'
        )
        pages = ("sco1/index.html", "sco2/index.html", "sco3/index.html", "sheet.html")
        files = dict.fromkeys(pages, SCO_12)
        package = scorm_actions.import_scorm(scorm_zip(manifest, files))
        lesson = scorm_lesson(self, package)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        self.current("Personal data")
        player = self.page.frame_locator("iframe.scorm-frame")
        player.locator(".scorm-bar").get_by_role("link", name="Suivant").click()
        # The first SCO finished as it unloaded, still "not attempted": completed.
        self.current("Consent")
        self.wait_for(lambda: self.state("one").completion_status == "completed")
        self.wait_for(lambda: self.state("two").completion_status == "incomplete")

        self.page.goto(self.url("/learning/"))  # leave mid-way, come back
        self.page.goto(self.url(lesson.url))
        self.current("Consent")  # the SCO left, not the first one
        self.assertEqual(self.state("two").completion_status, "incomplete")
        player.frame_locator("#scorm-content").frame_locator("#sco").get_by_role(
            "button", name="Done"
        ).click()
        self.wait_for(lambda: self.state("two").completion_status == "completed")
        player.locator(".scorm-bar").get_by_role("link", name="Suivant").click()
        self.current("Breaches")
        self.page.goto(self.url("/learning/"))  # the last SCO ends as the page goes
        self.wait_for(
            lambda: ScormAttempt.objects.filter(completed_at__isnull=False).exists()
        )
        self.assertEqual(self.state("three").cmi["core"]["lesson_status"], "completed")
        self.page.goto(self.url(lesson.url))
        self.page.get_by_text("Activité terminée.").wait_for()
        self.assert_accessible()


@override_settings(MEDIA_ROOT=MEDIA)
class DemoModuleTests(BrowserTestCase):
    """The demo's own SCORM 2004 module: read, leave, come back, pass."""

    def test_read_leave_resume_and_pass_the_exercise(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA, True)
        package = scorm_actions.import_scorm(demo_scorm.demo_package())
        lesson = scorm_lesson(self, package)
        self.sign_in("ada")
        self.page.goto(self.url(lesson.url))
        player = self.page.frame_locator("iframe.scorm-frame")
        reading = player.frame_locator("#scorm-content").frame_locator("#sco")
        reading.get_by_role("button", name="Suivant").click()
        reading.get_by_role("heading", name="2. L'urgence").wait_for()
        self.page.goto(self.url(lesson.url))  # leave, come back: page 2 again
        player = self.page.frame_locator("iframe.scorm-frame")
        player.frame_locator("#scorm-content").frame_locator("#sco").get_by_role(
            "heading", name="2. L'urgence"
        ).wait_for()
        player.frame_locator("#scorm-content").frame_locator("#sco").get_by_role(
            "button", name="Suivant"
        ).click()
        player.frame_locator("#scorm-content").frame_locator("#sco").get_by_text(
            "Lecture terminée."
        ).wait_for()
        player.get_by_role("link", name="Mise en situation").click()
        exercise = player.frame_locator("#scorm-content").frame_locator("#sco")
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
            self.url(reverse("scorm:player", args=[lesson.pk, attempt.block_id]))
        )
        self.page.get_by_role("navigation", name="Sommaire").wait_for()
        self.assert_accessible()
