"""What a learner sees: course outlines, lesson state, the catalogue, their
learning page and what to take next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)
from django.http import HttpRequest
from django.utils import translation

from courses import activities
from courses.forms import CatalogueFilterForm
from courses.models import (
    CoursePage,
    CourseTag,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)
from courses.queries.access import (
    courses_visible_to,
    enrolments_in,
    one_per_course,
    require_course_access,
    visible_course_of,
)
from courses.queries.assignments import (
    AssignedCourse,
    assignments_for,
    due_date_for,
)
from courses.queries.outline import course_outline_for
from courses.queries.paths import learning_paths_for
from lms.models import User


def lesson_state_for(user: User, lesson: LessonPage) -> dict[str, Any]:
    """Everything a lesson page shows about the learner: progress, quiz attempts."""
    course = lesson.course
    outline = getattr(lesson, "outline", None) or course_outline_for(user, course)
    quizzes: dict[str, QuizState] = {}
    done_activities: set[str] = set()
    if outline.enrolment is not None:
        quizzes = quiz_states(outline.enrolment, lesson)
        done_activities = activities.done_blocks(outline.enrolment, lesson)
    index = next(
        (i for i, item in enumerate(outline.items) if item.lesson.pk == lesson.pk), 0
    )
    item = outline.items[index] if outline.items else None
    return {
        "course": course,
        "outline": outline,
        "lesson_done": bool(item and item.done),
        "previous_lesson": outline.items[index - 1].lesson if index > 0 else None,
        "next_lesson": outline.items[index + 1].lesson
        if index + 1 < len(outline.items)
        else None,
        "quiz_states": quizzes,
        "done_activities": done_activities,
    }


@dataclass
class QuizState:
    attempts: int
    passed: bool
    last: QuizAttempt | None


def quiz_states(enrolment: Enrolment, lesson: LessonPage) -> dict[str, QuizState]:
    """Per quiz block: how many attempts, whether one passed, and the last one.

    One query whatever the number of attempts (unlimited quizzes pile them up),
    none when the lesson holds no quiz: the attempts of the lesson in any of
    its languages grouped by block (count, passes, latest id), joined to each
    block's latest attempt. Written as SQL because the ORM would say it with a
    window over every attempt (3 ms for 1,500 attempts on SQLite) or correlated
    subqueries (2 ms, most of it compiling them on every request); this reads
    them in 0.35 ms and compiles nothing.
    """
    if not lesson.has_blocks_of("quiz"):
        return {}
    key = _TRANSLATION_KEY.get_db_prep_value(lesson.translation_key, connection)
    return {
        attempt.block_id: QuizState(
            attempts=attempt.attempt_count,  # type: ignore[attr-defined]
            passed=attempt.passed_count > 0,  # type: ignore[attr-defined]
            last=attempt,
        )
        for attempt in QuizAttempt.objects.raw(_QUIZ_STATES_SQL, [enrolment.pk, key])
    }


_TRANSLATION_KEY = LessonPage._meta.get_field("translation_key")
_QUIZ_STATES_SQL = """
SELECT a.*, b.attempt_count, b.passed_count
FROM (
    SELECT block_id, MAX(id) AS last_id, COUNT(*) AS attempt_count,
           SUM(CASE WHEN passed THEN 1 ELSE 0 END) AS passed_count
    FROM courses_quizattempt
    WHERE enrolment_id = %s
      AND lesson_id IN (SELECT id FROM wagtailcore_page WHERE translation_key = %s)
    GROUP BY block_id
) b
JOIN courses_quizattempt a ON a.id = b.last_id
"""


def catalogue_for(user: User, params: Any) -> dict[str, Any]:
    """The catalogue page's listing, filtered by audience, duration, tag and text."""
    form = CatalogueFilterForm(params or None)
    courses = courses_visible_to(user)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("language"):
            courses = courses.filter(language=data["language"])
        if data.get("audience"):
            courses = courses.filter(
                audience__in=[data["audience"], CoursePage.Audience.BOTH]
            )
        if data.get("max_minutes"):
            courses = courses.filter(duration_minutes__lte=data["max_minutes"])
        if data.get("competence"):
            # A translation reads its source's competences.
            tagged = CoursePage.objects.filter(competences__slug=data["competence"])
            courses = courses.filter(
                translation_key__in=tagged.values("translation_key")
            )
        if data.get("q"):
            courses = courses.filter(
                Q(title__icontains=data["q"]) | Q(summary__icontains=data["q"])
            )
    courses = (
        one_per_course(courses, translation.get_language())
        .select_related("organisation")
        .annotate(is_enrolled=Exists(enrolments_in(OuterRef("translation_key"), user)))
        .order_by("title")
    )
    return {"filter_form": form, "courses": with_competence_tags(list(courses))}


