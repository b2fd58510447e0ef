"""A synthetic organisation for benchmarks: people, a chart, expectations and
months of evidence whose levels drift upwards, as training would make them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lms.models import Department, JobRole, Organisation, User
from skills.actions import load_digcomp
from skills.models import Competence, Evidence, RoleExpectation
from skills.rules import TRUST_OF_SOURCE

SOURCES = ["self", "course", "quiz", "manager", "h5p", "scorm"]


@transaction.atomic
def seed_organisation(
    *, people: int, months: int, slug: str = "synthetic"
) -> Organisation:
    rng = random.Random(f"{slug}-{people}-{months}")  # noqa: S311 - synthetic data
    version = load_digcomp()
    competences = list(Competence.objects.filter(version=version).order_by("code"))
    town = Organisation.objects.create(name=f"Synthetic {people}", slug=slug)
    departments = []
    for d in range(6):
        direction = Department.add_root(
            instance=Department(
                organisation=town, code=f"D{d}", name=f"Direction {d}", kind="direction"
            )
        )
        departments.append(direction)
        for s in range(5):
            departments.append(
                direction.add_child(
                    instance=Department(
                        organisation=town, code=f"D{d}S{s}", name=f"Service {d}.{s}"
                    )
                )
            )
    roles = JobRole.objects.bulk_create(
        [JobRole(organisation=town, code=f"R{r}", name=f"Role {r}") for r in range(12)]
    )
    RoleExpectation.objects.bulk_create(
        [
            RoleExpectation(
                job_role=role, competence=competence, level=rng.randint(1, 3)
            )
            for role in roles
            for competence in competences
        ]
    )
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=f"{slug}-{i:06d}",
                organisation=town,
                employee_number=f"S{i:06d}",
                first_name="Agent",
                last_name=f"{i:06d}",
                password=password,
                department=rng.choice(departments),
                job_role=rng.choice(roles),
                hire_date=dt.date(2015, 1, 1),
            )
            for i in range(people)
        ],
        batch_size=5000,
    )
    now = timezone.now()
    start = now - dt.timedelta(days=30 * months)
    person_ids = list(
        User.objects.filter(organisation=town).values_list("pk", flat=True)
    )
    batch: list[Evidence] = []
    for person_id in person_ids:
        for competence in competences:
            level = rng.randint(1, 2)
            when = start + dt.timedelta(days=rng.randint(0, 60))
            for _ in range(rng.randint(1, 3)):
                source = rng.choice(SOURCES)
                batch.append(
                    Evidence(
                        person_id=person_id,
                        competence=competence,
                        level=level,
                        source=source,
                        trust=TRUST_OF_SOURCE[source],
                        observed_at=when,
                        recorded_at=when,
                    )
                )
                level = min(4, level + rng.choice([0, 0, 1]))
                when += dt.timedelta(days=rng.randint(60, 30 * months // 2))
                if when > now:
                    break
        if len(batch) >= 20000:
            Evidence.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Evidence.objects.bulk_create(batch, batch_size=5000)
    return town


@dataclass(frozen=True)
class Pace:
    """How fast a group of people learns: the chance, each month, that one of a
    person's competences moves up a level; ``after`` from ``change`` on (a
    training plan that starts, or one that stalls)."""

    before: float
    after: float | None = None
    change: dt.datetime | None = None

    def at(self, when: dt.datetime) -> float:
        if self.after is None or self.change is None or when < self.change:
            return self.before
        return self.after


@dataclass(frozen=True)
class Member:
    """One person of a synthetic history: when they arrived (history start for
    those already there), what their job role expects (competence id → level),
    who validates their levels, and their group's pace."""

    person_id: int
    arrived: dt.datetime
    expected: dict[int, int]
    pace: Pace
    manager_id: int | None = None


def evidence_history(
    members: Iterable[Member],
    *,
    end: dt.datetime,
    rng: random.Random,
    top: int = 4,
    review_every: int = 12,
) -> list[Evidence]:
    """A realistic ledger, month by month, as unsaved ``Evidence`` rows (for
    ``bulk_create``), each with the trust its source has under ``skills.rules``:

    - on arrival, a self-assessment of each expected competence, often a level
      under what the job expects;
    - each month, with the group's pace, a platform-scored quiz result one level
      above the person's current level on one competence (gaps first);
    - now and then, a new self-assessment (people rate themselves a little high);
    - every ``review_every`` months after arrival, the yearly review: the manager
      validates the person's current level on each expected competence.
    """
    rows: list[Evidence] = []
    for member in members:
        codes = sorted(member.expected)
        if not codes:
            continue
        level = {
            c: max(1, min(top, member.expected[c] - rng.choice([0, 1, 1, 2])))
            for c in codes
        }
        when = member.arrived + dt.timedelta(days=rng.randint(1, 40))
        if when > end:
            continue
        for code in codes:
            rows.append(_evidence(member, code, level[code], "self", when))
        month = 0
        while True:
            month += 1
            when = member.arrived + dt.timedelta(
                days=30 * month + rng.randint(0, 27), hours=rng.randint(8, 17)
            )
            if when > end:
                break
            if rng.random() < member.pace.at(when):
                gaps = [c for c in codes if level[c] < member.expected[c]]
                open_ = [c for c in codes if level[c] < top]
                pool = gaps or open_
                if pool:
                    code = rng.choice(pool)
                    level[code] += 1
                    rows.append(_evidence(member, code, level[code], "quiz", when))
            if rng.random() < 0.04:
                code = rng.choice(codes)
                claimed = min(top, level[code] + rng.choice([0, 0, 1]))
                rows.append(_evidence(member, code, claimed, "self", when))
            if member.manager_id and month % review_every == 0:
                for code in codes:
                    rows.append(_evidence(member, code, level[code], "manager", when))
    return rows


def _evidence(
    member: Member, competence_id: int, level: int, source: str, when: dt.datetime
) -> Evidence:
    return Evidence(
        person_id=member.person_id,
        competence_id=competence_id,
        level=level,
        source=source,
        trust=TRUST_OF_SOURCE[source],
        recorded_by_id=member.manager_id
        if source == "manager"
        else member.person_id
        if source == "self"
        else None,
        source_ref="synthetic",
        observed_at=when,
        recorded_at=when,
    )
