"""A synthetic network of opted-in people for tests and the matching bench.

People spread over ``towns`` towns; each has a mentoring profile (one to three
languages, a town preference, a capacity) and opts in as a mentor (about 40 %)
or a mentee on one or two DigComp competences. Mentors' levels come from
evidence of mixed trust: most verified (a manager's validation or an outside
assessment), some self-assessed only, so that the round must tell them apart.
Seeded: the same arguments give the same rows.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from courses.mentoring.models import MentoringProfile, OptIn
from lms.models import Network, Organisation, User
from skills.actions import load_digcomp, rebuild_snapshots
from skills.models import Competence, Evidence

LANGUAGE_MIX = [("fr",), ("fr",), ("fr", "en"), ("en",), ("fr", "es"), ("fr", "wo")]
PREFERENCES = ["any", "any", "any", "same", "other"]


@transaction.atomic
def seed_network(
    *,
    slug: str,
    people: int,
    towns: int = 4,
    competences: int = 6,
    snapshots: bool = False,
) -> Network:
    """A network ``slug`` of ``towns`` towns and ``people`` opted-in people."""
    rng = random.Random(f"mentoring-{slug}-{people}-{towns}")  # noqa: S311
    version = load_digcomp()
    pool = list(Competence.objects.filter(version=version).order_by("code"))[
        :competences
    ]
    network = Network.objects.create(name=f"Network {slug}", slug=slug)
    places = [
        Organisation.objects.create(
            name=f"{slug} town {n}", slug=f"{slug}-town-{n}", network=network
        )
        for n in range(towns)
    ]
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                username=f"{slug}-{n}",
                first_name=f"Person{n}",
                last_name=slug.title(),
                email=f"{slug}-{n}@example.org",
                employee_number=f"M{n}",
                organisation=places[n % towns],
                password=password,
            )
            for n in range(people)
        ],
        batch_size=1000,
    )
    profiles, opt_ins, evidence = [], [], []
    now = timezone.now()
    for user in users:
        profiles.append(
            MentoringProfile(
                person=user,
                languages=list(rng.choice(LANGUAGE_MIX)),
                town_preference=rng.choice(PREFERENCES),
                capacity=rng.choice([1, 1, 2, 3]),
                availability="",
            )
        )
        chosen = rng.sample(pool, rng.choice([1, 1, 2]))
        if rng.random() < 0.4:
            for competence in chosen:
                opt_ins.append(OptIn(person=user, competence=competence, role="mentor"))
                level = rng.choice([1, 2, 3, 3, 4, 4])
                trust = rng.choice(["manager", "import", "import", "self"])
                evidence.append(
                    Evidence(
                        person=user,
                        competence=competence,
                        level=level,
                        source=trust,
                        trust=trust,
                        observed_at=now - dt.timedelta(days=rng.randint(1, 400)),
                    )
                )
        else:
            for competence in chosen:
                opt_ins.append(
                    OptIn(
                        person=user,
                        competence=competence,
                        role="mentee",
                        target_level=rng.choice([1, 2, 2, 3, 3, 4]),
                    )
                )
    MentoringProfile.objects.bulk_create(profiles, batch_size=1000)
    OptIn.objects.bulk_create(opt_ins, batch_size=1000)
    Evidence.objects.bulk_create(evidence, batch_size=1000)
    if snapshots:
        for town in places:
            rebuild_snapshots(organisation=town)
    return network
