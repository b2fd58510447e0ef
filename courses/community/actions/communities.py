"""Writes of communities and their members: preferences, new communities,
joining, moderators.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from courses.community.actions.common import _trail
from courses.community.models import (
    Community,
    Membership,
    ModerationEntry,
    Preference,
)
from courses.community.queries import (
    communities_visible_to,
    is_moderator,
    may_speak_for_town,
)
from lms.models import Organisation, User
from skills.models import Competence

# --- preferences and membership --------------------------------------------


@transaction.atomic
def save_preference(person: User, *, helps_network: bool, delivery: str) -> Preference:
    preference = Preference.objects.filter(person=person).first() or Preference(
        person=person
    )
    preference.helps_network = helps_network
    preference.delivery = delivery
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def create_community(
    creator: User,
    *,
    organisation: Organisation,
    name: str,
    description: str = "",
    scope: str = Community.Scope.NETWORK,
    competences: Iterable[Competence] = (),
) -> Community:
    """HR of the town (or a platform admin) opens a community; they moderate it."""
    if not may_speak_for_town(creator, organisation):
        raise PermissionDenied(_("Only HR of the town opens its communities."))
    community = Community(
        organisation=organisation,
        name=name.strip(),
        description=description.strip(),
        scope=scope,
    )
    community.full_clean()
    community.save()
    community.competences.set(list(competences))
    membership = Membership(
        community=community, person=creator, role=Membership.Role.MODERATOR
    )
    membership.full_clean()
    membership.save()
    return community


@transaction.atomic
def join(person: User, community: Community) -> Membership:
    """Join a community the person may see (idempotent)."""
    if not communities_visible_to(person).filter(pk=community.pk).exists():
        raise PermissionDenied(_("This community is not open to you."))
    membership, _created = Membership.objects.get_or_create(
        community=community, person=person
    )
    return membership


@transaction.atomic
def make_moderator(actor: User, membership: Membership) -> Membership:
    community = membership.community
    if not is_moderator(actor, community):
        raise PermissionDenied(_("Only a moderator names moderators."))
    membership.role = Membership.Role.MODERATOR
    membership.full_clean()
    membership.save()
    _trail(
        community, actor, ModerationEntry.Action.MODERATOR, note=str(membership.person)
    )
    return membership
