"""The back office's home panel for HR: what needs attention in their town(s)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.admin.ui.components import Component

from courses.models import Assignment
from courses.queries import assignment_report
from lms.models import ImportJob, User
from lms.queries import organisations_administered_by
from skills.models import Evidence

RECENT = dt.timedelta(days=30)


def attention_for(user: User) -> dict[str, Any]:
    """People imports to finish, mandatory training with people late, and
    self-assessments no manager has looked at since: for the towns ``user``
    administers. One query per assignment (a town has a handful)."""
    organisations = organisations_administered_by(user)
    since = timezone.now() - RECENT
    imports = [
        job
        for job in ImportJob.objects.filter(
            organisation__in=organisations, created_at__gte=since
        )
        .defer("content")
        .order_by("-created_at")
        if job.waiting_for_worker
        or job.status in {ImportJob.Status.INVALID, ImportJob.Status.VALID}
    ]
    late = []
    for assignment in Assignment.objects.filter(
        organisation__in=organisations, course__live=True
    ).select_related("course"):
        count = sum(
            1 for row in assignment_report(assignment) if row["status"] == "late"
        )
        if count:
            late.append({"assignment": assignment, "late": count})
    validated_since = Evidence.objects.filter(
        person=OuterRef("person"),
        competence=OuterRef("competence"),
        source=Evidence.Source.MANAGER,
        recorded_at__gte=OuterRef("recorded_at"),
    )
    to_validate = (
        Evidence.objects.filter(
            person__organisation__in=organisations,
            person__is_active=True,
            person__manager__isnull=False,
            source=Evidence.Source.SELF,
            recorded_at__gte=timezone.now() - 3 * RECENT,
        )
        .exclude(Exists(validated_since))
        .values("person")
        .distinct()
        .count()
    )
    return {"imports": imports, "late": late, "to_validate": to_validate}


class AttentionPanel(Component):
    name = "civicskills_attention"
    template_name = "courses/admin/attention_panel.html"
    order = 50  # above Wagtail's own panels

    def get_context_data(self, parent_context: Mapping[str, Any] | None) -> dict:
        request = (parent_context or {})["request"]
        return {"attention": attention_for(request.user), "request": request}
