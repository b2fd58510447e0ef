"""A course's outline: its lessons in order, with one person's progress.

The lessons (titles, slugs, order, estimated minutes) are the same for every
reader: they come from the page tree cache (``courses.tree_cache``), built from
plain rows, never from page instances. What belongs to the person, their
enrolment and the lessons they completed, is read on every request, in one
query.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from courses.models import CoursePage, Enrolment
from courses.queries.access import lessons_of
from courses.tree_cache import cached_for_tree, tree_version
from lms.models import User


@dataclass(frozen=True)
class OutlineLesson:
    """What the outline shows of a lesson; ``url`` is the course's plus its slug."""

    pk: int
    title: str
    slug: str
    estimated_minutes: int
    translation_key: uuid.UUID
    url: str = ""


@dataclass
class OutlineItem:
    lesson: OutlineLesson
    done: bool
    reachable: bool

    @property
    def url(self) -> str:
        return self.lesson.url


@dataclass
class CourseOutline:
    enrolment: Enrolment | None
    items: list[OutlineItem] = field(default_factory=list)
    next_lesson: OutlineLesson | None = None
    tree_version: str = ""

    @property
    def signature(self) -> str:
        """Everything the outline's markup depends on besides the language and
        the current lesson: the page tree's version (titles, order, URLs) and
        each lesson's state. Two learners at the same point of a course share
        it, so the rendered outline is cached under it (``lesson_outline.html``)
        and stays exact: any new completion gives a new signature."""
        enrolled = "e" if self.enrolment is not None else "-"
        states = "".join(
            "d" if i.done else "r" if i.reachable else "l" for i in self.items
        )
        return f"{self.tree_version}:{enrolled}:{states}"

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        if not self.items:
            return 0
        return round(100 * self.done_count / len(self.items))


LessonRow = tuple[int, str, str, int, uuid.UUID]


def course_lessons(course: CoursePage) -> tuple[str, list[LessonRow]]:
    """The course's URL and its live lessons in order, as ``(pk, title, slug,
    estimated_minutes, translation_key)``: the same for every reader, cached
    per page tree version (the URL too: Wagtail would read the sites' root
    paths from the shared cache for it on every request)."""

    def build() -> tuple[str, list[LessonRow]]:
        rows = lessons_of(course).values_list(
            "pk", "title", "slug", "estimated_minutes", "translation_key"
        )
        return course.url or "", list(rows)

    return cached_for_tree(f"course-lessons:{course.pk}", build)


# The keys of the completed lessons, one string per enrolment: each database
# names the aggregate its own way.
_KEYS_AGGREGATE = {
    "sqlite": "group_concat(done.translation_key, ',')",
    "postgresql": "string_agg(done.translation_key::text, ',')",
}
_PROGRESS_SQL = """
SELECT e.*, {keys} AS done_keys
FROM courses_enrolment e
JOIN wagtailcore_page c ON c.id = e.course_id
LEFT JOIN courses_lessoncompletion lc ON lc.enrolment_id = e.id
LEFT JOIN wagtailcore_page done ON done.id = lc.lesson_id
WHERE e.user_id = %s AND c.translation_key = %s
GROUP BY e.id
"""
_TRANSLATION_KEY = CoursePage._meta.get_field("translation_key")


def progress_in(
    user: User | AnonymousUser, course: CoursePage
) -> tuple[Enrolment | None, set[uuid.UUID]]:
    """The person's enrolment in the course (any of its languages) and the
    translation keys of the lessons they completed: one query, one row. The
    enrolment is kept on ``course`` for ``enrolment_for``.

    Written as SQL: the ORM's version (the enrolment's fields and one row per
    completion) cost more to compile on every request than to run.
    """
    if not user.is_authenticated:
        return None, set()
    sql = _PROGRESS_SQL.format(keys=_KEYS_AGGREGATE[connection.vendor])
    key = _TRANSLATION_KEY.get_db_prep_value(course.translation_key, connection)
    enrolment = next(iter(Enrolment.objects.raw(sql, [user.pk, key])), None)
    done: set[uuid.UUID] = set()
    if enrolment is not None:
        keys = enrolment.done_keys  # type: ignore[attr-defined]
        done = {uuid.UUID(k) for k in keys.split(",")} if keys else set()
        if enrolment.course_id == course.pk:
            enrolment.course = course
    course.__dict__.setdefault("_enrolments", {})[user.pk] = enrolment
    return enrolment, done


def course_outline_for(user: User | AnonymousUser, course: CoursePage) -> CourseOutline:
    """The lessons in order with the learner's progress: the lessons from the
    cache, the enrolment and its completions in one query.

    Completions belong to the source lesson: matched by translation key, a
    lesson read in another language shows done too.
    """
    enrolment, done = progress_in(user, course)
    outline = CourseOutline(enrolment=enrolment, tree_version=tree_version())
    reachable = enrolment is not None
    # Lessons are the course's children: their URL is the course's plus a slug,
    # without Wagtail resolving sites once per link.
    course_url, lessons = course_lessons(course)
    for pk, title, slug, minutes, key in lessons:
        lesson = OutlineLesson(pk, title, slug, minutes, key, f"{course_url}{slug}/")
        item = OutlineItem(lesson=lesson, done=key in done, reachable=reachable)
        outline.items.append(item)
        if not item.done:
            if reachable and outline.next_lesson is None:
                outline.next_lesson = lesson
            reachable = False
    return outline
