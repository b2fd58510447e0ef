"""Reads for personal data rights: a person's records, who may act on whose,
the people who left, the export log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.template.loader import render_to_string

from lms.models import User
from lms.permission_policies import person_policy
from lms.privacy.archive import Table, build_archive
from lms.privacy.kinds import KINDS
from lms.privacy.models import Anonymisation, PersonalDataExport


def records_of(person: User) -> dict[str, Table]:
    """Every record the platform holds about ``person``, by kind (``KINDS``):
    one query per kind."""
    tables = {}
    for kind in KINDS:
        columns = kind.columns()
        rows = (
            kind.get_model()
            ._default_manager.filter(**{kind.person: kind.value(person)})
            .order_by(*kind.order)
            .values(*columns)
        )
        tables[kind.name] = Table(columns=columns, rows=list(rows))
    return tables


def archive_of(person: User) -> bytes:
    """``records_of(person)`` as a zip, with a README in the active language."""
    readme = render_to_string("privacy/readme.txt", {"kinds": KINDS})
    return build_archive(records_of(person), readme=readme)


def may_manage_personal_data(user: User) -> bool:
    """HR admins (their own town's people) and platform admins (everyone's)."""
    return person_policy.user_has_permission(user, "change")


def people_in_reach_of(user: User) -> QuerySet[User]:
    """People whose records ``user`` may export or anonymise: the policy of the
    people admin (HR: their own town, never a platform admin's account;
    platform admins: everyone). Nobody for other roles."""
    return person_policy.instances_user_has_permission_for(user, "change")


def access_person_records_for(user: User, pk: int) -> User:
    """The person ``pk`` if ``user`` may export their records; 404 otherwise
    (the ids of another town reveal nothing)."""
    person = people_in_reach_of(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def people_who_left_for(user: User) -> QuerySet[User]:
    """People in ``user``'s reach who left (deactivated) and still have names."""
    return (
        people_in_reach_of(user)
        .filter(is_active=False, anonymisation__isnull=True)
        .select_related("organisation", "department", "job_role")
        .order_by("last_name", "first_name", "pk")
    )


def access_leaver_for(user: User, pk: int) -> User:
    """A person who left that ``user`` may anonymise; 404 otherwise, including
    for someone still active or already anonymised (a replayed request)."""
    person = people_who_left_for(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def anonymisations_for(user: User) -> QuerySet[Anonymisation]:
    """Anonymisations of people in ``user``'s reach, latest first."""
    return Anonymisation.objects.filter(
        person__in=people_in_reach_of(user).values("pk")
    ).select_related("anonymised_by")


def export_log_for(user: User) -> QuerySet[PersonalDataExport]:
    """The log of personal data exports: platform admins only (403 otherwise)."""
    if not (user.is_active and user.is_superuser):
        raise PermissionDenied
    return PersonalDataExport.objects.select_related("exported_by", "organisation")


def retention_cutoff(now: dt.datetime, *, years: int) -> dt.datetime:
    """``now`` moved back ``years`` years (29 February becomes the 28th)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def leavers_past_retention(cutoff: dt.datetime) -> QuerySet[User]:
    """People who left, not yet anonymised, whose last trace is before ``cutoff``.

    The last trace is the latest of their last sign-in, their latest learning
    record (xAPI statement) and their arrival on the platform.
    """
    last_trace = Greatest(
        Coalesce(Max("statements__timestamp"), F("date_joined")),
        Coalesce(F("last_login"), F("date_joined")),
    )
    return (
        User.objects.filter(is_active=False, anonymisation__isnull=True)
        .annotate(last_trace=last_trace)
        .filter(last_trace__lt=cutoff)
        .order_by("pk")
    )
