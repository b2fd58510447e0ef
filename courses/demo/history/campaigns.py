"""Two years of monthly history for the demo towns, so every dashboard has a
story to tell on first open.

- Staff arrive over time (their hire dates); each one assesses themselves on
  arrival, passes quizzes as months go by, and is validated by their manager at
  each yearly review (``skills.synthetic.evidence_history``, trust levels as
  ``skills.rules`` weighs them).
- Saint-Aubin's population directorate (DPO) starts a training plan a year ago
  and improves quickly; its technical services (DST) lag. In Montval the
  resources directorate (DRM) improves from ten months ago, the population
  directorate lags.
- Mandatory cybersecurity campaign: in Saint-Aubin it runs now (due in three
  weeks: most are done, some in progress, others not started yet); Montval's was
  due six weeks ago (most done on time, a few late). Saint-Aubin's reception
  staff had the accessible online services course due two months ago.
- A few people take the open data course of their own accord.

Deterministic (seeded by town) and idempotent: a town whose history exists is
left as it is. Snapshots are rebuilt afterwards by the caller.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from courses.demo.history.learning import _between, _complete, _start
from courses.models import (
    Assignment,
    CoursePage,
)
from lms.models import Department, Organisation, User
from skills.models import Evidence, RoleExpectation
from skills.synthetic import Member, Pace, evidence_history

MONTHS = 24
SYNTHETIC = "synthetic"


@dataclass(frozen=True)
class Campaign:
    """Mandatory training: ``due`` and ``launched`` in days from today; ``done``
    the share who finish, ``late_share`` of those after the due date,
    ``started`` the share of the others who began."""

    course: str
    due: int
    launched: int
    done: float
    late_share: float = 0.0
    started: float = 0.3
    departments: tuple[str, ...] = ()


# Per town: direction code → pace; directions not named learn at the usual pace.
PACES: dict[str, dict[str, tuple[float, float | None, int]]] = {
    "saint-aubin": {"DPO": (0.05, 0.3, 12), "DST": (0.02, None, 0)},
    "montval": {"DRM": (0.06, 0.3, 10), "DPO": (0.02, None, 0)},
}
# Directions that lag finish mandatory training less often, too.
LAGGING = {"saint-aubin": "DST", "montval": "DPO"}
USUAL_PACE = 0.12
CAMPAIGNS: dict[str, list[Campaign]] = {
    "saint-aubin": [
        Campaign("cybersecurite-essentiels", due=21, launched=-120, done=0.6),
        Campaign(
            "demarches-en-ligne-accessibles",
            due=-60,
            launched=-240,
            done=0.85,
            late_share=0.15,
            departments=("EC",),
        ),
    ],
    "montval": [
        Campaign(
            "cybersecurite-essentiels",
            due=-45,
            launched=-210,
            done=0.88,
            late_share=0.1,
        ),
    ],
}
VOLUNTARY = "donnees-ouvertes"
# Named personas keep a hand-written story (courses.demo.catalogue).
PERSONAS = ("ada",)


def has_history(town: Organisation) -> bool:
    return Evidence.objects.filter(
        person__organisation=town, source_ref=SYNTHETIC
    ).exists()


@transaction.atomic
def load_history(town: Organisation, courses: dict[str, CoursePage]) -> bool:
    """Write the town's history unless it exists; True if written."""
    if has_history(town):
        return False
    rng = random.Random(f"history-{town.slug}")  # noqa: S311 - demo data
    now = timezone.now()
    start = now - dt.timedelta(days=30 * MONTHS)
    people = list(
        User.objects.filter(organisation=town, kind=User.Kind.STAFF, is_active=True)
        .exclude(username__in=PERSONAS)
        .select_related("organisation", "department", "job_role")
        .order_by("pk")
    )
    Evidence.objects.bulk_create(
        evidence_history(
            _members(town, people, start, now), end=now - dt.timedelta(days=1), rng=rng
        ),
        batch_size=2000,
    )
    for campaign in CAMPAIGNS.get(town.slug, []):
        _run_campaign(town, campaign, courses, people, rng, now)
    _voluntary(town, courses[VOLUNTARY], people, rng, start, now)
    return True


def _paces(town: Organisation, now: dt.datetime) -> dict[str, Pace]:
    return {
        code: Pace(before, after, now - dt.timedelta(days=30 * months_ago))
        for code, (before, after, months_ago) in PACES.get(town.slug, {}).items()
    }


