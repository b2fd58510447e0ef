"""Give each town's content authors Wagtail page permissions on their own subtree,
and rights on their own town's images and documents (``lms.collections``)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from courses.models import OrganisationCataloguePage
from lms.collections import grant_town_media
from lms.models import Organisation, User

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "delete_page")


def author_group_name(organisation: Organisation) -> str:
    return f"Authors — {organisation.slug}"


@transaction.atomic
def ensure_author_group(section: OrganisationCataloguePage) -> Group:
    """The group whose members may write courses under ``section`` only."""
    group, _ = Group.objects.get_or_create(name=author_group_name(section.organisation))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=section,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    grant_town_media(group, section.organisation)
    for author in User.objects.filter(
        organisation=section.organisation, is_author=True
    ):
        author.groups.add(group)
    return group


def sync_author_membership(user: User) -> None:
    """Keep a person's author group in step with their ``is_author`` flag."""
    if user.organisation_id is None:
        return
    group = Group.objects.filter(name=author_group_name(user.organisation)).first()
    if group is None:
        return
    if user.is_author and user.is_active:
        user.groups.add(group)
    else:
        user.groups.remove(group)
