"""Communities of the demo: Montval's open-data community and Saint-Aubin's
cybersecurity one, both open to the network. A Montval officer asked the
network how to publish opening hours as open data; a Saint-Aubin colleague who
offers their help, with a verified level of 3 or more, answered; the answer was
accepted (peer evidence for them) and Hugo turned it into a practice sheet.
Montval also posted a challenge and recorded a call with Saint-Aubin, and six
Saint-Aubin colleagues talked in the cybersecurity community over the last
three months, so the HR dashboard's peer-learning figures describe at least
five people (k) and show. Idempotent: nothing is added once the open-data community exists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from courses.community import actions
from courses.community.models import Community, Post, Preference, Thread
from courses.community.queries import VERIFIED
from lms.demo import ACCOUNTS
from lms.models import Organisation, User
from skills.actions import record_evidence
from skills.models import Competence, Evidence
from skills.queries import current_framework_version
from skills.rules import Fact, current_level

OPEN_DATA = "Données ouvertes"
CYBER = "Cybersécurité au quotidien"
QUESTION = "Publier les horaires des équipements en open data"


@transaction.atomic
def load_demo_community() -> Community | None:
    version = current_framework_version()
    towns = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=["saint-aubin", "montval"])
    }
    if version is None or len(towns) < 2:
        return None
    montval, saint_aubin = towns["montval"], towns["saint-aubin"]
    if Community.objects.filter(organisation=montval, name=OPEN_DATA).exists():
        return None
    competences = {c.code: c for c in Competence.objects.filter(version=version)}
    hugo = User.objects.get(username="hugo")
    cleo = User.objects.get(username="cleo")
    asker = (
        User.objects.filter(
            organisation=montval,
            kind=User.Kind.STAFF,
            is_hr_admin=False,
            is_active=True,
        )
        .exclude(username="hugo")
        .order_by("pk")
        .first()
    )
    if asker is None:
        return None
    open_data = actions.create_community(
        hugo,
        organisation=montval,
        name=OPEN_DATA,
        description=(
            "Publier, documenter et faire vivre les données de la ville : "
            "formats, licences, portails."
        ),
        competences=[competences["1.3"], competences["3.3"]],
    )
    cyber = actions.create_community(
        cleo,
        organisation=saint_aubin,
        name=CYBER,
        description="Les bons réflexes face au hameçonnage, aux mots de passe et aux mises à jour.",
        competences=[competences["4.1"], competences["4.2"]],
    )
    helper = _helper(saint_aubin, competences["1.3"])
    actions.save_preference(
        asker, helps_network=False, delivery=Preference.Delivery.WEEKLY
    )
    thread = actions.start_thread(
        asker,
        open_data,
        kind="question",
        title=QUESTION,
        body=(
            "Nous voulons publier les horaires de nos bibliothèques et piscines. "
            "Quel format, quelle licence, et comment les tenir à jour ?"
        ),
        competence=competences["1.3"],
        needed_level=3,
        asks_network=True,
    )
    answer = actions.reply(
        helper,
        thread,
        body=(
            "Nous l’avons fait l’an dernier :\n"
            "1. un fichier CSV au schéma national des horaires d’équipements ;\n"
            "2. la Licence Ouverte 2.0 ;\n"
            "3. une mise à jour automatique chaque nuit depuis l’agenda des services."
        ),
    )
    actions.accept_answer(asker, answer)
    actions.make_practice_sheet(
        hugo,
        answer,
        title="Publier des horaires d’équipements en open data",
        body=(
            "Format : CSV selon le schéma national des horaires.\n"
            "Licence : Licence Ouverte 2.0.\n"
            "Mise à jour : export nocturne depuis l’agenda des services."
        ),
    )
    discussion = actions.start_thread(
        cleo,
        cyber,
        kind="discussion",
        title="Vos campagnes de faux hameçonnage : quels résultats ?",
        body="Nous lançons notre première campagne en mars. Des retours d’expérience ?",
    )
    actions.reply(
        hugo,
        discussion,
        body="Deux campagnes à Montval : le taux de clics est passé de 18 % à 7 %.",
    )
    actions.reply(
        helper, discussion, body="Pensez à prévenir le support avant l’envoi."
    )
    challenge = actions.post_challenge(
        hugo,
        organisation=montval,
        title="Ouvrir nos données budgétaires",
        body="Publier le budget primitif et le compte administratif en données ouvertes.",
        competences=[competences["1.3"]],
    )
    actions.record_exchange(
        hugo,
        challenge,
        with_organisation=saint_aubin,
        kind="call",
        happened_on=timezone.localdate() - dt.timedelta(days=7),
        outcome="Saint-Aubin partage son script d’export et son modèle de fiche de métadonnées.",
    )
    _town_conversations(cyber, saint_aubin, skip=[cleo, helper])
    return open_data


# Three months of talk in Saint-Aubin's community: (months ago, kind, title,
# opening post, replies). The author is the first colleague, each reply the next.
CONVERSATIONS = (
    (
        3,
        "question",
        "Un courriel du « service informatique » demande mon mot de passe",
        "Il vient d’une adresse en .com et semble urgent. Que faire ?",
        (
            "Ne réponds pas et ne clique sur rien : c’est du hameçonnage.",
            "Transfère-le à l’adresse de signalement du support, puis supprime-le.",
            "Le vrai service informatique ne demande jamais de mot de passe.",
            "J’ai reçu le même hier, je l’ai signalé aussi.",
        ),
    ),
    (
        2,
        "discussion",
        "Gestionnaire de mots de passe : vos retours après un mois",
        "Nous l’utilisons à l’accueil depuis un mois. Qu’en pensez-vous ?",
        (
            "Plus besoin du carnet dans le tiroir, c’est déjà une victoire.",
            "La saisie automatique sur le portail des marchés ne marche pas toujours.",
            "Astuce : une phrase de passe pour le coffre, plus facile à retenir.",
            "Nous l’avons adopté aux finances, tout le monde suit.",
        ),
    ),
    (
        1,
        "question",
        "Clé USB trouvée dans la salle du conseil",
        "Quelqu’un l’a oubliée après la séance. Puis-je l’ouvrir pour trouver à qui elle est ?",
        (
            "Surtout pas : remets-la au support, qui l’analyse sur un poste isolé.",
            "C’est l’exemple même du module 3 de la formation cybersécurité.",
            "Le secrétariat du conseil tient la liste des présents, demande-leur.",
            "Merci, je l’ai déposée au support ce matin.",
        ),
    ),
)


def _town_conversations(
    community: Community, town: Organisation, *, skip: list[User]
) -> None:
    """Six colleagues of ``town`` (never Ada, HR or those in ``skip``) post in
    ``community`` over the last three months; the first question's clearest
    answer is accepted. Nothing is added in a town of fewer than six."""
    people = list(
        User.objects.filter(
            organisation=town,
            kind=User.Kind.STAFF,
            is_active=True,
            is_hr_admin=False,
        )
        .exclude(username="ada")
        .exclude(pk__in=[p.pk for p in skip])
        .order_by("pk")[:6]
    )
    if len(people) < 6:
        return
    now = timezone.now()
    for number, (months_ago, kind, title, body, replies) in enumerate(CONVERSATIONS):
        voices = people[number:] + people[:number]
        thread = actions.start_thread(
            voices[0], community, kind=kind, title=title, body=body
        )
        posts = [
            actions.reply(voices[1 + i], thread, body=text)
            for i, text in enumerate(replies)
        ]
        when = now - dt.timedelta(days=30 * months_ago)
        # As if written then (demo only): a reply every few hours.
        Thread.objects.filter(pk=thread.pk).update(created_at=when)
        for hours, post in enumerate(thread.posts.order_by("pk")):
            Post.objects.filter(pk=post.pk).update(
                created_at=when + dt.timedelta(hours=3 * hours)
            )
        if kind == "question":
            actions.accept_answer(voices[0], posts[0])


def _helper(town: Organisation, competence: Competence) -> User:
    """A person of ``town`` who offers help on ``competence`` with a level of 3
    or more on verified evidence: a demo account if one qualifies from the
    history, else anyone who does, else a person whose manager validates it.
    Never Ada: her own story (gaps a course closes) stays as it is."""
    facts: dict[int, list[Fact]] = defaultdict(list)
    for e in Evidence.objects.filter(
        competence=competence, person__organisation=town, person__is_active=True
    ):
        facts[e.person_id].append(
            Fact(e.level, e.source, e.observed_at, e.expires_at, e.pk, e.trust)
        )
    now = timezone.now()
    qualified = {
        pk
        for pk, rows in facts.items()
        if (decision := current_level(rows, now)).reason in VERIFIED
        and decision.level >= 3
    }
    staff = list(
        User.objects.filter(organisation=town, kind=User.Kind.STAFF, is_active=True)
        .exclude(username="ada")
        .order_by("pk")
    )
    demo = {account.username for account in ACCOUNTS}
    staff.sort(key=lambda p: p.username not in demo)
    helper = next((p for p in staff if p.pk in qualified), None)
    if helper is None:
        helper = next(p for p in staff if p.manager_id)
        record_evidence(
            helper,
            competence=competence,
            level=3,
            source=Evidence.Source.MANAGER,
            recorded_by=helper.manager,
        )
    actions.save_preference(
        helper, helps_network=True, delivery=Preference.Delivery.DAILY
    )
    return helper
