"""Recommended paths: the ones a learner sees, with their progress, and the
ones HR manages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from courses.models import Enrolment, LearningPath, LearningPathCourse
from courses.models.pages import CoursePage
from lms.models import Department, User
from lms.queries import organisations_administered_by


@dataclass
class PathStep:
    course: CoursePage
    state: str  # done / in_progress / not_started, as "My learning" words them


@dataclass
class RecommendedPath:
    path: LearningPath
    steps: list[PathStep] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for step in self.steps if step.state == "done")

    @property
    def percent(self) -> int:
        if not self.steps:
            return 0
        return round(100 * self.done_count / len(self.steps))


def _live_steps() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=LearningPathCourse.objects.filter(course__live=True)
        .select_related("course")
        .order_by("position"),
    )


def paths_targeting(user: User) -> QuerySet[LearningPath]:
    """Paths recommended to ``user``'s department or a department above it
    (staff only: officials belong to no department's training)."""
    town = user.organisation_id
    department = user.department if town else None
    if town is None or department is None or user.is_elected:
        return LearningPath.objects.none()
    path = department.path
    step = Department.steplen
    prefixes = [path[:end] for end in range(step, len(path) + 1, step)]
    return (
        LearningPath.objects.filter(
            organisation_id=town, departments__path__in=prefixes
        )
        .distinct()
        .order_by("-created_at", "-pk")
    )


def learning_paths_for(
    user: User, enrolments: Iterable[Enrolment]
) -> list[RecommendedPath]:
    """Each path recommended to ``user`` with the state of its courses, read
    from ``enrolments`` (the person's, with their courses): an enrolment in a
    translation counts for its course. Two queries whatever the number of
    paths and courses; none for a person without a department."""
    by_key = {e.course.translation_key: e for e in enrolments}
    found = []
    for path in paths_targeting(user).prefetch_related(_live_steps()):
        entry = RecommendedPath(path)
        for step in path.steps.all():
            enrolment = by_key.get(step.course.translation_key)
            if enrolment is None:
                state = "not_started"
            elif enrolment.is_complete:
                state = "done"
            else:
                state = "in_progress"
            entry.steps.append(PathStep(step.course, state))
        found.append(entry)
    return found


def require_path_manager(user: User) -> None:
    """HR of a town (or a platform admin) manage its recommended paths."""
    if not (user.is_active and (user.is_superuser or user.is_hr_admin)):
        raise PermissionDenied


def learning_paths_managed_by(user: User) -> QuerySet[LearningPath]:
    """The paths of the towns ``user`` administers (HR: their own town)."""
    require_path_manager(user)
    return (
        LearningPath.objects.filter(
            organisation__in=organisations_administered_by(user)
        )
        .select_related("organisation")
        .prefetch_related("departments", _live_steps())
    )


def access_learning_path_for(user: User, pk: int) -> LearningPath:
    """A path of a town ``user`` administers, else 404 (403 for who manages none)."""
    require_path_manager(user)
    path = (
        LearningPath.objects.filter(
            organisation__in=organisations_administered_by(user)
        )
        .filter(pk=pk)
        .first()
    )
    if path is None:
        raise Http404
    return path
