"""Every read of the course core, by topic; importers use ``courses.queries``."""

from courses.queries.access import (
    access_certificate_for,
    access_enrolment_for,
    courses_visible_to,
    enrolment_for,
    lesson_is_reachable,
    lessons_of,
    may_take_course,
    pages_hidden_from,
    require_course_access,
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
    CourseOutline,
    OutlineItem,
    QuizState,
    catalogue_for,
    course_outline_for,
    lesson_state_for,
    my_learning,
    quiz_states,
    require_lesson_access,
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
    "lesson_is_reachable",
    "lesson_state_for",
    "lessons_of",
    "may_take_course",
    "my_learning",
    "pages_hidden_from",
    "quiz_states",
    "recommended_courses",
    "team_recommendations",
    "require_course_access",
    "require_lesson_access",
]
