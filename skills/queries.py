"""Reads: current levels (explained), expectations and gaps, history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TypedDict

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lms.models import Organisation, User
from lms.queries import reports_of
from skills.models import (
    Competence,
    CompetenceArea,
    CompetenceStatement,
    Evidence,
    Framework,
    FrameworkVersion,
    MonthlySnapshot,
    ProficiencyLevel,
    RoleExpectation,
)
from skills.rules import Decision, Fact, current_level


def current_framework_version(slug: str = "digcomp") -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.filter(framework__slug=slug, is_current=True)
        .select_related("framework")
        .first()
    )


def competences_of(version: FrameworkVersion) -> QuerySet[Competence]:
    return (
        Competence.objects.filter(version=version)
        .select_related("area")
        .order_by("code")
    )


def areas_of(version: FrameworkVersion) -> list[CompetenceArea]:
    """The version's areas in code order (one query)."""
    return list(CompetenceArea.objects.filter(version=version).order_by("code"))


def scale_of(version: FrameworkVersion) -> list[ProficiencyLevel]:
    """The version's proficiency levels, lowest first."""
    return list(ProficiencyLevel.objects.filter(version=version))


def access_report_for(user: User, pk: int) -> User:
    """Someone in the user's team (directly or not); 404 for anyone else."""
    person = reports_of(user).filter(pk=pk).select_related("job_role").first()
    if person is None:
        raise Http404
    return person


def frameworks_of(organisation: Organisation) -> QuerySet[Framework]:
    """The town's own frameworks, with their versions."""
    return Framework.objects.filter(organisation=organisation).prefetch_related(
        "versions"
    )


def slug_free_for(slug: str, organisation: Organisation) -> bool:
    """Whether the town may import a framework under ``slug``: no framework has
    it yet, or the town's own does."""
    owner = (
        Framework.objects.filter(slug=slug)
        .values_list("organisation_id", flat=True)
        .first()
    )
    return not Framework.objects.filter(slug=slug).exists() or owner == organisation.pk


def statements_by_level(
    competences: list[Competence], *, per_level: int = 2
) -> dict[tuple[int, int], list[CompetenceStatement]]:
    """Up to ``per_level`` "I can …" statements per (competence id, level number),
    in the framework's numbering (one query)."""
    found: dict[tuple[int, int], list[CompetenceStatement]] = defaultdict(list)
    for statement in CompetenceStatement.objects.filter(
        competence__in=competences, kind=CompetenceStatement.Kind.STATEMENT
    ).select_related("level"):
        key = (statement.competence_id, statement.level.number)
        if len(found[key]) < per_level:
            found[key].append(statement)
    return dict(found)


@dataclass
class CompetenceLevel:
    competence: Competence
    decision: Decision
    expected: int | None
    evidence: list[Evidence]

    @property
    def level(self) -> int:
        return self.decision.level

    @property
    def gap(self) -> int:
        return max(0, (self.expected or 0) - self.level)

    @property
    def basis_ids(self) -> set[int]:
        return {f.evidence_id for f in self.decision.basis if f.evidence_id}


def current_levels(
    person: User, version: FrameworkVersion, *, area: CompetenceArea | None = None
) -> list[CompetenceLevel]:
    """Each competence of ``version`` (or of one of its areas) with the person's
    level, why, and what is expected.

    Three queries: competences, the person's evidence, the role's expectations.
    """
    chosen = competences_of(version)
    if area is not None:
        chosen = chosen.filter(area=area)
    competences = list(chosen)
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for row in Evidence.objects.filter(
        person=person, competence__in=[c.pk for c in competences]
    ).select_related("recorded_by"):
        evidence[row.competence_id].append(row)
    expected = (
        dict(
            RoleExpectation.objects.filter(
                job_role_id=person.job_role_id, competence__version=version
            ).values_list("competence_id", "level")
        )
        if person.job_role_id
        else {}
    )
    now = timezone.now()
    result = []
    for competence in competences:
        rows = evidence.get(competence.pk, [])
        facts = [
            Fact(e.level, e.source, e.observed_at, e.expires_at, e.pk, e.trust)
            for e in rows
        ]
        result.append(
            CompetenceLevel(
                competence=competence,
                decision=current_level(facts, now),
                expected=expected.get(competence.pk),
                evidence=rows,
            )
        )
    return result


class HistoryRow(TypedDict):
    competence__code: str
    month: dt.date
    level: int


def history_of(person: User, version: FrameworkVersion) -> list[HistoryRow]:
    """Month-end levels per competence code, from the snapshots (one query)."""
    return list(
        MonthlySnapshot.objects.filter(person=person, competence__version=version)
        .order_by("competence__code", "month")
        .values("competence__code", "month", "level")
    )


def gaps_for_people(
    people: QuerySet[User], version: FrameworkVersion
) -> dict[int, int]:
    """Sum over ``people`` of (expected − current month's level) per competence id.

    Reads this month's snapshots; people with no snapshot count as level 0.
    """
    month = timezone.localdate().replace(day=1)
    gaps: dict[int, int] = defaultdict(int)
    levels = {
        (row["person_id"], row["competence_id"]): row["level"]
        for row in MonthlySnapshot.objects.filter(
            person__in=people, month=month, competence__version=version
        ).values("person_id", "competence_id", "level")
    }
    expected: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for job_role_id, competence_id, level in RoleExpectation.objects.filter(
        job_role__in=people.values("job_role_id"), competence__version=version
    ).values_list("job_role_id", "competence_id", "level"):
        expected[job_role_id].append((competence_id, level))
    for person_id, job_role_id in people.values_list("pk", "job_role_id"):
        for competence_id, level in expected.get(job_role_id, []):
            gaps[competence_id] += max(
                0, level - levels.get((person_id, competence_id), 0)
            )
    return dict(gaps)
