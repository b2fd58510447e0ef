"""Migration 0018: H5P results and saved state, and SCORM attempts, stored
against a translated lesson before results belonged to the source move to it."""

import datetime as dt
import importlib

from django.apps import apps
from django.utils import timezone

from courses.demo.builders import make_translation
from courses.demo.scorm_packages import scorm_2004
from courses.h5p.models import H5PResult, H5PUserData
from courses.models import LessonPage
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormAttempt, ScormScoState
from courses.testing.h5p_lessons import H5PLessonTestCase, statement

migration = importlib.import_module(
    "courses.migrations.0018_activity_results_to_source"
)


class MoveToSourcesTests(H5PLessonTestCase):
    """Ada's H5P lesson, with an English translation; rows are put on the
    English lesson as the platform stored them before."""

    def setUp(self) -> None:
        super().setUp()
        english = make_translation(self.course_h5p, "en", title="H5P (en)")
        self.english_lesson = LessonPage.objects.child_of(english).get()

    def save_state(
        self, data: str, *, lesson: LessonPage, updated: dt.datetime, kind="state"
    ) -> H5PUserData:
        return H5PUserData.objects.create(
            enrolment=self.enrolment,
            lesson=lesson,
            block_id=self.block_id,
            package=self.package,
            data_type=kind,
            data=data,
            updated_at=updated,
        )

    def test_h5p_results_move_to_the_source_lesson(self) -> None:
        self.post(statement(scaled=0.9))
        H5PResult.objects.update(lesson=self.english_lesson)
        migration.move_to_sources(apps, None)
        self.assertEqual(H5PResult.objects.get().lesson_id, self.lesson.pk)

    def test_saved_state_moves_and_the_later_of_two_wins(self) -> None:
        """Saved in both languages under the same key: the later one is kept,
        against the French lesson; a lone English one simply moves."""
        now = timezone.now()
        self.save_state('"fr"', lesson=self.lesson, updated=now - dt.timedelta(1))
        self.save_state('"en"', lesson=self.english_lesson, updated=now)
        self.save_state('"x"', lesson=self.english_lesson, updated=now, kind="other")
        migration.move_to_sources(apps, None)
        self.assertEqual(
            sorted(H5PUserData.objects.values_list("lesson_id", "data_type", "data")),
            [(self.lesson.pk, "other", '"x"'), (self.lesson.pk, "state", '"en"')],
        )

    def test_scorm_attempts_in_both_languages_become_one_series(self) -> None:
        """Attempts 1 (French, first) and 1 (English, later) of the same package
        become attempts 1 and 2 of the French lesson, in the order they began;
        their run-time data stays with them."""
        scorm = scorm_actions.import_scorm(scorm_2004())
        lesson = self.lesson
        lesson.body = [{"type": "scorm", "value": {"package": scorm.pk}}]
        lesson.save()
        block_id = lesson.blocks_of("scorm")[0].id
        now = timezone.now()
        attempts = [
            ScormAttempt.objects.create(
                enrolment=self.enrolment,
                lesson=page,
                block_id=block_id,
                package=scorm,
                number=1,
                started_at=now - dt.timedelta(hours=hours),
            )
            for page, hours in ((self.english_lesson, 1), (lesson, 2))
        ]
        state = ScormScoState.objects.create(
            attempt=attempts[0], sco=scorm.scos.first()
        )
        migration.move_to_sources(apps, None)
        self.assertEqual(
            list(
                ScormAttempt.objects.order_by("number").values_list(
                    "pk", "lesson_id", "number"
                )
            ),
            [(attempts[1].pk, lesson.pk, 1), (attempts[0].pk, lesson.pk, 2)],
        )
        state.refresh_from_db()
        self.assertEqual(state.attempt_id, attempts[0].pk)

    def test_nothing_moves_without_translations(self) -> None:
        self.post(statement(scaled=0.9))
        LessonPage.objects.filter(pk=self.english_lesson.pk).delete()
        migration.move_to_sources(apps, None)
        self.assertEqual(H5PResult.objects.get().lesson_id, self.lesson.pk)
