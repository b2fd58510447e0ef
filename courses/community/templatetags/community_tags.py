"""Template tags other apps' pages use to show what communities produced."""

from __future__ import annotations

from typing import Any

from django import template

from courses.community.queries import sheets_for_gaps

register = template.Library()


@register.inclusion_tag("community/includes/practice_sheets.html", takes_context=True)
def practice_sheets_for_gaps(context: dict[str, Any], levels: list) -> dict[str, Any]:
    """Practice sheets on the signed-in person's gaps (next to the courses
    recommended for them). One query."""
    return {"sheets": sheets_for_gaps(context["request"].user, levels)}
