"""Demo data of the plan, loaded by ``manage.py load_plan_demo`` (which
``load_demo`` calls by name: courses may not import reporting).

Saint-Aubin tested three digital services: online appointments at the civil
registry (scaled, shared with the network), an answering robot at the front
desk (stopped) and connected watering sensors (continued). Its local digital
plan for three years is adopted and in progress: the scaled pilot is one of its
actions, with milestones and indicator values measured over the months; the
cybersecurity action's skills gap became a recommended path. Its HR
named Ada, the information systems' digital lead, plan manager.
Idempotent: a town that already has the demo pilots is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lms.models import Department, Organisation, User
from reporting.plan import actions
from reporting.plan.models import Action, Pilot, Plan, PlanManager
from reporting.plan.queries import action_gap, courses_closing, suggested_community
from skills.models import Competence
from skills.queries import current_framework_version

TOWN = "saint-aubin"
SCALED = "Prise de rendez-vous en ligne à l'état civil"
STOPPED = "Robot conversationnel à l'accueil de la mairie"
CONTINUED = "Capteurs connectés pour l'arrosage des espaces verts"


def _department(town: Organisation, code: str) -> Department:
    """The demo chart's department, else the town's first (tests' charts)."""
    departments = Department.objects.filter(organisation=town)
    found = (
        departments.filter(code=code).first() or departments.order_by("path").first()
    )
    if found is None:
        raise ValueError(f"{town} has no department")
    return found


def _appoint_digital_lead(town: Organisation, hr: User) -> None:
    """Ada, of the information systems department, is the town's digital lead:
    HR names her plan manager (when she is there and not named yet)."""
    ada = User.objects.filter(organisation=town, username="ada", is_active=True).first()
    if ada is not None and not PlanManager.objects.filter(person=ada).exists():
        actions.appoint_plan_manager(ada, by=hr)


def _recommend_path(action: Action, hr: User) -> None:
    """The cybersecurity action's gap becomes a recommended path for its
    department (the courses of the catalogue that close it, in their order)."""
    proposed = [p.course for p in courses_closing(hr, action_gap(action))]
    if proposed:
        actions.recommend_path(action, by=hr, courses=proposed)


def _months_ago(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, 1)


@transaction.atomic
def load_demo_plan(*, today: dt.date | None = None) -> Plan | None:
    """Saint-Aubin's pilots and adopted plan; ``None`` when already there (or
    when the town, its HR account or the competence framework is missing)."""
    town = Organisation.objects.filter(slug=TOWN).first()
    version = current_framework_version()
    hr = User.objects.filter(organisation=town, is_hr_admin=True).order_by("pk").first()
    if town is None or version is None or hr is None:
        return None
    if Pilot.objects.filter(organisation=town, title=SCALED).exists():
        return None
    _appoint_digital_lead(town, hr)
    today = today or timezone.localdate()
    codes = {c.code: c for c in Competence.objects.filter(version=version)}
    registry = _department(town, "EC")
    team = list(
        User.objects.filter(
            organisation=town,
            department__path__startswith=registry.path,
            kind=User.Kind.STAFF,
            is_active=True,
        ).order_by("pk")[:6]
    )
    scaled = actions.save_pilot(
        Pilot(
            organisation=town,
            department=registry,
            title=SCALED,
            assumption=(
                "Les habitants prendront rendez-vous en ligne pour leurs papiers "
                "d'identité si le service est simple, et l'accueil passera moins de "
                "temps au téléphone."
            ),
            experiment_type=Pilot.ExperimentType.PEOPLE,
            starts_on=_months_ago(today, 14),
            ends_on=_months_ago(today, 8),
            budget=Decimal("4800"),
            indicators="Part des rendez-vous pris en ligne ; appels à l'accueil.",
        ),
        by=hr,
        team=team,
        competences=[codes["2.3"], codes["3.1"], codes["4.2"]],
    )
    actions.decide_pilot(
        scaled,
        by=hr,
        decision=Pilot.Decision.SCALE,
        results=(
            "62 % des rendez-vous pris en ligne au sixième mois ; appels à l'accueil "
            "en baisse d'un tiers. Les agents demandent une formation aux démarches "
            "en ligne accessibles."
        ),
    )
    actions.publish_practice(
        scaled,
        by=hr,
        summary=(
            "Un agenda en ligne ouvert sur les créneaux de l'état civil, annoncé sur "
            "le site et à l'accueil. Prévoir une formation des agents à "
            "l'accessibilité des démarches."
        ),
        # Discussed in the community sharing the most competences, when the
        # communities' demo is loaded (load_demo runs it first).
        community=suggested_community(hr, scaled),
    )
    stopped = actions.save_pilot(
        Pilot(
            organisation=town,
            department=_department(town, "COM"),
            title=STOPPED,
            assumption="Un robot répondra à la moitié des questions posées à l'accueil.",
            experiment_type=Pilot.ExperimentType.SOLUTION,
            starts_on=_months_ago(today, 12),
            ends_on=_months_ago(today, 9),
            budget=Decimal("3500"),
            indicators="Part des questions résolues sans agent.",
        ),
        by=hr,
        team=team[:3],
        competences=[codes["2.1"], codes["4.2"]],
    )
    actions.decide_pilot(
        stopped,
        by=hr,
        decision=Pilot.Decision.STOP,
        results="14 % des questions résolues ; les habitants préfèrent le téléphone.",
    )
    continued = actions.save_pilot(
        Pilot(
            organisation=town,
            department=_department(town, "EV"),
            title=CONTINUED,
            assumption="Des capteurs d'humidité réduiront l'eau d'arrosage d'un quart.",
            experiment_type=Pilot.ExperimentType.RESOURCES,
            starts_on=_months_ago(today, 5),
            budget=Decimal("9000"),
            indicators="Mètres cubes d'eau par saison.",
        ),
        by=hr,
        competences=[codes["5.1"], codes["1.1"]],
    )
    actions.decide_pilot(
        continued,
        by=hr,
        decision=Pilot.Decision.CONTINUE,
        results="Une saison mesurée : -18 %. À confirmer sur une deuxième saison.",
    )
    start = dt.date(today.year, 1, 1)
    plan = actions.save_plan(
        Plan(
            organisation=town,
            title=f"Plan numérique local {start.year}–{start.year + 2}",
            starts_on=start,
            ends_on=dt.date(start.year + 2, 12, 31),
            vision=(
                "Des démarches simples pour tous les habitants, des agents à l'aise "
                "avec les outils numériques et des données protégées."
            ),
        ),
        by=hr,
    )
    rdv = actions.scale_pilot(
        scaled,
        plan=plan,
        action=Action(
            title="Généraliser la prise de rendez-vous en ligne",
            department=registry,
            starts_on=start,
            ends_on=dt.date(start.year + 1, 6, 30),
            cost=Decimal("12000"),
            funding_source="Budget de fonctionnement ; France Services",
            indicator="Part des rendez-vous pris en ligne (%)",
            target=Decimal("70"),
            risk="Habitants éloignés du numérique : garder le téléphone et l'accueil.",
        ),
        competences=[codes["2.3"], codes["3.1"]],
        level=2,
    )
    cyber = actions.save_action(
        Action(
            plan=plan,
            title="Sensibiliser tous les agents à la cybersécurité",
            department=_department(town, "DRM"),
            starts_on=start,
            ends_on=dt.date(start.year + 2, 12, 31),
            cost=Decimal("6000"),
            funding_source="Plan de formation",
            indicator="Agents formés (%)",
            target=Decimal("90"),
            risk="Temps de formation pris sur le service.",
        ),
        competences=[codes["4.1"], codes["4.2"]],
        level=2,
    )
    actions.save_action(
        Action(
            plan=plan,
            title="Dématérialiser les demandes d'urbanisme",
            department=_department(town, "URB"),
            starts_on=dt.date(start.year + 1, 1, 1),
            ends_on=dt.date(start.year + 2, 6, 30),
            cost=Decimal("25000"),
            funding_source="Programme national de dématérialisation",
            indicator="Demandes déposées en ligne (%)",
            target=Decimal("80"),
            risk="Éditeur du logiciel d'instruction.",
        ),
        competences=[codes["1.3"], codes["3.1"]],
        level=2,
    )
    for title, due, done in (
        ("Agenda en ligne ouvert aux passeports", start.replace(month=2), True),
        ("Agenda ouvert aux actes d'état civil", start.replace(month=5), True),
        ("Formation des agents d'accueil", start.replace(month=12), False),
    ):
        milestone = actions.add_milestone(rdv, title=title, due_on=due)
        if done:
            actions.complete_milestone(milestone, on=due)
    for months, value in ((6, "35"), (3, "48"), (1, "55")):
        actions.record_value(
            rdv,
            by=hr,
            measured_on=_months_ago(today, months),
            value=Decimal(value),
        )
    actions.add_milestone(
        cyber,
        title="Module en ligne pour tous les agents",
        due_on=start.replace(month=9),
    )
    actions.record_value(
        cyber, by=hr, measured_on=_months_ago(today, 1), value=Decimal("30")
    )
    _recommend_path(cyber, hr)
    actions.move_plan(plan, by=hr, to=Plan.Status.SUBMITTED)
    official = User.objects.filter(organisation=town, kind=User.Kind.ELECTED).first()
    if official is not None:
        actions.comment_on(
            plan,
            by=official,
            body="Pensez aux habitants sans internet : gardons l'accueil physique.",
        )
    actions.move_plan(
        plan, by=hr, to=Plan.Status.ADOPTED, note="Délibération du conseil municipal."
    )
    return plan
