"""Recommended paths: advising departments a sequence of courses, withdrawing it."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import CoursePage, LearningPath, LearningPathCourse
from lms.models import Department, Organisation, User


@transaction.atomic
def create_learning_path(
    organisation: Organisation,
    *,
    title: str,
    reason: str,
    courses: Sequence[CoursePage],
    departments: Sequence[Department],
    created_by: User,
) -> LearningPath:
    """``courses`` in this order (each once, as its source course, whichever
    language it was picked in) recommended to ``departments`` of the town."""
    if not courses:
        raise ValidationError(_("A recommended path needs at least one course."))
    if not departments or any(
        d.organisation_id != organisation.pk for d in departments
    ):
        raise ValidationError(_("Choose departments of your own organisation."))
    path = LearningPath(
        organisation=organisation, title=title, reason=reason, created_by=created_by
    )
    path.full_clean()
    path.save()
    path.departments.set(departments)
    sources: list[CoursePage] = []
    for course in courses:
        source = course.source
        if all(source.pk != seen.pk for seen in sources):
            sources.append(source)
    for position, course in enumerate(sources, start=1):
        step = LearningPathCourse(path=path, course=course, position=position)
        step.full_clean()
        step.save()
    return path


@transaction.atomic
def withdraw_learning_path(path: LearningPath) -> None:
    """The path disappears from its learners' pages; their progress in its
    courses is theirs and stays."""
    path.delete()
