"""Give each town's content authors Wagtail page permissions on their own subtree,
and rights on their own town's images and documents (``lms.collections``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale

from courses.models import OrganisationCataloguePage
from lms.collections import grant_town_media
from lms.models import Organisation, User
from lms.role_groups import role_group_name, sync_role_group

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "delete_page")


AUTHOR_PREFIX = "Authors — "


def author_group_name(organisation: Organisation) -> str:
    return role_group_name(AUTHOR_PREFIX, organisation)


@transaction.atomic
def ensure_author_group(section: OrganisationCataloguePage) -> Group:
    """The group whose members may write courses under ``section`` only, in
    every content language: the section's translations (made here) are theirs
    too, so they may translate their own courses with Wagtail's "Translate"."""
    group, _ = Group.objects.get_or_create(name=author_group_name(section.organisation))
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="simple_translation",
            codename="submit_translation",
        ),
    )
    for page in ensure_section_translations(section):
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
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


def ensure_section_translations(
    section: OrganisationCataloguePage,
) -> list[OrganisationCataloguePage]:
    """The section in every content language, its own first.

    A translation of a course goes under the section's translation, so each one
    exists beforehand (an alias of the section, and of the catalogue above it,
    which Wagtail keeps in step with the original).
    """
    sections = [section]
    for locale in Locale.objects.exclude(pk=section.locale_id):
        translated = section.get_translation_or_none(locale)
        if translated is None:
            translated = section.copy_for_translation(
                locale, copy_parents=True, alias=True
            )
        sections.append(translated)
    return sections


def sync_author_membership(
    user: User, *, created: bool = False, update_fields: Any = None
) -> None:
    """Keep a person's author group in step with their ``is_author`` flag and
    town; the group itself comes with the town's catalogue section."""
    sync_role_group(
        user,
        flag="is_author",
        prefix=AUTHOR_PREFIX,
        created=created,
        update_fields=update_fields,
    )
