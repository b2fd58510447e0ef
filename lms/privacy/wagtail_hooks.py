"""The back office's "Personal data" page (HR, platform admins) and export log."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.http import AuthenticatedHttpRequest
from lms.privacy import admin_urls
from lms.privacy.queries import may_manage_personal_data


@hooks.register("register_admin_urls")
def register_privacy_urls() -> list:
    return [path("privacy/", include(admin_urls, namespace="privacy_admin"))]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request: AuthenticatedHttpRequest) -> bool:
        return may_manage_personal_data(request.user)


class ExportLogMenuItem(MenuItem):
    def is_shown(self, request: AuthenticatedHttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


@hooks.register("register_admin_menu_item")
def register_personal_data_menu_item() -> MenuItem:
    return PersonalDataMenuItem(
        _("Personal data"),
        reverse("privacy_admin:leavers"),
        icon_name="lock",
        order=220,
    )


@hooks.register("register_settings_menu_item")
def register_export_log_menu_item() -> MenuItem:
    return ExportLogMenuItem(
        _("Personal data exports"),
        reverse("privacy_admin:export-log"),
        icon_name="history",
        order=900,
    )
