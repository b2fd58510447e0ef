"""The one ranking of courses for skill gaps, read by the learner's own skills
page and their manager's team page alike.

For one person, a course is recommended when, for at least one competence the
person's job role expects above their current level (a gap), it demonstrates a
level that reaches the expected one (a course certifying less cannot close the
gap); a course the person already completed is never recommended, nor a course
they may not take or that is not in their language. A course scores the sum of
the gaps (in levels) it closes; ties go by title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.models import CourseCompetence, CoursePage, Enrolment
from courses.queries.access import courses_visible_to
from lms.models import User
from lms.queries import reports_of
from skills.models import Competence
from skills.queries import CompetenceLevel, current_framework_version, current_levels


@dataclass
class Recommendation:
    course: CoursePage
    score: int = 0
    competences: list[Competence] = field(default_factory=list)
    people: list[User] = field(default_factory=list)


def ranked_courses(person: User, levels: list[CompetenceLevel]) -> list[Recommendation]:
    """Every course that closes one of ``person``'s gaps, best first (see the
    module's docstring). ``levels``: ``skills.queries.current_levels(person, …)``.
    One query."""
    gaps = {
        item.competence.pk: item
        for item in levels
        if item.expected is not None and item.level < item.expected
    }
    if not gaps:
        return []
    completed = Enrolment.objects.filter(
        user=person, completed_at__isnull=False
    ).values("course_id")
    # A course counts when the person may read it in their language: the
    # course itself or one of its translations (which read its competences).
    readable = (
        courses_visible_to(person)
        .filter(language=person.preferred_language)
        .values("translation_key")
    )
    links = (
        CourseCompetence.objects.filter(
            competence_id__in=gaps,
            course__in=courses_visible_to(person),
            course__translation_key__in=readable,
        )
        .exclude(course_id__in=completed)
        .select_related("course", "competence")
        .order_by("course_id", "sort_order")
    )
    ranked: dict[int, Recommendation] = {}
    for link in links:
        item = gaps[link.competence_id]
        if link.level < (item.expected or 0):
            continue
        entry = ranked.setdefault(link.course_id, Recommendation(link.course))
        entry.score += item.gap
        entry.competences.append(link.competence)
    return sorted(ranked.values(), key=lambda e: (-e.score, e.course.title))


def recommended_courses(
    user: User, levels: list[CompetenceLevel], *, limit: int = 5
) -> list[Recommendation]:
    """The learner's own page: the first ``limit`` of ``ranked_courses``."""
    return ranked_courses(user, levels)[:limit]


def team_recommendations(manager: User) -> dict[User, list[Recommendation]]:
    """Each of ``manager``'s reports (transitively) with their own ranking, the
    very list their own skills page shows (before its limit)."""
    version = current_framework_version()
    if version is None:
        return {}
    return {
        person: ranked_courses(person, current_levels(person, version))
        for person in reports_of(manager)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    }


def courses_for_gaps(
    manager: User, gaps: dict[int, int], *, limit: int = 5
) -> list[Recommendation]:
    """The manager's team page: each report's own ranking, merged. A course
    scores the sum of what it scores for each person it is recommended to, and
    names them (``people``). ``gaps`` (competence id → the team's total gap)
    limits the list to competences the page shows a gap for."""
    merged: dict[int, Recommendation] = {}
    for person, ranking in team_recommendations(manager).items():
        for entry in ranking:
            competences = [c for c in entry.competences if gaps.get(c.pk)]
            if not competences:
                continue
            team_entry = merged.setdefault(
                entry.course.pk, Recommendation(entry.course)
            )
            team_entry.score += entry.score
            team_entry.people.append(person)
            for competence in competences:
                if competence not in team_entry.competences:
                    team_entry.competences.append(competence)
    return sorted(merged.values(), key=lambda e: (-e.score, e.course.title))[:limit]
