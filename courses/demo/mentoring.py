"""Mentoring in the demo: a Montval colleague mentors Ada on 4.1 (active, two
sessions logged) and a Saint-Aubin colleague mentored Dev on 1.1 (finished,
evidence recorded for both); two more Saint-Aubin colleagues are paired on 2.1
(active), so five of the town's people are in a mentoring and the HR
dashboard's mentoring figures show (k = 5). The mentors' levels are outside assessments
recorded by their town's HR; Cléo ran the round. Idempotent: a network that
already had a round is left as it is."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.mentoring import actions
from courses.mentoring.models import Pair, Round
from lms.models import Network, User
from skills.actions import record_evidence
from skills.models import Competence, Evidence, FrameworkVersion
from skills.queries import current_framework_version


@transaction.atomic
def load_demo_mentoring() -> Round | None:
    network = Network.objects.filter(slug="val-vert").first()
    version = current_framework_version()
    if (
        network is None
        or version is None
        or Round.objects.filter(network=network).exists()
    ):
        return None
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["ada", "dev", "cleo", "hugo"])
    }
    if len(people) < 4:
        return None
    c41 = Competence.objects.get(version=version, code="4.1")
    c11 = Competence.objects.get(version=version, code="1.1")
    montval_mentor = _staff("montval", skip=people)
    town_mentor = _staff("saint-aubin", skip=people)
    if montval_mentor is None or town_mentor is None:
        return None
    pairs = [
        (montval_mentor, people["hugo"], c41),
        (town_mentor, people["cleo"], c11),
    ]
    mentees = [(people["ada"], c41, 3), (people["dev"], c11, 2)]
    second = _second_pair(people, town_mentor, version)
    if second is not None:
        mentor, mentee, c21 = second
        pairs.append((mentor, people["cleo"], c21))
        mentees.append((mentee, c21, 3))
    for mentor, hr, competence in pairs:
        record_evidence(
            mentor,
            competence=competence,
            level=4,
            source=Evidence.Source.IMPORT,
            recorded_by=hr,
            source_ref="demo: Pix certification",
        )
        actions.save_profile(
            mentor, languages=["fr", "en"], availability="Jeudi après-midi", capacity=2
        )
        actions.opt_in(mentor, competence=competence, role="mentor")
    for mentee, competence, target in mentees:
        actions.save_profile(
            mentee, languages=["en", "fr"] if mentee.username == "ada" else ["fr"]
        )
        actions.opt_in(
            mentee, competence=competence, role="mentee", target_level=target
        )
    round_ = actions.run_round(network, by=people["cleo"])
    today = timezone.localdate()
    for pair in Pair.objects.filter(round=round_).select_related("mentor", "mentee"):
        # As if the round had run ten weeks ago (demo only).
        Pair.objects.filter(pk=pair.pk).update(
            started_at=timezone.now() - dt.timedelta(weeks=10),
            goal="Savoir sécuriser son poste et ses comptes."
            if pair.competence_id == c41.pk
            else "Trouver et évaluer des données ouvertes pour un projet."
            if pair.competence_id == c11.pk
            else "Animer une réunion à distance sans perdre personne.",
        )
        pair.refresh_from_db()
        for weeks, topic in (
            (8, "Premier échange : objectifs"),
            (4, "Mise en pratique"),
        ):
            actions.log_session(
                pair,
                by=pair.mentee,
                date=today - dt.timedelta(weeks=weeks),
                minutes=60,
                topic=topic,
            )
        if pair.competence_id == c11.pk:
            actions.finish(pair, by=pair.mentor, level_reached=2)
    return round_


def _second_pair(
    people: dict[str, User], town_mentor: User, version: FrameworkVersion
) -> tuple[User, User, Competence] | None:
    """Two more Saint-Aubin colleagues (neither a persona nor the first
    mentor) for a pair on 2.1, or None in a town too small for them."""
    skip = {**people, "mentor": town_mentor}
    mentor = _staff("saint-aubin", skip=skip)
    if mentor is None:
        return None
    mentee = _staff("saint-aubin", skip={**skip, "second": mentor})
    if mentee is None:
        return None
    return mentor, mentee, Competence.objects.get(version=version, code="2.1")


def _staff(town: str, *, skip: dict[str, User]) -> User | None:
    """The town's first member of staff who is not a named demo persona."""
    return (
        User.objects.filter(
            organisation__slug=town, kind=User.Kind.STAFF, is_active=True
        )
        .exclude(pk__in=[u.pk for u in skip.values()])
        .exclude(is_hr_admin=True)
        .order_by("pk")
        .first()
    )
