from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem

from lms.models import JobRole
from lms.queries import organisations_administered_by
from lms.wagtail_hooks import HRMenuItem, ScopedViewSet
from skills import admin_urls
from skills.models import Competence, RoleExpectation


class ExpectationForm(WagtailAdminModelForm):
    class Meta:
        model = RoleExpectation
        fields = ["job_role", "competence", "level"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_role"].queryset = JobRole.objects.filter(
            organisation__in=organisations_administered_by(self.for_user)
        )
        self.fields["competence"].queryset = Competence.objects.filter(
            version__is_current=True
        ).select_related("version__framework")


class ExpectationViewSet(ScopedViewSet):
    model = RoleExpectation
    name = "expectations"
    icon = "pick"
    menu_label = _("Expected levels")
    menu_order = 230
    add_to_admin_menu = True
    form_class = ExpectationForm
    organisation_field = "job_role__organisation"
    list_display = ["job_role", "competence", "level"]


@hooks.register("register_admin_viewset")
def register_expectations() -> ExpectationViewSet:
    return ExpectationViewSet()


@hooks.register("register_admin_urls")
def register_framework_import_urls() -> list:
    return [path("frameworks/", include(admin_urls, namespace="skills_admin"))]


@hooks.register("register_admin_menu_item")
def register_framework_import_menu_item() -> MenuItem:
    return HRMenuItem(
        _("Competence frameworks"),
        reverse("skills_admin:framework-import"),
        icon_name="list-ul",
        order=240,
    )
