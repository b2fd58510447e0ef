"""The practices towns share and the communities of practice where they
are discussed."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Value

from courses.community.models import Community
from courses.community.queries import communities_visible_to
from lms.models import Organisation, User
from reporting.plan.models import (
    Pilot,
    Practice,
)
from reporting.plan.queries.access import (
    may_read_plans,
)

# --- practices and the communities of practice ---------------------------------
#
# A practice names the community where it is discussed. The community app sits
# below reporting (courses may not import reporting), so this side reads the
# communities through ``courses.community.queries``, and the community page
# gets the practices of its theme through the panel registered in
# ``PlanConfig.ready`` (``courses.community.panels``).


def communities_for_practice(user: User, pilot: Pilot) -> QuerySet[Community]:
    """Communities a practice of ``pilot`` may name: those the publisher sees
    that every town of the network can read (open to the network, in the
    pilot's town's network) or, for a town without a network, the town's own.
    Those sharing the most competences with the pilot come first
    (``shared`` counts them)."""
    visible = communities_visible_to(user).filter(organisation__isnull=False)
    network_id = pilot.organisation.network_id
    if network_id is None:
        visible = visible.filter(organisation_id=pilot.organisation_id)
    else:
        visible = visible.filter(
            scope=Community.Scope.NETWORK, organisation__network_id=network_id
        )
    competence_ids = list(pilot.competences.values_list("pk", flat=True))
    shared = (
        Count("competences", filter=Q(competences__in=competence_ids), distinct=True)
        if competence_ids
        else Value(0)
    )
    return visible.annotate(shared=shared).order_by("-shared", "name", "pk")


def suggested_community(user: User, pilot: Pilot) -> Community | None:
    """The community sharing the most competences with the pilot (at least one)."""
    best = communities_for_practice(user, pilot).first()
    return best if best is not None and getattr(best, "shared", 0) > 0 else None


def visible_community_ids(user: User, practices: list[Practice]) -> set[int]:
    """Of the communities the practices name, those ``user`` may read (one
    query): a link is shown only to a community its reader can open."""
    ids = {p.community_id for p in practices if p.community_id}
    if not ids:
        return set()
    return set(
        communities_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )


def practices_of_community(user: User, community: Community) -> QuerySet[Practice]:
    """Practices that name ``community``, published by the reader's town or a
    town of the reader's network: a practice of another network is never
    shown, whatever community it names. The caller has checked that ``user``
    may read the community."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return Practice.objects.none()
    # The reader's network as a subquery: no round trip of its own.
    network = Organisation.objects.filter(
        pk=user.organisation_id, network__isnull=False
    ).values("network_id")
    own = Q(organisation_id=user.organisation_id) | Q(
        organisation__network_id__in=network
    )
    return (
        Practice.objects.filter(own, community=community)
        .select_related("pilot", "organisation")
        .order_by("-published_at", "-pk")
    )


def community_practices_panel(user: User, community: Community) -> dict[str, object]:
    """What the community page shows of the practices of its theme."""
    return {
        "practices": list(practices_of_community(user, community)),
        "may_read_plans": may_read_plans(user),
    }
