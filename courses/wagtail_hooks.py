from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from courses import documents  # noqa: F401 - documents registers hooks
from courses.authoring import ensure_author_group
from courses.home_panels import AttentionPanel
from courses.models import (
    Assignment,
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    OrganisationCataloguePage,
)
from courses.permission_policies import assignment_policy
from courses.queries import (
    pages_hidden_from,
    require_course_access,
    require_lesson_access,
    source_courses,
)
from lms.http import AuthenticatedHttpRequest
from lms.models import Department, JobRole, User
from lms.queries import organisations_administered_by
from lms.viewsets import ScopedViewSet

register_permission_policy(Assignment, assignment_policy)


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
            "existing_staff_due_date",
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
        # Each course once: its source page, which its translations share.
        self.fields["course"].queryset = source_courses(
            CoursePage.objects.live().filter(
                Q(organisation__in=organisations)
                | Q(
                    organisation__network__in=networks,
                    sharing=CoursePage.Sharing.NETWORK,
                )
            )
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
def grant_town_authors(request: HttpRequest, page: Page) -> None:
    """A new town section gets its author group with permissions on it alone."""
    if isinstance(page.specific, OrganisationCataloguePage):
        ensure_author_group(page.specific)


@hooks.register("construct_page_chooser_queryset")
def hide_other_towns_pages(
    pages: QuerySet[Page], request: AuthenticatedHttpRequest
) -> QuerySet[Page]:
    """Page choosers (links, prerequisites) never name another town's drafts or
    private courses."""
    hidden = pages_hidden_from(request.user)
    return pages if hidden is None else pages.exclude(hidden)


@hooks.register("before_serve_page")
def check_learner_access(
    page: Page, request: HttpRequest, *args: Any
) -> HttpResponse | None:
    """The catalogue, courses and lessons are for signed-in people; a course
    opens to those who may take it, a lesson once every earlier one is done
    (403/404 otherwise). Checked here, so page models import no access rules."""
    if not isinstance(page, (CatalogueIndexPage, CoursePage, LessonPage)):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if isinstance(page, CoursePage):
        require_course_access(request, page)
    elif isinstance(page, LessonPage):
        require_lesson_access(request, page)
    return None


@hooks.register("construct_homepage_panels")
def add_attention_panel(request: HttpRequest, panels: list[Any]) -> None:
    """HR's first screen in the back office: what needs attention in their town."""
    user = request.user
    if user.is_superuser or getattr(user, "is_hr_admin", False):
        panels.insert(0, AttentionPanel())
