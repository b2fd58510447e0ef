from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from courses.h5p import admin_urls
from courses.h5p.models import H5PPackage
from courses.h5p.permission_policies import h5p_package_policy
from courses.packages.menu import AuthorMenuItem
from lms.http import AuthenticatedHttpRequest
from lms.viewsets import TownSnippetViewSet

register_permission_policy(H5PPackage, h5p_package_policy)


class H5PPackageViewSet(TownSnippetViewSet):
    """Imported H5P content to choose in lessons; import with ``import_h5p``."""

    model = H5PPackage
    town_policy = h5p_package_policy
    icon = "code"
    menu_label = _("H5P content")
    add_to_admin_menu = False
    list_display = [
        "title",
        "main_library",
        Column("owner", label=_("Organisation")),
        DateColumn("created_at", label=_("Imported")),
        TitleColumn(
            "statistics",
            label=_("Statistics"),
            accessor=lambda package: _("Statistics"),
            url_name="h5p_admin:statistics",
        ),
    ]
    form_fields = ["title", "organisation", "shared"]


register_snippet(H5PPackageViewSet)


@hooks.register("register_admin_urls")
def register_h5p_admin_urls() -> list:
    return [path("h5p/", include(admin_urls, namespace="h5p_admin"))]


@hooks.register("register_admin_menu_item")
def register_h5p_upload_menu_item() -> MenuItem:
    return AuthorMenuItem(
        _("Import H5P content"),
        reverse("h5p_admin:upload"),
        icon_name="code",
        order=250,
    )


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request: AuthenticatedHttpRequest) -> bool:
        return bool(request.user.is_superuser)


@hooks.register("register_settings_menu_item")
def register_h5p_libraries_menu_item() -> MenuItem:
    return PlatformAdminMenuItem(
        pgettext_lazy("title", "H5P libraries"),
        reverse("h5p_admin:libraries"),
        icon_name="code",
        order=900,
    )
