"""Demo organisations, charts and people for ``manage.py load_demo``.

Deterministic (seeded) and idempotent: everything is looked up by its natural key
(slug, code, employee number) before it is created, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lms.collections import ensure_town_collection
from lms.models import Department, JobRole, Network, Organisation, User

DEMO_PASSWORD = "demo-civicskills"  # noqa: S105 - documented demo credential

FIRST_NAMES = (
    "Camille Léa Manon Chloé Inès Jade Louise Emma Sarah Zoé Lucie Juliette Anaïs "
    "Élodie Nathalie Sophie Isabelle Claire Céline Aurélie Hélène Margaux Agathe "
    "Lucas Hugo Louis Jules Gabriel Arthur Nathan Théo Raphaël Tom Paul Antoine "
    "Julien Nicolas Thomas Mathieu Pierre François Stéphane Olivier Benoît Rémi "
    "Yanis Karim Mehdi Amina Fatou Moussa"
).split()
LAST_NAMES = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
    "Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel "
    "Girard André Lefebvre Mercier Dupont Lambert Bonnet François Martinez Legrand "
    "Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin "
    "Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Benali "
    "Diallo Nguyen"
).split()

# (code, name, kind, parent code)
CHART = [
    ("DGS", "Direction générale des services", "direction", None),
    ("COM", "Communication", "service", "DGS"),
    ("DRM", "Direction des ressources", "direction", None),
    ("RH", "Ressources humaines", "service", "DRM"),
    ("RH-PAIE", "Paie et carrières", "unit", "RH"),
    ("FIN", "Finances", "service", "DRM"),
    ("DSI", "Systèmes d'information", "service", "DRM"),
    ("DSI-SUP", "Support aux utilisateurs", "unit", "DSI"),
    ("DST", "Direction des services techniques", "direction", None),
    ("VOI", "Voirie", "service", "DST"),
    ("EV", "Espaces verts", "service", "DST"),
    ("URB", "Urbanisme", "service", "DST"),
    ("DPO", "Direction de la population", "direction", None),
    ("EC", "État civil et accueil", "service", "DPO"),
    ("CUL", "Culture et médiathèque", "service", "DPO"),
]
ROLES = [
    ("DIR", "Directeur ou directrice"),
    ("CDS", "Chef ou cheffe de service"),
    ("ACC", "Agent d'accueil"),
    ("GRH", "Gestionnaire RH"),
    ("CPT", "Comptable"),
    ("TIN", "Technicien ou technicienne informatique"),
    ("ATE", "Agent technique"),
    ("COM", "Chargé ou chargée de communication"),
    ("URB", "Instructeur ou instructrice urbanisme"),
    ("BIB", "Bibliothécaire"),
]
ROLE_FOR_DEPARTMENT = {
    "COM": "COM",
    "RH": "GRH",
    "RH-PAIE": "GRH",
    "FIN": "CPT",
    "DSI": "TIN",
    "DSI-SUP": "TIN",
    "VOI": "ATE",
    "EV": "ATE",
    "URB": "URB",
    "EC": "ACC",
    "CUL": "BIB",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    town: str
    role: str
    department: str | None = None
    job_role: str | None = None
    manager: str | None = None
    kind: str = User.Kind.STAFF
    is_hr_admin: bool = False
    is_author: bool = False
    is_superuser: bool = False
    language: str = "fr"


ACCOUNTS = [
    DemoAccount("ben", "Benoît", "Moreau", "saint-aubin", "manager", "DSI", "CDS"),
    DemoAccount(
        "ada",
        "Ada",
        "Lovelace",
        "saint-aubin",
        "learner",
        "DSI",
        "TIN",
        "ben",
        language="en",
    ),
    DemoAccount(
        "cleo",
        "Cléo",
        "Martin",
        "saint-aubin",
        "HR admin",
        "RH",
        "GRH",
        is_hr_admin=True,
    ),
    DemoAccount(
        "dev", "Dev", "Patel", "saint-aubin", "learner (Finance)", "FIN", "CPT"
    ),
    DemoAccount(
        "eli",
        "Élise",
        "Durand",
        "saint-aubin",
        "elected official",
        kind=User.Kind.ELECTED,
    ),
    DemoAccount(
        "aurore",
        "Aurore",
        "Lefèvre",
        "saint-aubin",
        "content author",
        "COM",
        "COM",
        is_author=True,
    ),
    DemoAccount(
        "hugo",
        "Hugo",
        "Garnier",
        "montval",
        "HR admin (Montval)",
        "RH",
        "GRH",
        is_hr_admin=True,
    ),
    DemoAccount(
        "admin",
        "Alex",
        "Admin",
        "saint-aubin",
        "platform admin",
        is_superuser=True,
        language="en",
    ),
]

TOWNS = [
    ("saint-aubin", "Ville de Saint-Aubin", 180),
    ("montval", "Ville de Montval", 120),
]


def ensure_chart(organisation: Organisation) -> dict[str, Department]:
    departments = {
        d.code: d for d in Department.objects.filter(organisation=organisation)
    }
    for code, name, kind, parent_code in CHART:
        if code in departments:
            continue
        node = Department(organisation=organisation, code=code, name=name, kind=kind)
        if parent_code is None:
            departments[code] = Department.add_root(instance=node)
        else:
            departments[code] = departments[parent_code].add_child(instance=node)
    return departments


def ensure_roles(organisation: Organisation) -> dict[str, JobRole]:
    return {
        code: JobRole.objects.get_or_create(
            organisation=organisation, code=code, defaults={"name": name}
        )[0]
        for code, name in ROLES
    }


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    network, _ = Network.objects.get_or_create(
        slug="val-vert", defaults={"name": "Réseau numérique du Val Vert"}
    )
    towns = {}
    for slug, name, size in TOWNS:
        town, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "network": network, "shares_indicators": True},
        )
        towns[slug] = town
        ensure_town_collection(town)
        _populate(town, size)
    _ensure_accounts(towns)
    _team_for_ben()
    return ACCOUNTS


def _populate(town: Organisation, size: int) -> None:
    departments = ensure_chart(town)
    roles = ensure_roles(town)
    rng = random.Random(town.slug)  # noqa: S311 - demo data, not security
    existing = set(
        User.objects.filter(organisation=town).values_list("employee_number", flat=True)
    )
    password = make_password(DEMO_PASSWORD)
    heads: dict[str, User] = {}
    new_people = []
    service_codes = [c for c, _, kind, _ in CHART if kind != "direction"]
    for index in range(size):
        number = f"{town.slug[:2].upper()}{index + 1:05d}"
        if index < len(CHART):
            code = CHART[index][0]
            role = "DIR" if CHART[index][2] == "direction" else "CDS"
        else:
            code = rng.choice(service_codes)
            role = ROLE_FOR_DEPARTMENT[code]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # About one in six arrived during the two years of demo history.
        recent = rng.random() < 0.17
        hire = timezone.localdate() - dt.timedelta(
            days=rng.randrange(20, 720) if recent else rng.randrange(730, 7300)
        )
        elected = index >= size - 8
        person = User(
            organisation=town,
            employee_number=number,
            username=f"{town.slug}-{number}".lower(),
            first_name=first,
            last_name=last,
            email=f"{number.lower()}@{town.slug}.example.org",
            password=password,
            kind=User.Kind.ELECTED if elected else User.Kind.STAFF,
            department=None if elected else departments[code],
            job_role=None if elected else roles[role],
            hire_date=None if elected else hire,
        )
        if index < len(CHART):
            heads[code] = person
        if number not in existing:
            new_people.append(person)
    User.objects.bulk_create(new_people)
    _link_managers(town)


def _link_managers(town: Organisation) -> None:
    """Each head reports to the head above; staff report to their department's head."""
    generated = User.objects.filter(organisation=town).exclude(
        employee_number__startswith="DEMO-"
    )
    head_by_department: dict[int, int] = dict(
        generated.filter(job_role__code__in=["DIR", "CDS"])
        .order_by("-employee_number")
        .values_list("department_id", "pk")
        .distinct()
    )
    # Read back: nodes just created in memory may hold stale tree paths, which
    # gave heads the wrong manager on a first run (and the right one on the next).
    fresh = {d.pk: d for d in Department.objects.filter(organisation=town)}
    by_path = {d.path: d for d in fresh.values()}
    changed = []
    for person in generated.filter(kind=User.Kind.STAFF):
        department = fresh[person.department_id]
        if person.pk == head_by_department.get(department.pk):
            parent = by_path.get(department.path[: -Department.steplen])
            manager_id = head_by_department.get(parent.pk) if parent else None
        else:
            manager_id = head_by_department.get(department.pk)
        if person.manager_id != manager_id:
            person.manager_id = manager_id
            changed.append(person)
    User.objects.bulk_update(changed, ["manager"])


