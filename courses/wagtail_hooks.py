from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from courses import admin_urls, documents  # noqa: F401 - documents registers hooks
from courses.authoring import ensure_author_group
from courses.models import (
    Assignment,
    CoursePage,
    H5PPackage,
    OrganisationCataloguePage,
    ScormPackage,
)
from courses.permission_policies import (
    assignment_policy,
    h5p_package_policy,
    scorm_package_policy,
)
from courses.queries import pages_hidden_from
from lms.models import Department, JobRole, User
from lms.queries import organisations_administered_by
from lms.viewsets import ScopedViewSet, TownSnippetViewSet

register_permission_policy(Assignment, assignment_policy)
register_permission_policy(H5PPackage, h5p_package_policy)
register_permission_policy(ScormPackage, scorm_package_policy)


class AssignmentForm(WagtailAdminModelForm):
    class Meta:
        model = Assignment
        fields = [
            "organisation",
            "course",
            "departments",
            "job_roles",
            "include_elected",
            "people",
            "due_kind",
            "due_date",
            "due_days",
        ]
        widgets = {
            "departments": forms.CheckboxSelectMultiple,
            "job_roles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_administered_by(self.for_user)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
        networks = organisations.exclude(network=None).values("network")
        self.fields["course"].queryset = CoursePage.objects.live().filter(
            Q(organisation__in=organisations)
            | Q(organisation__network__in=networks, sharing=CoursePage.Sharing.NETWORK)
        )
        self.fields["departments"].queryset = Department.objects.filter(
            organisation__in=organisations
        )
        self.fields["job_roles"].queryset = JobRole.objects.filter(
            organisation__in=organisations
        )
        self.fields["people"].queryset = User.objects.filter(
            organisation__in=organisations, is_active=True
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        for name in ("departments", "job_roles", "people"):
            for item in cleaned.get(name) or []:
                if organisation and item.organisation_id != organisation.pk:
                    self.add_error(
                        name, _("Choose one of this organisation's own entries.")
                    )
                    break
        return cleaned


class AssignmentViewSet(ScopedViewSet):
    model = Assignment
    town_policy = assignment_policy
    name = "assignments"
    form_class = AssignmentForm
    icon = "date"
    menu_label = _("Mandatory training")
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "course",
        "due_kind",
        "due_date",
        "due_days",
        Column("report_link", label=_("Completion")),
    ]


@hooks.register("register_admin_viewset")
def register_assignments() -> AssignmentViewSet:
    return AssignmentViewSet()


@hooks.register("after_create_page")
def grant_town_authors(request: Any, page: Any) -> None:
    """A new town section gets its author group with permissions on it alone."""
    if isinstance(page.specific, OrganisationCataloguePage):
        ensure_author_group(page.specific)


@hooks.register("construct_page_chooser_queryset")
def hide_other_towns_pages(pages: Any, request: Any) -> Any:
    """Page choosers (links, prerequisites) never name another town's drafts or
    private courses."""
    hidden = pages_hidden_from(request.user)
    return pages if hidden is None else pages.exclude(hidden)


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
            url_name="courses_admin:h5p-statistics",
        ),
    ]
    form_fields = ["title", "organisation", "shared"]


register_snippet(H5PPackageViewSet)


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
        DateColumn("created_at", label=_("Imported")),
    ]
    form_fields = ["title", "organisation", "shared"]


register_snippet(ScormPackageViewSet)


class AuthorMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        user = request.user
        return user.is_superuser or user.is_author or user.is_hr_admin


@hooks.register("register_admin_urls")
def register_h5p_upload_urls() -> list:
    return [path("h5p/", include(admin_urls, namespace="courses_admin"))]


@hooks.register("register_admin_menu_item")
def register_h5p_upload_menu_item() -> MenuItem:
    return AuthorMenuItem(
        _("Import H5P content"),
        reverse("courses_admin:h5p-upload"),
        icon_name="code",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def register_scorm_upload_menu_item() -> MenuItem:
    return AuthorMenuItem(
        _("Import SCORM"),
        reverse("courses_admin:scorm-upload"),
        icon_name="media",
        order=251,
    )
