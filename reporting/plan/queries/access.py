"""Who may see or change what in the plan, and the access helpers every
page starts with.

Who may do what (docs/plan.md): a town's HR admins and the plan managers HR
named among its people write its pilots and plan; its elected officials read
them and comment on a plan before adoption; nobody else, and nobody of another
town, sees them (404 for another town's objects, 403 for a person of the town
without the role).
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lms.models import Department, User
from reporting.plan.models import (
    Action,
    Milestone,
    Pilot,
    Plan,
    PlanManager,
    Practice,
)

# --- who may ---------------------------------------------------------------


_UNKNOWN = object()


def is_plan_manager(user: User) -> bool:
    """Whether HR of the person's own town named them plan manager. An
    appointment made by another town (the person has moved since) counts for
    nothing. One query per user object, kept on it for the request."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return False
    town = getattr(user, "_plan_manager_town", _UNKNOWN)
    if town is _UNKNOWN:
        town = (
            PlanManager.objects.filter(person_id=user.pk)
            .order_by()
            .values_list("organisation_id", flat=True)
            .first()
        )
        user._plan_manager_town = town  # type: ignore[attr-defined]
    return town == user.organisation_id


MENU_CACHE_KEY = "plan:manager-town:{}"
MENU_CACHE_SECONDS = 24 * 60 * 60


def forget_plan_manager(person_id: int) -> None:
    """Drop what the menu cached about ``person_id`` (appointed or removed)."""
    cache.delete(MENU_CACHE_KEY.format(person_id))


def shows_plan_menu(user: User) -> bool:
    """Whether the main menu links to the plan. HR and officials by their
    flags; anyone else when named plan manager of their own town, read where
    it costs nothing: on the user object when the page already asked, else in
    the cache (one query per person while it is cold, none after; the
    appointment and its removal clear it; a move of town needs no clearing,
    since the cached value is the appointing town)."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return False
    if user.is_hr_admin or user.is_elected:
        return True
    town = getattr(user, "_plan_manager_town", _UNKNOWN)
    if town is _UNKNOWN:
        key = MENU_CACHE_KEY.format(user.pk)
        town = cache.get(key, _UNKNOWN)
        if town is _UNKNOWN:
            town = (
                PlanManager.objects.filter(person_id=user.pk)
                .order_by()
                .values_list("organisation_id", flat=True)
                .first()
            )
            cache.set(key, town, MENU_CACHE_SECONDS)
        user._plan_manager_town = town  # type: ignore[attr-defined]
    return town == user.organisation_id


def may_read_plans(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and (user.is_hr_admin or user.is_elected or is_plan_manager(user))
    )


def may_write_plans(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and (user.is_hr_admin or is_plan_manager(user))
    )


def may_appoint_plan_managers(user: User) -> bool:
    """HR of the town only: a plan manager does not name others."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and user.is_hr_admin
    )


def town_id(user: User) -> int:
    """The person's town (0, which names none, for someone without one)."""
    return user.organisation_id or 0


def require_reader(user: User) -> None:
    if not may_read_plans(user):
        raise PermissionDenied


def require_writer(user: User) -> None:
    if not may_write_plans(user):
        raise PermissionDenied


def _own(user: User, queryset: QuerySet, pk: int, *, write: bool) -> object:
    (require_writer if write else require_reader)(user)
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_pilot_for(user: User, pk: int, *, write: bool = False) -> Pilot:
    pilots = Pilot.objects.filter(organisation_id=town_id(user))
    return _own(user, pilots.select_related("department"), pk, write=write)  # type: ignore[return-value]


def access_plan_for(user: User, pk: int, *, write: bool = False) -> Plan:
    plans = Plan.objects.filter(organisation_id=town_id(user))
    return _own(user, plans, pk, write=write)  # type: ignore[return-value]


def access_action_for(user: User, pk: int, *, write: bool = False) -> Action:
    actions = Action.objects.filter(plan__organisation_id=town_id(user)).select_related(
        "plan", "department", "pilot", "practice__organisation", "learning_path"
    )
    return _own(user, actions, pk, write=write)  # type: ignore[return-value]


def access_milestone_for(user: User, pk: int) -> Milestone:
    milestones = Milestone.objects.filter(
        action__plan__organisation_id=town_id(user)
    ).select_related("action")
    return _own(user, milestones, pk, write=True)  # type: ignore[return-value]


def require_appointer(user: User) -> None:
    if not may_appoint_plan_managers(user):
        raise PermissionDenied


def plan_managers_of(user: User) -> QuerySet[PlanManager]:
    """The plan managers of HR's own town (appointments left behind by a
    person who has moved to another town are not listed: they count for
    nothing)."""
    require_appointer(user)
    town = town_id(user)
    return PlanManager.objects.filter(
        organisation_id=town, person__organisation_id=town
    ).select_related("person__department", "appointed_by")


def access_plan_manager_for(user: User, pk: int) -> PlanManager:
    return _own(user, plan_managers_of(user), pk, write=True)  # type: ignore[return-value]


def people_of(user: User) -> QuerySet[User]:
    """The active people of HR's town, staff and officials alike."""
    require_appointer(user)
    return User.objects.filter(organisation_id=town_id(user), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def appointable_people(user: User) -> QuerySet[User]:
    """The active people of HR's town who are not plan managers of it yet."""
    return people_of(user).exclude(plan_manager__organisation_id=town_id(user))


def practices_for(user: User) -> QuerySet[Practice]:
    """Practices published by the towns of the person's network (their own
    included), newest first."""
    require_reader(user)
    network_id = user.organisation.network_id if user.organisation else None
    if network_id is None:
        return Practice.objects.filter(organisation_id=town_id(user))
    return Practice.objects.filter(organisation__network_id=network_id)


def access_practice_for(user: User, pk: int, *, write: bool = True) -> Practice:
    practices = practices_for(user).select_related(
        "pilot__department", "organisation", "community"
    )
    return _own(user, practices, pk, write=write)  # type: ignore[return-value]


def departments_of(user: User) -> QuerySet[Department]:
    return Department.objects.filter(organisation_id=town_id(user))


def staff_of(user: User) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=town_id(user), kind=User.Kind.STAFF, is_active=True
    ).order_by("last_name", "first_name")
