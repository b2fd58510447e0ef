"""Django only: who a dashboard describes. ``scope_for`` builds a ``Scope`` from
who is asking; every other query takes one, so no query can reach outside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lms.models import Department, JobRole, Organisation, User
from lms.queries import organisations_administered_by, reports_of

STEP = Department.steplen
METRICS = (
    "people",
    "with_expectation",
    "at_or_above",
    "level_sum",
    "expected_sum",
    "level_sum_expected",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
)


@dataclass
class Scope:
    """What a report may show. ``team`` set: a manager's reports only, person by
    person (they are not an anonymous population to their manager)."""

    organisation: Organisation
    start: dt.date
    end: dt.date
    department: Department | None = None
    job_role: JobRole | None = None
    area: str = ""
    competence: str = ""
    team: list[int] | None = None
    by_department: bool = True
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def group_depth(self) -> int:
        """Figures are grouped by the departments one level below the filter
        (the directions when there is none)."""
        return self.department.depth + 1 if self.department is not None else 1

    @property
    def filtered(self) -> bool:
        """A department or job role narrows an organisation's population."""
        return self.department is not None or self.job_role is not None


def month_start(months_back: int) -> dt.date:
    today = timezone.localdate().replace(day=1)
    year, month = today.year, today.month - months_back + 1
    while month <= 0:
        year, month = year - 1, month + 12
    return dt.date(year, month, 1)


def scope_for(
    user: User, *, view: str, organisation_id: int | None, filters: dict[str, Any]
) -> Scope:
    """The scope ``user`` may see for ``view`` (hr, council, team), or 403."""
    months = filters.get("months") or 12
    start, end = month_start(months), timezone.localdate().replace(day=1)
    if view == "team":
        team = list(reports_of(user).values_list("pk", flat=True))
        if not team or user.organisation is None:
            raise PermissionDenied
        return Scope(
            user.organisation, start, end, team=team, area=filters.get("area") or ""
        )
    if view == "council":
        organisation = user.organisation
        if (
            not (user.is_elected or user.is_hr_admin or user.is_superuser)
            or organisation is None
        ):
            raise PermissionDenied
        if organisation_id and user.is_superuser:
            organisation = Organisation.objects.get(pk=organisation_id)
        return Scope(
            organisation,
            start,
            end,
            area=filters.get("area") or "",
            by_department=False,
        )
    organisations = organisations_administered_by(user)
    organisation = (
        organisations.filter(pk=organisation_id).first()
        if organisation_id
        else organisations.first()
    )
    if organisation is None:
        raise PermissionDenied
    department, job_role = filters.get("department"), filters.get("job_role")
    if department is not None and department.organisation_id != organisation.pk:
        raise PermissionDenied
    if job_role is not None and job_role.organisation_id != organisation.pk:
        raise PermissionDenied
    return Scope(
        organisation,
        start,
        end,
        department=department,
        job_role=job_role,
        area=filters.get("area") or "",
    )
