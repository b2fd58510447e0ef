"""Template-level reads for the training block and "My learning"."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import Context

from courses.training.models import Registration, Training, TrainingSession
from courses.training.queries import (
    hours_by_year_of,
    pending_for,
    registrations_of,
    upcoming_sessions_of,
)
from lms.models import User

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_sessions(
    context: Context, training: Training | None
) -> list[TrainingSession]:
    """The training's coming sessions the signed-in person may see."""
    request = context.get("request")
    if training is None or request is None or not request.user.is_authenticated:
        return []
    return list(upcoming_sessions_of(training.pk, request.user))


@register.simple_tag(takes_context=True)
def my_training_registrations(context: Context) -> list[Registration]:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return list(registrations_of(request.user))


@register.simple_tag(takes_context=True)
def pending_approvals(context: Context) -> int:
    """How many sign-ups await the signed-in person's decision."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return pending_for(request.user).count()


@register.simple_tag
def training_hours_of(person: User) -> list[dict[str, Any]]:
    """The person's training hours per year (for their page, which its view
    has already checked the reader may see)."""
    return [
        {**row, "hours": round(row["minutes"] / 60, 1)}
        for row in hours_by_year_of(person)
    ]
