from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from lms.models import JobRole
from lms.queries import organisations_administered_by
from lms.viewsets import ScopedViewSet
from lms.wagtail_hooks import HRMenuItem
from skills import admin_urls
from skills.models import Competence, RoleExpectation
from skills.permission_policies import expectation_policy

register_permission_policy(RoleExpectation, expectation_policy)


class ExpectationForm(WagtailAdminModelForm):
    class Meta:
        model = RoleExpectation
        fields = ["job_role", "competence", "level"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_administered_by(self.for_user)
        self.fields["job_role"].queryset = JobRole.objects.filter(
            organisation__in=organisations
        )
        # DigComp and other platform frameworks, or the town's own ones.
        self.fields["competence"].queryset = (
            Competence.objects.filter(version__is_current=True)
            .filter(
                Q(version__framework__organisation=None)
                | Q(version__framework__organisation__in=organisations)
            )
            .select_related("version__framework")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        job_role, competence = cleaned.get("job_role"), cleaned.get("competence")
        owner = competence.version.framework.organisation_id if competence else None
        if job_role and owner not in (None, job_role.organisation_id):
            self.add_error(
                "competence", _("Choose a competence of this town's frameworks.")
            )
        return cleaned


class ExpectationViewSet(ScopedViewSet):
    model = RoleExpectation
    name = "expectations"
    icon = "pick"
    menu_label = _("Expected levels")
    menu_order = 230
    add_to_admin_menu = True
    form_class = ExpectationForm
    town_policy = expectation_policy
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