def _direction_codes(town: Organisation) -> dict[str, str]:
    """Each department's path → the code of the direction it belongs to."""
    step = Department.steplen
    departments = list(Department.objects.filter(organisation=town))
    roots = {d.path: d.code for d in departments if d.depth == 1}
    return {d.path: roots.get(d.path[:step], "") for d in departments}


def _members(
    town: Organisation, people: list[User], start: dt.datetime, now: dt.datetime
) -> list[Member]:
    expected: dict[int, dict[int, int]] = defaultdict(dict)
    for role_id, competence_id, level in RoleExpectation.objects.filter(
        job_role__organisation=town
    ).values_list("job_role_id", "competence_id", "level"):
        expected[role_id][competence_id] = level
    paces = _paces(town, now)
    directions = _direction_codes(town)
    tz = timezone.get_current_timezone()
    members = []
    for person in people:
        hired = (
            dt.datetime.combine(person.hire_date, dt.time(9), tzinfo=tz)
            if person.hire_date
            else start
        )
        direction = (
            directions.get(person.department.path, "") if person.department else ""
        )
        members.append(
            Member(
                person_id=person.pk,
                arrived=max(start, hired),
                expected=expected.get(person.job_role_id or 0, {}),
                pace=paces.get(direction, Pace(USUAL_PACE)),
                manager_id=person.manager_id,
            )
        )
    return members


def _targets(
    town: Organisation, campaign: Campaign, people: list[User]
) -> tuple[list[Department], list[User]]:
    departments = Department.objects.filter(organisation=town)
    if campaign.departments:
        chosen = list(departments.filter(code__in=campaign.departments))
    else:
        chosen = list(departments.filter(depth=1))
    paths = [d.path for d in chosen]
    return chosen, [
        p
        for p in people
        if p.department is not None
        and any(p.department.path.startswith(path) for path in paths)
    ]


def _run_campaign(
    town: Organisation,
    campaign: Campaign,
    courses: dict[str, CoursePage],
    people: list[User],
    rng: random.Random,
    now: dt.datetime,
) -> None:
    course = courses[campaign.course]
    departments, targets = _targets(town, campaign, people)
    directions = _direction_codes(town)
    lagging = LAGGING.get(town.slug)
    today = timezone.localdate()
    if not Assignment.objects.filter(organisation=town, course=course).exists():
        assignment = Assignment(
            organisation=town,
            course=course,
            created_by=User.objects.filter(organisation=town, is_hr_admin=True)
            .order_by("pk")
            .first(),
            due_kind=Assignment.DueKind.FIXED,
            due_date=today + dt.timedelta(days=campaign.due),
            created_at=now + dt.timedelta(days=campaign.launched),
        )
        assignment.full_clean()
        assignment.save()
        assignment.departments.set(departments)
    launched = now + dt.timedelta(days=campaign.launched)
    due = now + dt.timedelta(days=campaign.due)
    finished_by = min(due, now - dt.timedelta(days=1))
    done: list[tuple[User, dt.datetime]] = []
    started: list[tuple[User, dt.datetime]] = []
    for person in targets:
        arrived = launched
        if person.hire_date is not None:
            hired = dt.datetime.combine(
                person.hire_date, dt.time(9), tzinfo=timezone.get_current_timezone()
            )
            arrived = max(launched, hired)
        if arrived >= finished_by:
            continue
        direction = directions.get(person.department.path if person.department else "")
        if rng.random() < campaign.done * (0.8 if direction == lagging else 1):
            if rng.random() < campaign.late_share:
                end = now - dt.timedelta(days=1)
                when = _between(rng, min(due, end), end)
            else:
                when = _between(rng, arrived, finished_by)
            done.append((person, when))
        elif rng.random() < campaign.started:
            started.append((person, _between(rng, arrived, now)))
    _complete(course, done)
    _start(course, started)


def _voluntary(
    town: Organisation,
    course: CoursePage,
    people: list[User],
    rng: random.Random,
    start: dt.datetime,
    now: dt.datetime,
) -> None:
    """A few people take the open data course of their own accord."""
    done = [
        (person, _between(rng, start, now - dt.timedelta(days=1)))
        for person in people
        if rng.random() < 0.08
    ]
    _complete(course, done)