def with_competence_tags(courses: list[CoursePage]) -> list[CoursePage]:
    """Each course with ``competence_tags``: its source's competences (one query),
    since a translation has none of its own."""
    keys = {course.translation_key for course in courses}
    tags: dict[Any, list[str]] = {}
    rows = (
        CourseTag.objects.filter(content_object__translation_key__in=keys)
        .select_related("tag")
        .order_by("tag__name")
        .values_list("content_object__translation_key", "tag__name")
    )
    for key, name in rows:
        tags.setdefault(key, []).append(name)
    for course in courses:
        course.competence_tags = tags.get(course.translation_key, [])
    return courses


@dataclass
class LearningItem:
    """A course on "My learning": the page shown (in the person's language when
    a live translation exists, else the source), and for a course in progress
    the live lessons done and the next one to open."""

    course: CoursePage
    enrolment: Enrolment
    done: int = 0
    total: int = 0
    next_url: str = ""

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def pages_in_language(
    sources: list[CoursePage], language: str
) -> dict[int, CoursePage]:
    """``{source pk: page shown}``: each course's live page in ``language``,
    else the source itself (one query, none without courses)."""
    keys = {course.translation_key for course in sources}
    found = (
        CoursePage.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .select_related("organisation")
        if keys
        else []
    )
    translated = {page.translation_key: page for page in found}
    return {c.pk: translated.get(c.translation_key, c) for c in sources}


def _with_progress(items: list[LearningItem], user: User) -> list[LearningItem]:
    """Lessons done out of the live lessons of each page shown, and the first
    lesson not done: one query for every course (completions belong to the
    source lessons, matched by translation key)."""
    if not items:
        return items
    condition = Q(pk__in=[])
    for item in items:
        condition |= Q(path__startswith=item.course.path, depth=item.course.depth + 1)
    done = LessonCompletion.objects.filter(
        enrolment__user=user.pk, lesson__translation_key=OuterRef("translation_key")
    )
    lessons = (
        LessonPage.objects.live()
        .filter(condition)
        .annotate(done=Exists(done))
        .order_by("path")
        .values_list("path", "slug", "done")
    )
    by_path = {item.course.path: item for item in items}
    for path, slug, lesson_done in lessons:
        item = by_path[path[: -LessonPage.steplen]]
        item.total += 1
        item.done += lesson_done
        if not lesson_done and not item.next_url:
            item.next_url = f"{item.course.url or ''}{slug}/"
    return items


def my_learning(user: User) -> dict[str, Any]:
    """Assigned, in progress and completed courses, each titled and linked in
    the person's language when a live translation exists; a flat number of
    queries whatever the number of courses."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "certificate")
        .order_by("-enrolled_at")
    )
    by_course = {e.course_id: e for e in enrolments}
    assignments = list(assignments_for(user))
    language = translation.get_language()
    shown = pages_in_language(
        [e.course for e in enrolments] + [a.course for a in assignments], language
    )
    assigned = [
        AssignedCourse(
            assignment=a,
            due=due_date_for(a, user),
            enrolment=by_course.get(a.course_id),
            course=shown[a.course_id],
        )
        for a in assignments
    ]
    assigned.sort(key=lambda item: (item.due is None, item.due))
    track = []
    if user.is_elected:
        started = set(by_course)
        started_keys = {e.course.translation_key for e in enrolments}
        courses = one_per_course(courses_visible_to(user), language)
        track = [
            c
            for c in courses.order_by("title")
            if c.pk not in started and c.translation_key not in started_keys
        ]
    items = [LearningItem(course=shown[e.course_id], enrolment=e) for e in enrolments]
    return {
        "track": track,
        "in_progress": _with_progress(
            [i for i in items if not i.enrolment.is_complete], user
        ),
        "completed": [i for i in items if i.enrolment.is_complete],
        "assigned": assigned,
        "paths": learning_paths_for(user, enrolments),
    }


def require_lesson_access(request: HttpRequest, lesson: LessonPage) -> None:
    """A lesson opens for an enrolled learner once every earlier lesson is done.

    Two queries: the course if the person may take it (404 otherwise), then
    their enrolment with its completions; the lessons come from the cache (see
    ``course_outline_for``). The outline is kept on ``lesson`` for the page.
    """
    if getattr(request, "is_preview", False):
        require_course_access(request, lesson.course)
        return
    course = visible_course_of(request.user, lesson)
    lesson.course = course
    outline = course_outline_for(request.user, course)
    item = next((i for i in outline.items if i.lesson.pk == lesson.pk), None)
    if outline.enrolment is None or item is None or not (item.reachable or item.done):
        raise PermissionDenied
    lesson.outline = outline
