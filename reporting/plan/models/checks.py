"""Checks the plan's models share (dates in order, a department of the town)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.models import Department


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError({"ends_on": _("The end date comes after the start.")})


def _check_department(department_id: int | None, organisation_id: int | None) -> None:
    if (
        department_id
        and organisation_id
        and not Department.objects.filter(
            pk=department_id, organisation_id=organisation_id
        ).exists()
    ):
        raise ValidationError(
            {"department": _("Choose a department of your own organisation.")}
        )
