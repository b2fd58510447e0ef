"""The council's summary reads the latest maturity results through this tag, so
reporting's core never imports the diagnosis (it sits above it)."""

from __future__ import annotations

from typing import Any

from django import template

from lms.models import Organisation, User
from reporting.maturity.models import Assessment
from reporting.maturity.queries import may_read_results
from reporting.maturity.scoring import full_results
from reporting.maturity.summary import plain_words

register = template.Library()


@register.inclusion_tag("maturity/includes/council.html")
def maturity_summary(user: User, organisation: Organisation) -> dict[str, Any]:
    """The town's latest assessment in plain words, for its HR and elected
    officials (nothing for anyone else, nor for another town)."""
    if not may_read_results(user) or not (
        user.is_superuser or user.organisation_id == organisation.pk
    ):
        return {"shown": False}
    assessment = (
        Assessment.objects.filter(organisation=organisation)
        .select_related("organisation", "questionnaire")
        .order_by("-year")
        .first()
    )
    if assessment is None:
        return {"shown": True, "assessment": None}
    return {
        "shown": True,
        "assessment": assessment,
        "words": plain_words(full_results(assessment)),
    }
