"""The organisation chart in the Wagtail back office, scoped to what HR administers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms import admin_urls
from lms.forms import DepartmentForm, JobRoleForm, PersonForm
from lms.models import Department, JobRole, Organisation, User
from lms.queries import organisations_administered_by


class ScopedQuerysetMixin:
    """Show and open only rows of organisations the signed-in person administers."""

    request: Any
    model: Any
    organisation_field = "organisation"

    def scope(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(
            **{
                f"{self.organisation_field}__in": organisations_administered_by(
                    self.request.user
                )
            }
        )


class ScopedIndexView(ScopedQuerysetMixin, generic.IndexView):
    def get_base_queryset(self) -> QuerySet:
        return self.scope(super().get_base_queryset())


class ScopedEditView(ScopedQuerysetMixin, generic.EditView):
    def get_queryset(self) -> QuerySet:
        return self.scope(self.model._default_manager.all())


class ScopedDeleteView(ScopedQuerysetMixin, generic.DeleteView):
    def get_queryset(self) -> QuerySet:
        return self.scope(self.model._default_manager.all())


class ScopedViewSet(ModelViewSet):
    """A viewset whose every view sees only rows of organisations the signed-in
    person administers, reached through ``organisation_field``."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False
    form_class: Any = None
    organisation_field = "organisation"

    def get_form_class(self, for_update: bool = False) -> Any:
        return self.form_class

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_common_view_kwargs(
            organisation_field=self.organisation_field, **kwargs
        )


class DepartmentCreateView(generic.CreateView):
    def save_instance(self) -> Department:
        parent = self.form.cleaned_data.get("parent")
        department = self.form.instance
        if parent is None:
            return Department.add_root(instance=department)
        return parent.add_child(instance=department)


class DepartmentEditView(ScopedEditView):
    def save_instance(self) -> Department:
        department = self.form.save()
        parent = self.form.cleaned_data.get("parent")
        current = department.get_parent()
        if parent != current:
            if parent is None:
                first_root = Department.get_first_root_node()
                department.move(first_root, "sorted-sibling")
            else:
                department.move(parent, "sorted-child")
            department.refresh_from_db()
        return department


class DepartmentViewSet(ScopedViewSet):
    model = Department
    name = "departments"
    form_class = DepartmentForm
    add_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "code", "kind", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "code"]
    ordering = ["path"]


class JobRoleViewSet(ScopedViewSet):
    model = JobRole
    name = "job_roles"
    form_class = JobRoleForm
    icon = "tag"
    menu_label = _("Job roles")
    list_display = ["name", "code", "organisation"]
    search_fields = ["name", "code"]


class PersonViewSet(ScopedViewSet):
    model = User
    name = "people"
    form_class = PersonForm
    icon = "user"
    menu_label = _("People")
    list_display = ["__str__", "employee_number", "department", "job_role", "is_active"]
    list_filter = ["kind", "is_active", "is_hr_admin", "is_author"]
    search_fields = ["first_name", "last_name", "employee_number", "email"]


class OrganisationViewSet(ModelViewSet):
    """Platform admins only: creating towns needs ``lms.add_organisation``."""

    model = Organisation
    name = "organisations"
    icon = "site"
    menu_label = _("Organisations")
    form_fields = ["name", "slug", "kind", "network", "shares_indicators"]
    list_display = ["name", "slug", "kind", "network"]


class OrganisationChartGroup(ViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    menu_order = 200
    items = (PersonViewSet, DepartmentViewSet, JobRoleViewSet, OrganisationViewSet)


@hooks.register("register_admin_viewset")
def register_organisation_chart() -> ViewSetGroup:
    return OrganisationChartGroup()


@hooks.register("register_admin_urls")
def register_people_import_urls() -> list:
    return [path("people-import/", include(admin_urls, namespace="lms_admin"))]


class HRMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return organisations_administered_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_people_import_menu_item() -> MenuItem:
    return HRMenuItem(
        _("People import"),
        reverse("lms_admin:people-import"),
        icon_name="upload",
        order=210,
    )
