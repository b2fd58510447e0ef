"""H5P in a course taught in two languages: a result belongs to the source
lesson, whichever language the activity was played in (docs/courses.md)."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import activities
from courses.demo.builders import make_translation
from courses.h5p.models import H5PResult, H5PUserData
from courses.models import LessonCompletion, LessonPage
from courses.testing.content import follow_to_content
from courses.testing.h5p_lessons import H5PLessonTestCase, statement


class H5PInTwoLanguagesTests(H5PLessonTestCase):
    """Ada is enrolled (in French) in a one-lesson course with an H5P block; the
    course has an English translation playing the same package."""

    def setUp(self) -> None:
        super().setUp()
        self.english = make_translation(self.course_h5p, "en", title="H5P (en)")
        self.english_lesson = LessonPage.objects.child_of(self.english).get()
        self.english_url = reverse(
            "h5p:statement", args=[self.english_lesson.pk, self.block_id]
        )

    def test_played_in_english_it_completes_the_french_lesson(self) -> None:
        """The result is the French lesson's; the lesson and the course are done;
        the statement says it was played in English."""
        response = self.post(statement(scaled=0.8), url=self.english_url)
        self.assertEqual(
            response.json(), {"stored": True, "passed": True, "lessonDone": True}
        )
        result = H5PResult.objects.get()
        self.assertEqual(result.lesson_id, self.lesson.pk)
        self.assertEqual(result.statement.data["context"]["language"], "en")
        self.assertEqual(
            list(LessonCompletion.objects.values_list("lesson_id", flat=True)),
            [self.lesson.pk],
        )
        self.enrolment.refresh_from_db()
        self.assertIsNotNone(self.enrolment.completed_at)

    def test_played_in_french_it_is_done_on_the_english_page(self) -> None:
        """The registry answers the same for both pages; the English lesson page
        says the activity is completed."""
        self.post(statement(scaled=0.8))
        self.assertEqual(
            H5PResult.objects.get().statement.data["context"]["language"], "fr"
        )
        for lesson in (self.lesson, self.english_lesson):
            self.assertEqual(
                activities.done_blocks(self.enrolment, lesson), {self.block_id}
            )
        response = self.client.get(self.english_lesson.url)
        self.assertContains(response, "Activité terminée.")

    def test_a_failed_result_in_english_leaves_both_languages_to_do(self) -> None:
        self.post(statement(scaled=0.4), url=self.english_url)
        for lesson in (self.lesson, self.english_lesson):
            self.assertEqual(activities.done_blocks(self.enrolment, lesson), set())
        self.assertFalse(LessonCompletion.objects.exists())

    def test_the_saved_state_follows_the_learner_across_languages(self) -> None:
        """Saved while playing in English, it comes back in the French player
        (same package), and is kept once, against the French lesson."""
        saved = self.post(
            {"dataType": "state", "subContentId": "0", "data": '{"p":3}'},
            url=reverse("h5p:user-data", args=[self.english_lesson.pk, self.block_id]),
        )
        self.assertEqual(saved.json(), {"saved": True})
        self.assertEqual(H5PUserData.objects.get().lesson_id, self.lesson.pk)
        redirect = self.client.get(
            reverse("h5p:player", args=[self.package.key]),
            {"lesson": self.lesson.pk, "block": self.block_id},
        )
        player = follow_to_content(self.client, redirect).content.decode()
        found = re.search(r'id="h5p-user-data" type="application/json">(.*?)<', player)
        self.assertIsNotNone(found)
        self.assertEqual(json.loads(found[1]), {"0": {"state": '{"p":3}'}})

    def test_the_english_player_opens_for_the_learner_enrolled_in_french(
        self,
    ) -> None:
        """Ada (enrolled through the French page) gets the English page's player;
        Sam, of her town but not enrolled, and Marc, of another town, do not."""
        url = reverse("h5p:player", args=[self.package.key])
        query = {"lesson": self.english_lesson.pk, "block": self.block_id}
        self.assertEqual(self.client.get(url, query).status_code, 302)
        for person in (self.sam, self.marc):
            self.client.force_login(person)
            self.assertEqual(self.client.get(url, query).status_code, 404, person)

    def test_only_the_enrolled_learner_sends_results_on_the_english_page(
        self,
    ) -> None:
        """Sam, of her town, and Marc, of another town the course is shared
        with, have not enrolled: refused; an anonymous visitor is sent to sign
        in; nothing is stored."""
        for person, status in ((self.sam, 403), (self.marc, 403)):
            self.client.force_login(person)
            response = self.post(statement(scaled=1.0), url=self.english_url)
            self.assertEqual(response.status_code, status, person)
        self.client.logout()
        self.assertEqual(
            self.post(statement(scaled=1.0), url=self.english_url).status_code, 302
        )
        self.assertFalse(H5PResult.objects.exists())

    def test_the_lesson_page_costs_the_same_in_both_languages(self) -> None:
        """Reading the results by translation key adds no query to either page."""
        counts = []
        for lesson in (self.lesson, self.english_lesson):
            self.client.get(lesson.url)  # warm the site and translation caches
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(lesson.url).status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
