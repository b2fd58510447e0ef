"""One Wagtail collection per town for its images and documents, and one shared
collection every town may use but only platform admins fill.

Wagtail's collection permission policy decides what the images and documents
admin (listings, edit, delete, usage, choosers, multiple upload) shows, from
``GroupCollectionPermission`` rows. Each town's author group
(``courses.authoring``) and HR group (here) hold add, change and choose on their
own town's collection and choose on the shared one; Wagtail counts "change" as
allowing deletion. Nobody holds a permission on the root collection, so nothing
there reaches across towns; platform admins (superusers) need none.

Every town collection, the shared one and the root carry a "signed-in people
only" view restriction, so Wagtail never serves a document anonymously; which
signed-in people may download which document is decided when it is served
(``courses.documents``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.models import GroupCollectionPermission as Grant

from lms.models import Organisation, User
from lms.role_groups import role_group_name, sync_role_group

# Data, not an interface string: one bilingual name, shown as is in both languages.
SHARED_COLLECTION_NAME = "Partagé / Shared"
TOWN_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)
SHARED_PERMISSIONS = (
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "choose_image"),
)


HR_PREFIX = "HR — "


def hr_group_name(organisation: Organisation) -> str:
    return role_group_name(HR_PREFIX, organisation)


def _permissions(pairs: tuple[tuple[str, str], ...]) -> list[Permission]:
    condition = Q(pk__in=[])
    for app_label, codename in pairs:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(condition))


def _require_sign_in(collection: Collection) -> None:
    CollectionViewRestriction.objects.get_or_create(
        collection=collection,
        restriction_type=CollectionViewRestriction.LOGIN,
    )


def root_collection() -> Collection:
    root = Collection.get_first_root_node()
    if root is None:
        root = Collection.add_root(name="Root")
    _require_sign_in(root)
    return root


@transaction.atomic
def shared_collection() -> Collection:
    """The collection of images and documents every town may choose from."""
    root = root_collection()
    shared = (
        Collection.objects.child_of(root).filter(name=SHARED_COLLECTION_NAME).first()
    )
    if shared is None:
        shared = root.add_child(instance=Collection(name=SHARED_COLLECTION_NAME))
    _require_sign_in(shared)
    return shared


def _town_collection(organisation: Organisation) -> Collection:
    collection = organisation.collection
    if collection is None:
        collection = root_collection().add_child(
            instance=Collection(name=organisation.name)
        )
        organisation.collection = collection
        organisation.save(update_fields=["collection"])
    _require_sign_in(collection)
    return collection


@transaction.atomic
def ensure_town_collection(organisation: Organisation) -> Collection:
    """Set up the town's collection, its HR group and the shared collection.

    Called where towns are created (the demo, the test personas, the admin) and
    before any group is given rights on the town's collection, so a town always
    has one by the time someone may use it. Safe to call again.
    """
    collection = _town_collection(organisation)
    ensure_hr_group(organisation)
    return collection


def grant_town_media(group: Group, organisation: Organisation) -> None:
    """Make ``group``'s collection permissions exactly: add, change and choose on
    the town's collection, choose on the shared one (any other is removed)."""
    town = _town_collection(organisation)
    shared = shared_collection()
    wanted = {
        (town.pk, permission.pk) for permission in _permissions(TOWN_PERMISSIONS)
    } | {(shared.pk, permission.pk) for permission in _permissions(SHARED_PERMISSIONS)}
    held = set(
        Grant.objects.filter(group=group).values_list("collection_id", "permission_id")
    )
    for collection_id, permission_id in held - wanted:
        Grant.objects.filter(
            group=group, collection_id=collection_id, permission_id=permission_id
        ).delete()
    Grant.objects.bulk_create(
        Grant(group=group, collection_id=collection_id, permission_id=permission_id)
        for collection_id, permission_id in wanted - held
    )


def ensure_hr_group(organisation: Organisation) -> Group:
    """The group through which the town's HR admins use its images and documents;
    its members are exactly the town's active HR admins."""
    group, _ = Group.objects.get_or_create(name=hr_group_name(organisation))
    grant_town_media(group, organisation)
    group.user_set.set(
        User.objects.filter(organisation=organisation, is_hr_admin=True, is_active=True)
    )
    return group


def sync_hr_membership(
    user: User, *, created: bool = False, update_fields: Any = None
) -> None:
    """Keep a person's HR group in step with their ``is_hr_admin`` flag and town."""
    missing = sync_role_group(
        user,
        flag="is_hr_admin",
        prefix=HR_PREFIX,
        created=created,
        update_fields=update_fields,
    )
    if missing:
        ensure_town_collection(user.organisation)  # creates it, with this person


def town_of_collection(collection: Collection) -> Organisation | None:
    """The town whose collection is ``collection`` or one of its ancestors."""
    return Organisation.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).first()
