"""Training hours: the slots a person attended (whole when present, their
minutes when partly present), per person, per year and per department."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from courses.training.models import (
    Attendance,
)
from courses.training.queries.sessions import ATTENDED
from lms.models import Organisation, User


def _year(year: int) -> Q:
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    return Q(slot__starts_at__gte=start, slot__starts_at__lt=end)


def attended_minutes(
    attendances: QuerySet[Attendance], keys: dict[str, Any]
) -> list[dict[str, Any]]:
    """Time attended grouped by ``keys`` (``values()`` expressions): a slot
    marked present counts whole, a partly present one its minutes. Each row has
    the keys plus ``sessions``, ``people`` and ``minutes``. Three grouped
    queries: counts, present slots' durations, partly present minutes."""
    attended = attendances.filter(status__in=ATTENDED)
    names = list(keys)

    def key(row: Any) -> tuple[Any, ...]:
        return tuple(row[name] for name in names)

    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    counted: Any
    for counted in (
        attended.values(**keys)
        .annotate(
            sessions=Count("registration__session", distinct=True),
            people=Count("registration__user", distinct=True),
        )
        .order_by()
    ):
        rows[key(counted)] = {**counted, "minutes": 0}
    present: Any
    for present in (
        attended.filter(status=Attendance.Status.PRESENT)
        .values(**keys)
        .annotate(seconds=Sum(F("slot__ends_at") - F("slot__starts_at")))
        .order_by()
    ):
        duration = present["seconds"]
        rows[key(present)]["minutes"] += (
            int(duration.total_seconds() // 60) if duration else 0
        )
    partly: Any
    for partly in (
        attended.filter(status=Attendance.Status.PARTLY)
        .values(**keys)
        .annotate(partly=Sum("minutes"))
        .order_by()
    ):
        rows[key(partly)]["minutes"] += partly["partly"] or 0
    return list(rows.values())


def hours_rows(organisation: Organisation, year: int) -> list[dict[str, Any]]:
    """Training hours per person of ``organisation`` in ``year``: the slots they
    attended (whole when present, their minutes when partly present), whatever
    town ran the session. Keys: ``user_id``, ``employee_number``,
    ``last_name``, ``first_name``, ``department``, ``kind``, ``minutes``,
    ``sessions``."""
    rows = attended_minutes(
        Attendance.objects.filter(
            _year(year), registration__user__organisation=organisation
        ),
        {
            "user_id": F("registration__user_id"),
            "employee_number": F("registration__user__employee_number"),
            "last_name": F("registration__user__last_name"),
            "first_name": F("registration__user__first_name"),
            "department": F("registration__user__department__name"),
            "kind": F("registration__user__kind"),
        },
    )
    for row in rows:
        del row["people"]
    return sorted(rows, key=lambda r: (r["last_name"], r["first_name"], r["user_id"]))


def hours_by_year_of(person: User) -> list[dict[str, Any]]:
    """The person's training hours per year, latest first. Keys: ``year``,
    ``sessions``, ``minutes``."""
    rows = attended_minutes(
        Attendance.objects.filter(registration__user=person),
        {"year": ExtractYear("slot__starts_at")},
    )
    return sorted(rows, key=lambda r: -r["year"])


def hours_report_rows(organisation: Organisation, year: int) -> list[dict[str, Any]]:
    """Hours of the town's people in ``year`` by department and by who gave the
    training, elected officials apart (their department is left empty and
    ``kind`` says "elected"). For the town's own HR: not k-anonymised. Keys:
    ``department``, ``kind``, ``provider``, ``people``, ``sessions``,
    ``minutes``; sorted by department, officials last."""
    rows = attended_minutes(
        Attendance.objects.filter(
            _year(year), registration__user__organisation=organisation
        ),
        {
            "department": F("registration__user__department__name"),
            "kind": F("registration__user__kind"),
            "provider": F("registration__session__training__provider"),
        },
    )
    for row in rows:
        if row["kind"] == User.Kind.ELECTED:
            row["department"] = None
    return sorted(
        rows,
        key=lambda r: (
            r["kind"] == User.Kind.ELECTED,
            r["department"] or "",
            r["provider"],
        ),
    )