def _team_for_ben(size: int = 5) -> None:
    """Ben leads a small team of IT technicians besides Ada, so that his team's
    pages have people to show."""
    ben = User.objects.get(username="ben")
    team = User.objects.filter(
        organisation=ben.organisation,
        department=ben.department,
        job_role__code="TIN",
        kind=User.Kind.STAFF,
    ).exclude(employee_number__startswith="DEMO-")
    chosen = list(team.order_by("employee_number").values_list("pk", flat=True)[:size])
    User.objects.filter(pk__in=chosen).exclude(manager=ben).update(manager=ben)


def _ensure_accounts(towns: dict[str, Organisation]) -> None:
    for account in ACCOUNTS:
        town = towns[account.town]
        user = User.objects.filter(username=account.username).first() or User(
            username=account.username
        )
        if user.pk:
            continue
        departments = {d.code: d for d in Department.objects.filter(organisation=town)}
        user.organisation = town
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@{town.slug}.example.org"
        user.employee_number = f"DEMO-{account.username.upper()}"
        user.kind = account.kind
        user.preferred_language = account.language
        if account.department:
            user.department = departments[account.department]
            user.job_role = JobRole.objects.get(
                organisation=town, code=account.job_role
            )
            user.hire_date = dt.date(2019, 9, 1)
        if account.manager:
            user.manager = User.objects.get(username=account.manager)
        user.is_hr_admin = account.is_hr_admin
        user.is_author = account.is_author
        user.is_superuser = user.is_staff = account.is_superuser
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
