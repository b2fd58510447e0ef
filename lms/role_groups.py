"""Town role groups (authors, HR admins) kept in step with a person's role flag.

Wagtail grants page and collection rights through groups; each town has one
group per role, named ``"<prefix><town slug>"``. A person belongs to their own
town's group for a role while they hold its flag and are active, and to no other
town's (moving someone to another town takes the old town's rights away).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group

from lms.models import User

SYNCED_FIELDS = frozenset({"is_hr_admin", "is_author", "is_active", "organisation"})


def role_group_name(prefix: str, organisation: object) -> str:
    return f"{prefix}{organisation.slug}"  # type: ignore[attr-defined]


def sync_role_group(
    user: User,
    *,
    flag: str,
    prefix: str,
    created: bool = False,
    update_fields: Iterable[str] | None = None,
) -> bool:
    """Put ``user`` in their town's ``prefix`` group if they hold ``flag``, and
    take them out of every other town's. Returns ``True`` when they should be in
    their town's group but it does not exist yet (the caller creates it).

    Saves that touch none of the synced fields (a sign-in's ``last_login``) and
    new people without the role cost no query.
    """
    if update_fields is not None and not SYNCED_FIELDS & set(update_fields):
        return False
    has_role = bool(getattr(user, flag)) and user.is_active and user.organisation_id
    if created and not has_role:
        return False
    groups = Group.objects.filter(name__startswith=prefix)
    held = list(user.groups.filter(pk__in=groups))
    own = None
    if has_role:
        own = groups.filter(name=role_group_name(prefix, user.organisation)).first()
    user.groups.remove(*[group for group in held if group != own])
    if own is not None and own not in held:
        user.groups.add(own)
    return bool(has_role) and own is None
