from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lms.models import JobRole
from lms.queries import organisations_administered_by
from skills import admin_urls
from skills.models import Competence, RoleExpectation


class ExpectationScope:
    request: Any
    model: Any

    def scope(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(
            job_role__organisation__in=organisations_administered_by(self.request.user)
        )


class ExpectationIndexView(ExpectationScope, generic.IndexView):
    def get_base_queryset(self) -> QuerySet:
        return self.scope(super().get_base_queryset()).select_related(
            "job_role", "competence"
        )


class ExpectationEditView(ExpectationScope, generic.EditView):
    def get_queryset(self) -> QuerySet:
        return self.scope(RoleExpectation.objects.all())


class ExpectationDeleteView(ExpectationScope, generic.DeleteView):
    def get_queryset(self) -> QuerySet:
        return self.scope(RoleExpectation.objects.all())


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


class ExpectationViewSet(ModelViewSet):
    model = RoleExpectation
    name = "expectations"
    icon = "pick"
    menu_label = _("Expected levels")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = ExpectationIndexView
    edit_view_class = ExpectationEditView
    delete_view_class = ExpectationDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = ["job_role", "competence", "level"]

    def get_form_class(self, for_update: bool = False) -> Any:
        return ExpectationForm


@hooks.register("register_admin_viewset")
def register_expectations() -> ExpectationViewSet:
    return ExpectationViewSet()


class HRMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return organisations_administered_by(request.user).exists()


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
