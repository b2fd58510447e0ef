"""The course core's models: pages, learner state, mandatory training,
recommended paths.

Split by topic and re-exported here, so ``courses.models.CoursePage`` (and the
migrations' ``courses.models._new_certificate_code``) keep their names. The
models of H5P, SCORM and the learning record store live in their own
sub-packages, under this app's label.
"""

from courses.models.assignments import Assignment, ReminderSent
from courses.models.learning import (
    Certificate,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
    _new_certificate_code,
)
from courses.models.pages import (
    CatalogueIndexPage,
    CourseCompetence,
    CoursePage,
    CourseTag,
    LessonPage,
    OrganisationCataloguePage,
)
from courses.models.paths import LearningPath, LearningPathCourse

__all__ = [
    "Assignment",
    "CatalogueIndexPage",
    "Certificate",
    "CourseCompetence",
    "CoursePage",
    "CourseTag",
    "Enrolment",
    "LearningPath",
    "LearningPathCourse",
    "LessonCompletion",
    "LessonPage",
    "OrganisationCataloguePage",
    "QuizAttempt",
    "ReminderSent",
    "_new_certificate_code",
]
