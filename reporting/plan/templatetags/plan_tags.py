"""The plan's summary on reporting's council page, in plain words, and
whether the main menu links to the plan."""

from __future__ import annotations

from typing import Any

from django import template

from lms.models import Organisation
from reporting.plan.queries import council_plan, plan_progress, shows_plan_menu

register = template.Library()


@register.inclusion_tag("plan/includes/council_summary.html")
def council_plan_summary(organisation: Organisation) -> dict[str, Any]:
    """The latest adopted plan of ``organisation`` (else its latest plan) and
    its progress. The council page already checked who asks."""
    plan = council_plan(organisation.pk)
    return {"progress": plan_progress(plan) if plan else None}


@register.simple_tag
def plan_in_menu(user: Any) -> bool:
    """HR, officials and plan managers of the town see "Digital plan" in the
    main menu (``queries.shows_plan_menu``: no query for most pages)."""
    return shows_plan_menu(user)
