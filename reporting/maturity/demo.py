"""Demo maturity assessments for ``manage.py load_demo``: Saint-Aubin's
assessment of last year and of this year, both answered by the four respondent
groups and closed, so the results show the change since last year.

Deterministic (seeded) and idempotent: a year already assessed is left as it is.
Called by ``load_maturity_demo``, which ``load_demo`` runs by name (courses does
not import reporting).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from lms.models import Organisation, User
from reporting.maturity import actions
from reporting.maturity.models import Assessment, Group

TOWN = "saint-aubin"
# Where each dimension stands this year (0–5), and how each group sees it.
BASE: dict[str, float] = {
    "strategy": 2.6,
    "territory": 3.0,
    "problems": 2.2,
    "finance": 1.8,
    "regulation": 2.8,
    "readiness": 2.9,
    "data": 1.6,
    "automation": 1.4,
    "green": 1.2,
}
BIAS: dict[str, float] = {
    Group.MANAGEMENT: 0.3,
    Group.ELECTED: 0.8,
    Group.IT: -0.2,
    Group.DEPARTMENTS: -0.6,
}
# Where the groups see a dimension far apart (the results flag it).
SPLIT: dict[str, dict[str, float]] = {
    "strategy": {Group.ELECTED: 1.2, Group.DEPARTMENTS: -1.0},
}
# Last year, every dimension stood this much lower.
LAST_YEAR_GAP = 0.8


def _respondents(town: Organisation) -> list[tuple[User, str]]:
    people = User.objects.filter(organisation=town, is_active=True)
    chosen: list[tuple[User, str]] = []

    def take(queryset: QuerySet[User], group: str, count: int) -> None:
        taken = {p.pk for p, _g in chosen}
        fresh = [p for p in queryset.order_by("employee_number") if p.pk not in taken]
        chosen.extend((person, group) for person in fresh[:count])

    take(people.filter(job_role__code="DIR"), Group.MANAGEMENT, 3)
    take(people.filter(kind=User.Kind.ELECTED), Group.ELECTED, 3)
    take(people.filter(department__code__in=["DSI", "DSI-SUP"]), Group.IT, 3)
    take(
        people.filter(
            kind=User.Kind.STAFF, job_role__code__in=["ACC", "CPT", "BIB", "ATE"]
        ),
        Group.DEPARTMENTS,
        5,
    )
    return chosen


def _assess(town: Organisation, hr: User, year: int, closed_on: dt.date) -> Assessment:
    assessment = actions.open_assessment(hr, year=year)
    Assessment.objects.filter(pk=assessment.pk).update(
        opened_at=dt.datetime.combine(
            closed_on - dt.timedelta(days=30),
            dt.time(9),
            tzinfo=timezone.get_current_timezone(),
        )
    )
    rng = random.Random(f"maturity-{town.slug}-{year}")  # noqa: S311 - demo data
    gap = LAST_YEAR_GAP if year < timezone.localdate().year else 0.0
    for person, group in _respondents(town):
        invitation = actions.invite(
            assessment, person=person, group=group, notify=False
        )
        levels: dict[int, int | None] = {}
        for question in actions.questions_for(invitation):
            if rng.random() < 0.08:
                levels[question.pk] = None  # "I don't know"
                continue
            code = question.dimension.code
            split = SPLIT.get(code, {}).get(group, 0.0)
            centre = BASE.get(code, 2.0) + BIAS[group] + split - gap
            levels[question.pk] = max(0, min(5, round(centre + rng.uniform(-0.9, 0.9))))
        actions.save_answers(invitation, levels=levels, submit=True)
    return actions.close_assessment(assessment, as_of=closed_on)


@transaction.atomic
def load_maturity_demo() -> list[Assessment]:
    """Saint-Aubin's assessments of last year and this year (closed)."""
    town = Organisation.objects.filter(slug=TOWN).first()
    hr = User.objects.filter(organisation=town, is_hr_admin=True).order_by("pk").first()
    if town is None or hr is None:
        return []
    today = timezone.localdate()
    done = []
    for year, closed_on in (
        (today.year - 1, dt.date(today.year - 1, 11, 28)),
        (today.year, today),
    ):
        found = Assessment.objects.filter(organisation=town, year=year).first()
        done.append(found or _assess(town, hr, year, closed_on))
    return done
