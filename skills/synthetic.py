"""A synthetic organisation for benchmarks: people, a chart, expectations and
months of evidence whose levels drift upwards, as training would make them."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lms.models import Department, JobRole, Organisation, User
from skills.actions import load_digcomp
from skills.models import Competence, Evidence, RoleExpectation

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
                batch.append(
                    Evidence(
                        person_id=person_id,
                        competence=competence,
                        level=level,
                        source=rng.choice(SOURCES),
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
