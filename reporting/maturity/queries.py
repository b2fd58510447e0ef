"""Reads of the maturity diagnosis: who may see or manage what, the answers of
an assessment, the skills dimension's rows from the snapshots, the previous
assessment and the size band's scores. Django only: no pandas here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from lms.models import Organisation, User
from reporting.maturity.models import (
    Answer,
    Assessment,
    Dimension,
    DimensionScore,
    Invitation,
    Question,
)
from skills import rules
from skills.models import Evidence, MonthlySnapshot

# Evidence whose level the platform or a person accountable for it established:
# the level rule's "validated" and "assessed" (skills/rules.py). When a person
# has any such evidence counting at a date, the rule's level rests on it.
VERIFIED_TRUST = [
    trust
    for trust in Evidence.Trust.values
    if trust not in (rules.SELF, *rules.REPORTED)
]
# Size bands by number of active staff: [lower, upper).
SIZE_BANDS = ((0, 50), (50, 250), (250, 1000), (1000, None))


def _rows(queryset: QuerySet[Any, Any]) -> list[dict[str, Any]]:
    """``.values()`` rows as plain dicts (their keys are the contract)."""
    return [dict(row) for row in queryset]


def may_manage(user: User) -> bool:
    """HR of a town opens its assessments, invites and closes them."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_hr_admin
        and user.organisation_id
    )


def may_read_results(user: User) -> bool:
    """HR and elected officials of a town read its results; platform admins any."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(
        user.organisation_id and (user.is_hr_admin or user.is_elected)
    )


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    """A town's own assessments, to its HR and elected officials."""
    assessments = Assessment.objects.select_related("organisation", "questionnaire")
    if not may_read_results(user):
        return assessments.none()
    if user.is_superuser:
        return assessments
    return assessments.filter(organisation=user.organisation)


def access_assessment_for(user: User, pk: int, *, manage: bool = False) -> Assessment:
    """The assessment ``pk`` of the person's town: 404 when it is another town's
    (its existence is not revealed), 403 when the person may not read it, or
    (``manage``) may not manage it."""
    assessment = (
        Assessment.objects.select_related("organisation", "questionnaire")
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not (
        user.is_superuser or assessment.organisation_id == user.organisation_id
    ):
        raise Http404
    if manage and not may_manage(user):
        raise PermissionDenied
    if not may_read_results(user):
        raise PermissionDenied
    return assessment


def access_invitation_for(user: User, pk: int) -> Invitation:
    """The person's own invitation ``pk``; 404 for anyone else's."""
    invitation = (
        Invitation.objects.select_related("assessment__organisation")
        .filter(pk=pk, person_id=user.pk)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def invitations_of(user: User) -> QuerySet[Invitation]:
    """The person's invitations, open assessments first."""
    return (
        Invitation.objects.filter(person_id=user.pk)
        .select_related("assessment")
        .order_by("-assessment__status", "-assessment__year")
    )


def answer_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """Every answer of the assessment: dimension (code), question (id),
    group, invitation (id), level (None: "I don't know")."""
    return _rows(
        Answer.objects.filter(invitation__assessment=assessment)
        .values(
            "level",
            "question_id",
            "invitation_id",
            dimension=F("question__dimension__code"),
            group=F("invitation__group"),
        )
        .order_by("question_id", "invitation_id")
    )


def skills_month(organisation: Organisation, as_of: dt.date) -> dt.date | None:
    """The latest month with snapshots of the town at or before ``as_of``."""
    return MonthlySnapshot.objects.filter(
        organisation=organisation, month__lte=as_of.replace(day=1)
    ).aggregate(month=Max("month"))["month"]


def skills_rows(organisation: Organisation, month: dt.date) -> list[dict[str, Any]]:
    """Per person and DigComp area (current version), at ``month``'s end: how
    many of the person's competences have an expected level (``expected``) and
    how many of those the person meets on verified evidence (``met``).

    The snapshot's level is the rule's; it rests on verified evidence exactly
    when verified evidence counts at the month's end (rule 2), which an
    ``EXISTS`` on the ledger checks in the database."""
    end = rules.end_of_month(month, timezone.get_current_timezone())
    verified = Evidence.objects.filter(
        person_id=OuterRef("person_id"),
        competence_id=OuterRef("competence_id"),
        trust__in=VERIFIED_TRUST,
        observed_at__lte=end,
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=end))
    met = Case(
        When(
            Q(level__gte=F("expected")) & Exists(verified),
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    return _rows(
        MonthlySnapshot.objects.filter(
            organisation=organisation,
            month=month,
            expected__isnull=False,
            expected__gt=0,
            competence__version__framework__slug="digcomp",
            competence__version__is_current=True,
        )
        .values("person_id", area=F("competence__area__code"))
        .annotate(expected_count=Count("pk"), met=Sum(met))
        .order_by("person_id", "area")
    )


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The town's latest closed assessment of an earlier year."""
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            year__lt=assessment.year,
            status=Assessment.Status.CLOSED,
        )
        .order_by("-year")
        .first()
    )


def stored_scores(assessment: Assessment) -> dict[str, float | None]:
    """A closed assessment's frozen score per dimension code."""
    return dict(
        DimensionScore.objects.filter(assessment=assessment).values_list(
            "dimension", "score"
        )
    )


def band_of(headcount: int) -> tuple[int, int | None]:
    for lower, upper in SIZE_BANDS:
        if headcount >= lower and (upper is None or headcount < upper):
            return lower, upper
    return SIZE_BANDS[-1]


def _headcounts(towns: QuerySet[Organisation]) -> dict[int, int]:
    return dict(
        User.objects.filter(
            organisation__in=towns, is_active=True, kind=User.Kind.STAFF
        )
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )


def band_rows(
    assessment: Assessment,
) -> tuple[tuple[int, int | None], list[dict[str, Any]]]:
    """The town's size band (active staff), and the frozen scores of the latest
    closed assessment of every other town of its network in the same band that
    shares its indicators: rows town (id), dimension, score. Towns' names never
    leave this function."""
    town = assessment.organisation
    towns = Organisation.objects.filter(pk=town.pk)
    if town.network_id is not None:
        towns = Organisation.objects.filter(
            Q(pk=town.pk) | Q(network_id=town.network_id, shares_indicators=True)
        )
    counts = _headcounts(towns)
    band = band_of(counts.get(town.pk, 0))
    peers = [pk for pk, n in counts.items() if pk != town.pk and band_of(n) == band]
    latest: dict[int, int] = {}
    for pk, organisation_id in (
        Assessment.objects.filter(
            organisation_id__in=peers, status=Assessment.Status.CLOSED
        )
        .order_by("organisation_id", "-year")
        .values_list("pk", "organisation_id")
    ):
        latest.setdefault(organisation_id, pk)
    rows = DimensionScore.objects.filter(assessment_id__in=latest.values()).values(
        "dimension", "score", town=F("assessment__organisation_id")
    )
    return band, _rows(rows)


def dimensions_of(questions: list[Question]) -> list[Dimension]:
    """The dimensions the questions belong to, with their levels."""
    return list(
        Dimension.objects.filter(
            pk__in={q.dimension_id for q in questions}
        ).prefetch_related("levels")
    )


def given_levels(invitation: Invitation) -> dict[int, int | None]:
    """The respondent's saved answers: question id → level (None: "I don't
    know")."""
    return dict(invitation.answers.values_list("question_id", "level"))
