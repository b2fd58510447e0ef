"""Every read of the course core, by topic; importers use ``courses.queries``."""

from courses.queries.access import (
    access_certificate_for,
    access_enrolment_for,
    courses_visible_to,
    enrolment_for,
    enrolments_in,
    lesson_is_reachable,
    lessons_of,
    may_take_course,
    one_per_course,
    pages_hidden_from,
    require_course_access,
    source_courses,
)
from courses.queries.assignments import (
    AssignedCourse,
    assignees_of,
    assignment_report,
    assignment_status,
    assignments_for,
    due_date_for,
)
from courses.queries.learning import (
    QuizState,
    catalogue_for,
    lesson_state_for,
    my_learning,
    quiz_states,
    require_lesson_access,
)
from courses.queries.outline import (
    CourseOutline,
    OutlineItem,
    OutlineLesson,
    course_outline_for,
    progress_in,
)
from courses.queries.recommendations import (
    courses_for_gaps,
    recommended_courses,
    team_recommendations,
)

__all__ = [
    "AssignedCourse",
    "CourseOutline",
    "OutlineItem",
    "OutlineLesson",
    "QuizState",
    "access_certificate_for",
    "access_enrolment_for",
    "assignees_of",
    "assignment_report",
    "assignment_status",
    "assignments_for",
    "catalogue_for",
    "course_outline_for",
    "courses_for_gaps",
    "courses_visible_to",
    "due_date_for",
    "enrolment_for",
    "enrolments_in",
    "lesson_is_reachable",
    "lesson_state_for",
    "lessons_of",
    "may_take_course",
    "my_learning",
    "one_per_course",
    "pages_hidden_from",
    "progress_in",
    "quiz_states",
    "recommended_courses",
    "team_recommendations",
    "require_course_access",
    "require_lesson_access",
    "source_courses",
]
