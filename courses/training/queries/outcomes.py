"""After a session: who attended part of it, the levels observed there, the
signed sheets and the satisfaction questionnaire."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, QuerySet
from django.http import Http404

from courses.models import CourseCompetence
from courses.training.models import (
    Registration,
    SatisfactionAnswer,
    SessionSlot,
    SignedSheet,
    Training,
    TrainingSession,
)
from courses.training.queries.sessions import ATTENDED, may_mark_attendance
from lms.anonymity import publishable
from lms.models import User
from skills.models import Competence, Evidence


def targeted_competences(training: Training) -> list[Competence]:
    """The competences the training's course demonstrates (what a trainer may
    record an observed level on), with their scale's levels prefetched."""
    ids = CourseCompetence.objects.filter(course_id=training.course_id).values(
        "competence_id"
    )
    return list(
        Competence.objects.filter(pk__in=ids)
        .select_related("version")
        .prefetch_related("version__levels")
        .order_by("code", "pk")
    )


def attended_part(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Confirmed registrations marked present or partly present at some slot."""
    return registrations.filter(
        status=Registration.Status.CONFIRMED, attendances__status__in=ATTENDED
    ).distinct()


def observed_participants(session: TrainingSession) -> list[Registration]:
    """Who attended some of the session, by name: whose levels may be observed."""
    return list(
        attended_part(Registration.objects.filter(session=session))
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def training_source_ref(session: TrainingSession) -> str:
    """How evidence observed at the session names it (``Evidence.source_ref``)."""
    return f"training-session:{session.pk}"


def observed_levels(session: TrainingSession) -> dict[tuple[int, int], int]:
    """The last level observed at the session per (person id, competence id)."""
    observed: dict[tuple[int, int], int] = {}
    for person_id, competence_id, level in Evidence.objects.filter(
        source=Evidence.Source.TRAINING, source_ref=training_source_ref(session)
    ).values_list("person_id", "competence_id", "level"):
        observed[(person_id, competence_id)] = level
    return observed


def signed_sheets_of(session: TrainingSession) -> QuerySet[SignedSheet]:
    """The session's scans, without their content."""
    return SignedSheet.objects.filter(session=session).defer("data")


def access_signed_sheet_for(user: User, pk: int) -> SignedSheet:
    """A scan for HR of the running town and the session's trainers; 404 for
    anyone else."""
    sheet = (
        SignedSheet.objects.select_related("session__training").filter(pk=pk).first()
    )
    if sheet is None or not may_mark_attendance(user, sheet.session):
        raise Http404
    return sheet


def may_answer_satisfaction(user: User, session: TrainingSession) -> bool:
    """A participant who attended (some of) the session and has not answered."""
    return (
        attended_part(Registration.objects.filter(session=session, user=user))
        .filter(satisfaction__isnull=True)
        .exists()
    )


@dataclass(frozen=True)
class SatisfactionResults:
    answers: int
    shown: bool
    # (question label, average out of 5) when shown, else empty.
    averages: list[tuple[str, float]]
    comments: list[str]


def satisfaction_results(session: TrainingSession) -> SatisfactionResults:
    """Averages and comments of the session's questionnaire, blank under five
    answers (``lms.anonymity.publishable``): below that a trainer could tell
    who answered what."""
    answers = SatisfactionAnswer.objects.filter(registration__session=session)
    count = answers.count()
    if not count or not publishable(count):
        return SatisfactionResults(count, False, [], [])
    names = [name for name, _label in SatisfactionAnswer.QUESTIONS]
    means = answers.aggregate(**{name: Avg(name) for name in names})
    comments = [
        c.strip()
        for c in answers.order_by("comment").values_list("comment", flat=True)
        if c.strip()
    ]
    return SatisfactionResults(
        count,
        True,
        [
            (str(label), round(means[name], 1))
            for name, label in SatisfactionAnswer.QUESTIONS
        ],
        comments,
    )


def slot_ids(session: TrainingSession) -> list[int]:
    return list(
        SessionSlot.objects.filter(session=session).values_list("pk", flat=True)
    )
