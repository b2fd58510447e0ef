"""SCORM in a course taught in two languages: attempts belong to the source
lesson, whichever language the package was played in (docs/courses.md)."""

from urllib.parse import urlsplit

from django.urls import reverse

from courses import actions, activities
from courses.demo.builders import make_course, make_translation
from courses.models import LessonCompletion, LessonPage
from courses.scorm.models import ScormAttempt
from courses.testing.scorm_lessons import ScormLessonTestCase

DONE = {"completion_status": "completed", "score": {"scaled": "0.8"}}


class ScormInTwoLanguagesTests(ScormLessonTestCase):
    """Ada is enrolled (in French) in a one-lesson course with a SCORM block of
    two SCOs; the course has an English translation playing the same package."""

    def setUp(self) -> None:
        super().setUp()
        self.english = make_translation(self.course_scorm, "en", title="SCORM (en)")
        self.english_lesson = LessonPage.objects.child_of(self.english).get()
        self.english_player = reverse(
            "scorm:player", args=[self.english_lesson.pk, self.block_id]
        )

    def launch_english(self, sco: str) -> dict:
        response = self.client.get(self.english_player, {"sco": sco})
        self.assertEqual(response.status_code, 200)
        return response.context["runtime"]

    def test_played_in_english_it_completes_the_french_lesson(self) -> None:
        """The attempt is the French lesson's; both SCOs done in English complete
        it, the lesson and the one-lesson course."""
        self.commit(self.launch_english("sco_a"), DONE)
        self.commit(self.launch_english("sco_b"), DONE)
        attempt = ScormAttempt.objects.get()
        self.assertEqual(attempt.lesson_id, self.lesson.pk)
        self.assertIsNotNone(attempt.completed_at)
        self.assertEqual(
            list(LessonCompletion.objects.values_list("lesson_id", flat=True)),
            [self.lesson.pk],
        )
        self.enrolment.refresh_from_db()
        self.assertIsNotNone(self.enrolment.completed_at)

    def test_the_english_player_leads_to_english_pages(self) -> None:
        """Previous, Next and the table of contents stay on the English lesson's
        player, though the attempt is the French lesson's."""
        runtime = self.launch_english("sco_a")
        self.assertTrue(runtime["next"].startswith(self.english_player))
        for url in runtime["urls"].values():
            self.assertEqual(urlsplit(url).path, self.english_player)

    def test_played_in_french_it_is_done_on_the_english_page(self) -> None:
        """The registry answers the same for both pages; the English lesson page
        says the activity is completed."""
        self.commit(self.launch("sco_a"), DONE)
        self.commit(self.launch("sco_b"), DONE)
        for lesson in (self.lesson, self.english_lesson):
            self.assertEqual(
                activities.done_blocks(self.enrolment, lesson), {self.block_id}
            )
        self.assertContains(
            self.client.get(self.english_lesson.url), "Activité terminée."
        )

    def test_an_attempt_begun_in_french_goes_on_in_english(self) -> None:
        """Same package: the English player resumes the French attempt, with
        what the SCO saved."""
        self.commit(self.launch("sco_a"), {"location": "page-4"})
        runtime = self.launch_english("sco_a")
        self.assertEqual(ScormAttempt.objects.count(), 1)
        self.assertEqual(runtime["cmi"]["location"], "page-4")

    def test_who_may_not_launch_the_english_player(self) -> None:
        """Dev, not enrolled, is refused; an anonymous visitor is sent to sign
        in; Marc, of another town, finds no private course; no attempt."""
        self.client.force_login(self.dev)
        self.assertEqual(self.client.get(self.english_player).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(self.english_player).status_code, 302)
        for course in (self.course_scorm, self.english):
            course.sharing = "private"
            course.save()
        self.client.force_login(self.marc)
        self.assertEqual(self.client.get(self.english_player).status_code, 404)
        self.assertFalse(ScormAttempt.objects.exists())

    def test_an_english_lesson_opens_once_the_earlier_one_is_done(self) -> None:
        """Lesson 2 read in English is out of reach until lesson 1 is done (in
        French here): its place in the course is its source's."""
        course = make_course(self.section, slug="two", lessons=2)
        french = LessonPage.objects.child_of(course).order_by("path")
        second = french.last()
        second.body = [{"type": "scorm", "value": {"package": self.scorm.pk}}]
        second.save()
        english = make_translation(course, "en", title="Two (en)")
        english_second = LessonPage.objects.child_of(english).order_by("path").last()
        enrolment = actions.enrol(self.ada, course)
        url = reverse(
            "scorm:player",
            args=[english_second.pk, english_second.blocks_of("scorm")[0].id],
        )
        self.assertEqual(self.client.get(url).status_code, 403)
        actions.complete_lesson(enrolment, french.first())
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(ScormAttempt.objects.get().lesson_id, second.pk)
