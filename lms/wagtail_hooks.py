"""The organisation chart in the Wagtail back office, scoped to what HR administers."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from lms import admin_urls
from lms.forms import DepartmentForm, JobRoleForm, PersonForm
from lms.http import AuthenticatedHttpRequest
from lms.media_admin import OrganisationCreateView  # also registers its hooks
from lms.models import Department, JobRole, Organisation, User
from lms.permission_policies import (
    department_policy,
    job_role_policy,
    person_policy,
)
from lms.queries import organisations_administered_by
from lms.viewsets import ScopedViewSet

register_permission_policy(Department, department_policy)
register_permission_policy(JobRole, job_role_policy)


class DepartmentCreateView(generic.CreateView):
    def save_instance(self) -> Department:
        parent = self.form.cleaned_data.get("parent")
        department = self.form.instance
        if parent is None:
            return Department.add_root(instance=department)
        return parent.add_child(instance=department)


class DepartmentEditView(generic.EditView):
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


def _administered(request: AuthenticatedHttpRequest) -> QuerySet[Organisation]:
    return organisations_administered_by(request.user)


class DepartmentFilterSet(WagtailFilterSet):
    """The organisation filter offers only the organisations the person administers."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=_administered
    )

    class Meta:
        model = Department
        fields = ["kind", "organisation"]


class DepartmentViewSet(ScopedViewSet):
    model = Department
    town_policy = department_policy
    name = "departments"
    form_class = DepartmentForm
    add_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "code", "kind", "organisation"]
    filterset_class = DepartmentFilterSet
    search_fields = ["name", "code"]
    ordering = ["path"]


class JobRoleViewSet(ScopedViewSet):
    model = JobRole
    town_policy = job_role_policy
    name = "job_roles"
    form_class = JobRoleForm
    icon = "tag"
    menu_label = _("Job roles")
    list_display = ["name", "code", "organisation"]
    search_fields = ["name", "code"]


class PersonViewSet(ScopedViewSet):
    model = User
    town_policy = person_policy
    name = "people"
    form_class = PersonForm
    icon = "user"
    menu_label = _("People")
    list_display = [
        "__str__",
        "employee_number",
        "department",
        "job_role",
        Column(
            "is_active",
            label=_("active"),
            accessor=lambda person: _("Yes") if person.is_active else _("No"),
        ),
    ]
    list_filter = ["kind", "is_active", "is_hr_admin", "is_author"]
    search_fields = ["first_name", "last_name", "employee_number", "email"]


class OrganisationViewSet(ModelViewSet):
    """Platform admins only: creating towns needs ``lms.add_organisation``."""

    model = Organisation
    add_view_class = OrganisationCreateView
    name = "organisations"
    icon = "site"
    menu_label = _("Organisations")
    form_fields = ["name", "slug", "kind", "network", "shares_indicators", "logo"]
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
    def is_shown(self, request: AuthenticatedHttpRequest) -> bool:
        return organisations_administered_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_people_import_menu_item() -> MenuItem:
    return HRMenuItem(
        _("People import"),
        reverse("lms_admin:people-import"),
        icon_name="upload",
        order=210,
    )
