"""Django only: the network's comparison of towns that share their figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    F,
    QuerySet,
)
from django.utils import timezone

from lms.models import Organisation, User
from reporting.models import SkillsSummary
from reporting.queries.levels import _sum_metrics


def network_towns(user: User) -> QuerySet[Organisation]:
    """The towns that share their indicators and ``user`` may compare: platform
    admins all of them, HR of a town that shares those of its network; 403
    otherwise."""
    mine = user.organisation
    if not (
        user.is_superuser or (user.is_hr_admin and mine and mine.shares_indicators)
    ):
        raise PermissionDenied
    towns = Organisation.objects.filter(shares_indicators=True)
    if not user.is_superuser and mine is not None:
        towns = towns.filter(network_id=mine.network_id)
    return towns.order_by("name")


def network_rows(towns: QuerySet[Organisation]) -> list[dict[str, Any]]:
    """This month, per town and competence: people, at or above expectations…
    (``frames.network_frame`` counts each person once)."""
    month = timezone.localdate().replace(day=1)
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month=month)
        .values("competence", town=F("organisation__name"))
        .annotate(**_sum_metrics())
        .order_by("town")
    )


def network_growth_rows(
    towns: QuerySet[Organisation], start: dt.date
) -> list[dict[str, Any]]:
    """Per month since ``start``, town and competence: the summary's counts
    (``frames.growth_frame`` with the town as the group)."""
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month__gte=start)
        .values("month", "competence", group=F("organisation__name"))
        .annotate(**_sum_metrics())
        .order_by("group", "month")
    )


def network_area_rows(towns: QuerySet[Organisation]) -> list[dict[str, Any]]:
    """This month, per town, competence area and competence: the gap counts
    (``frames.area_gap_frame`` counts each person once per area)."""
    month = timezone.localdate().replace(day=1)
    return list(
        SkillsSummary.objects.filter(organisation__in=towns, month=month)
        .values(
            "competence",
            group=F("organisation__name"),
            area=F("competence__area__code"),
        )
        .annotate(**_sum_metrics())
        .order_by("group", "area")
    )
