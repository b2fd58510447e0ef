"""Who may see whom: every list of people starts from one of these helpers.

- a platform admin (superuser) sees everyone;
- an HR admin sees their own organisation;
- a manager sees their reports, transitively, and themselves;
- anyone else (a learner, an elected official) sees themselves only.
Elected officials get aggregates through reporting, never other people's rows.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from lms.models import Department, JobRole, Organisation, User


def _report_ids_sql(manager_id: int) -> RawSQL:
    """Ids of everyone below ``manager_id`` in the management chain (recursive CTE).

    One statement on both SQLite and PostgreSQL; ``UNION`` (not ``UNION ALL``)
    stops on a cycle.
    """
    table = User._meta.db_table
    # The id is a bound parameter; the table name comes from model metadata.
    return RawSQL(  # noqa: S611
        f"""
        WITH RECURSIVE chain(id) AS (
            SELECT id FROM {table} WHERE manager_id = %s
            UNION
            SELECT u.id FROM {table} u JOIN chain c ON u.manager_id = c.id
        )
        SELECT id FROM chain
        """,  # noqa: S608
        (manager_id,),
    )


def reports_of(manager: User) -> QuerySet[User]:
    """Everyone who reports to ``manager``, directly or not."""
    return User.objects.filter(id__in=_report_ids_sql(manager.pk))


def people_visible_to(user: User) -> QuerySet[User]:
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    if user.is_hr_admin and user.organisation_id:
        return User.objects.filter(organisation_id=user.organisation_id)
    if user.is_elected:
        return User.objects.filter(pk=user.pk)
    return User.objects.filter(pk=user.pk) | reports_of(user)


def organisations_administered_by(user: User) -> QuerySet[Organisation]:
    """Organisations whose people, chart and imports ``user`` may manage."""
    if user.is_superuser:
        return Organisation.objects.all()
    if user.is_active and user.is_hr_admin and user.organisation_id:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def departments_visible_to(user: User) -> QuerySet[Department]:
    if user.is_superuser:
        return Department.objects.all()
    if user.is_hr_admin and user.organisation_id:
        return Department.objects.filter(organisation_id=user.organisation_id)
    if user.is_elected or not user.department_id:
        return Department.objects.none()
    if user.reports.exists():
        return Department.objects.filter(
            pk__in=reports_of(user).values("department_id")
        ) | Department.objects.filter(pk=user.department_id)
    return Department.objects.filter(pk=user.department_id)


def job_roles_visible_to(user: User) -> QuerySet[JobRole]:
    return JobRole.objects.filter(organisation__in=organisations_administered_by(user))


def may_see_person(user: User, person: User) -> bool:
    return people_visible_to(user).filter(pk=person.pk).exists()


def may_see_organisation(user: User, organisation: Organisation) -> bool:
    """Whether ``user`` may see people-level data of ``organisation``."""
    return organisations_administered_by(user).filter(pk=organisation.pk).exists()


def access_person_for(user: User, pk: int) -> User:
    """The person ``pk`` if ``user`` may see them; 404 otherwise.

    A 404 (not 403) so that probing ids does not reveal who exists in another town.
    """
    person = (
        people_visible_to(user)
        .select_related("organisation", "department", "job_role", "manager")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def access_organisation_for(user: User, pk: int) -> Organisation:
    organisation = organisations_administered_by(user).filter(pk=pk).first()
    if organisation is None:
        raise PermissionDenied
    return organisation


class ExportedPerson(TypedDict):
    employee_number: str | None
    last_name: str
    first_name: str
    email: str
    kind: str
    department__code: str
    job_role__code: str
    manager__employee_number: str | None
    hire_date: dt.date | None
    preferred_language: str
    is_active: bool


def exported_people(organisation: Organisation) -> QuerySet[User, ExportedPerson]:
    """The town's people who have an employee number, by number, with the
    import's columns (``lms.people_file.export_rows`` writes them)."""
    return (
        User.objects.filter(organisation=organisation)
        .exclude(employee_number=None)
        .order_by("employee_number")
        .values(
            "employee_number",
            "last_name",
            "first_name",
            "email",
            "kind",
            "department__code",
            "job_role__code",
            "manager__employee_number",
            "hire_date",
            "preferred_language",
            "is_active",
        )
    )
