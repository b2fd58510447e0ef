from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from courses.packages.menu import AuthorMenuItem
from courses.scorm import admin_urls
from courses.scorm.models import ScormPackage
from courses.scorm.permission_policies import scorm_package_policy
from lms.viewsets import TownSnippetViewSet

register_permission_policy(ScormPackage, scorm_package_policy)


class ScormPackageViewSet(TownSnippetViewSet):
    """Imported SCORM packages to choose in lessons; import with ``import_scorm``."""

    model = ScormPackage
    town_policy = scorm_package_policy
    icon = "media"
    menu_label = _("SCORM packages")
    add_to_admin_menu = False
    list_display = [
        "title",
        Column("version_label", label=_("Version")),
        Column("owner", label=_("Organisation")),
        Column("outside_hosts_label", label=_("Loads from")),
        DateColumn("created_at", label=_("Imported")),
        TitleColumn(
            "statistics",
            label=_("Statistics"),
            accessor=lambda package: _("Statistics"),
            url_name="scorm_admin:statistics",
        ),
    ]
    form_fields = ["title", "organisation", "shared"]


register_snippet(ScormPackageViewSet)


@hooks.register("register_admin_urls")
def register_scorm_admin_urls() -> list:
    return [path("scorm/", include(admin_urls, namespace="scorm_admin"))]


@hooks.register("register_admin_menu_item")
def register_scorm_upload_menu_item() -> MenuItem:
    return AuthorMenuItem(
        _("Import SCORM"),
        reverse("scorm_admin:upload"),
        icon_name="media",
        order=251,
    )
