"""Reads for H5P: which package a person may play, what they saved, which blocks
they passed, and how learners fare with a package."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from courses.h5p.models import H5PLibrary, H5PPackage, H5PResult, H5PUserData
from courses.h5p.permission_policies import h5p_package_policy
from courses.models import Enrolment, LessonPage
from courses.queries import enrolments_in, lesson_is_reachable, may_take_course
from lms.anonymity import K_ANONYMITY, publishable
from lms.models import User


def passed_h5p_blocks(enrolment: Enrolment, lesson: LessonPage) -> set[str]:
    """Ids of the lesson's H5P blocks with a result at or above the pass mark.

    Results belong to the source lesson; matched by translation key, a lesson
    read in another language shows them too (block ids are the same)."""
    return set(
        H5PResult.objects.filter(
            enrolment=enrolment,
            lesson__translation_key=lesson.translation_key,
            passed=True,
        ).values_list("block_id", flat=True)
    )


def recent_h5p_packages_for(user: User) -> QuerySet[H5PPackage]:
    """The first 20 packages ``user`` may see in the back office."""
    return h5p_package_policy.visible_to(
        user, H5PPackage.objects.select_related("main_library")
    )[:20]


def access_h5p_package_for(
    user: User, key: object, lesson_pk: int | None
) -> H5PPackage:
    """The package ``user`` may play: one they may see in the back office (their
    town's, a shared one; platform admins: all), or one a live lesson uses that
    they have reached in a course they are enrolled in and may still take. 404
    otherwise, so a key reveals nothing."""
    package = get_object_or_404(H5PPackage, key=key)
    visible = h5p_package_policy.visible_to(user, H5PPackage.objects.all())
    if visible.filter(pk=package.pk).exists():
        return package
    lesson = (
        LessonPage.objects.live().filter(pk=lesson_pk).first() if lesson_pk else None
    )
    if lesson is None:
        raise Http404
    uses_it = any(
        getattr(block.value.get("package"), "pk", None) == package.pk
        for block in lesson.blocks_of("h5p")
    )
    if uses_it and may_take_course(user, lesson.course) and _reached(user, lesson):
        return package
    raise Http404


def _reached(user: User, lesson: LessonPage) -> bool:
    """Whether the person reached the lesson, read in any language: their
    enrolment belongs to the source course (``enrolments_in``)."""
    enrolment = enrolments_in(lesson.course, user).first()
    return enrolment is not None and lesson_is_reachable(enrolment, lesson)


def h5p_user_data_for(
    user: User | AnonymousUser,
    *,
    package: H5PPackage,
    lesson_pk: int | None,
    block_id: str,
) -> dict[str, dict[str, str]]:
    """What the person's content saved in this block, shaped as H5P preloads it:
    ``{subContentId: {dataType: json}}``. Nothing for anyone else's, ever.
    Saved against the source lesson, it comes back in either language."""
    if not user.is_authenticated or lesson_pk is None:
        return {}
    saved: dict[str, dict[str, str]] = {}
    rows = H5PUserData.objects.filter(
        enrolment__user=user,
        lesson__translation_key__in=LessonPage.objects.filter(pk=lesson_pk).values(
            "translation_key"
        ),
        block_id=block_id,
        package=package,
    ).values_list("sub_content_id", "data_type", "data")
    for sub_content_id, data_type, data in rows:
        saved.setdefault(sub_content_id, {})[data_type] = data
    return saved


_shown = publishable


class QuestionStatistics(TypedDict):
    """How learners answer one question of a package. Figures are None (blank)
    when fewer than k people answered; the success figures also when fewer than
    k people got it right, or fewer than k never did."""

    sub_content_id: str
    question: str
    interaction_type: str
    learners: int | None  # distinct people who answered
    answers: int | None
    correct: int | None
    average: Decimal | None  # mean scaled score
    first: int  # the first answer's id: questions in the order first answered
    success_rate: float | None


@dataclass
class H5PStatistics:
    """Figures about the learners of one package; None is a blank: fewer than k
    people, or a split whose smaller side has fewer than k (docs/reporting.md)."""

    learners: int | None
    completed: int | None
    attempts: int | None
    average_score: float | None
    questions: list[QuestionStatistics]
    k: int = K_ANONYMITY

    @property
    def completion_rate(self) -> float | None:
        if self.completed is None or not self.learners:
            return None
        return self.completed / self.learners


def h5p_statistics(package: H5PPackage, viewer: User) -> H5PStatistics:
    """How learners fare with one package, wherever it is used.

    A learner has started once the content saved state or sent a result or an
    answer; completed once a result reached the block's pass mark. Authors and HR
    see their own town's learners; platform admins see everyone. Every figure
    counts distinct people and is blank below k of them: learners who started;
    who completed, and who did not; who sent a result (attempts, average score);
    per question, who answered, who got it right and who never did.
    """
    scope = (
        Q()
        if viewer.is_superuser
        else Q(enrolment__user__organisation_id=viewer.organisation_id)
    )
    results = package.results.filter(scope)
    answers = package.answers.filter(scope)
    totals = results.aggregate(
        attempts=Count("pk"),
        average=Avg("scaled"),
        completed=Count("enrolment__user", filter=Q(passed=True), distinct=True),
        with_results=Count("enrolment__user", distinct=True),
    )
    learners = (
        results.values("enrolment__user_id")
        .union(
            answers.values("enrolment__user_id"),
            package.user_data.filter(scope).values("enrolment__user_id"),
        )
        .count()
    )
    rows = (
        answers.values("sub_content_id")
        .annotate(
            question=Max("question"),
            interaction_type=Max("interaction_type"),
            learners=Count("enrolment__user", distinct=True),
            right=Count("enrolment__user", filter=Q(success=True), distinct=True),
            answers=Count("pk"),
            correct=Count("pk", filter=Q(success=True)),
            average=Avg("scaled"),
            first=Min("pk"),
        )
        .order_by("first")
    )
    if not _shown(learners):
        blank = [_question(row, everyone_shown=False) for row in rows]
        return H5PStatistics(None, None, None, None, blank)
    completed = totals["completed"]
    split = _shown(completed) and _shown(learners - completed)
    scored = _shown(totals["with_results"])
    return H5PStatistics(
        learners=learners,
        completed=completed if split else None,
        attempts=totals["attempts"] if scored else None,
        average_score=(
            float(totals["average"])
            if scored and totals["average"] is not None
            else None
        ),
        questions=[_question(row, everyone_shown=True) for row in rows],
    )


def _question(row: Mapping[str, Any], *, everyone_shown: bool) -> QuestionStatistics:
    """One question's row, blanked as ``h5p_statistics`` says; all blank when
    the package's learners are (``everyone_shown`` False)."""
    learners, right = row["learners"], row["right"]
    shown = everyone_shown and _shown(learners)
    split = shown and _shown(right) and _shown(learners - right)
    return {
        "sub_content_id": row["sub_content_id"],
        "question": row["question"],
        "interaction_type": row["interaction_type"],
        "learners": learners if shown else None,
        "answers": row["answers"] if shown else None,
        "correct": row["correct"] if split else None,
        "average": row["average"] if split else None,
        "first": row["first"],
        "success_rate": row["correct"] / row["answers"] if split else None,
    }


def installed_libraries() -> list[H5PLibrary]:
    """Every installed library with who installed it, from which package, and
    how many packages use it (``package_count``), in two queries."""
    counts = dict(
        H5PPackage.libraries.through.objects.values_list("h5plibrary_id")
        .annotate(Count("pk"))
        .order_by()
    )
    libraries = list(
        H5PLibrary.objects.select_related(
            "installed_by", "installed_with__organisation"
        ).order_by("machine_name", "major_version", "minor_version")
    )
    for library in libraries:
        # An annotation for the template, as a queryset would carry it.
        library.package_count = counts.get(library.pk, 0)  # type: ignore[attr-defined]
    return libraries
