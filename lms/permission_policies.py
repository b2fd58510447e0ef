"""Back-office permissions for town roles: what an HR admin or an author may do,
and on which rows.

Town roles (HR admins, content authors) hold no Django model permission: those
are left to platform admins, so Wagtail's own cross-town views (users, groups,
site history) stay closed to them. Each town-owned model that the back office
shows to town roles registers a ``TownPermissionPolicy`` instead: it grants
actions by role flag, and only on rows of the person's own organisation (plus
rows marked as shared, for reading and choosing).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from lms.models import Department, JobRole, User

READ_ACTIONS = frozenset({"view", "choose"})
# What an HR admin may do with their town's rows of a model they administer.
HR_ACTIONS = frozenset({"add", "change", "delete", "view"})


class TownPermissionPolicy(BasePermissionPolicy):
    """Grant ``actions`` to people with a role flag, on their own town's rows.

    ``grants`` maps a flag of ``User`` (``is_hr_admin``, ``is_author``) to the
    actions it allows. ``organisation_field`` is the lookup from the model to its
    organisation (``"organisation"``, ``"job_role__organisation"``). ``shared``,
    when given, selects rows every role holder may read and choose whatever their
    town. ``out_of_reach`` selects rows no town role may touch, even in their
    own town (platform admins' accounts). Platform admins (active superusers)
    may do everything.
    """

    def __init__(
        self,
        model: type[Model],
        *,
        grants: Mapping[str, Collection[str]],
        organisation_field: str = "organisation",
        shared: Q | None = None,
        out_of_reach: Q | None = None,
    ) -> None:
        super().__init__(model)
        self.grants = {flag: frozenset(actions) for flag, actions in grants.items()}
        self.organisation_field = organisation_field
        self.shared = shared
        self.out_of_reach = out_of_reach

    def _granted(self, user: Any) -> frozenset[str]:
        if not (user.is_authenticated and user.is_active):
            return frozenset()
        granted: set[str] = set()
        for flag, actions in self.grants.items():
            if getattr(user, flag, False):
                granted |= actions
        return frozenset(granted)

    def user_has_permission(self, user: Any, action: str) -> bool:
        if user.is_active and user.is_superuser:
            return True
        return action in self._granted(user)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[User]:
        actions = set(actions)
        flags = [flag for flag, granted in self.grants.items() if granted & actions]
        condition = Q(is_superuser=True)
        for flag in flags:
            condition |= Q(**{flag: True})
        return User.objects.filter(condition, is_active=True)

    def users_with_permission(self, action: str) -> QuerySet[User]:
        return self.users_with_any_permission([action])

    def instances_user_has_any_permission_for(
        self, user: Any, actions: Iterable[str]
    ) -> QuerySet:
        """Rows on which ``user`` may perform at least one of ``actions``."""
        objects = self.model._default_manager.all()
        if user.is_active and user.is_superuser:
            return objects
        granted = self._granted(user) & set(actions)
        condition = Q(pk__in=[])
        if granted and user.organisation_id:
            condition |= Q(**{self.organisation_field: user.organisation_id})
        if self.shared is not None and granted & READ_ACTIONS:
            condition |= self.shared
        objects = objects.filter(condition)
        if self.out_of_reach is not None:
            objects = objects.exclude(self.out_of_reach)
        return objects

    def instances_user_has_permission_for(self, user: Any, action: str) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(
        self, user: Any, action: str, instance: Model
    ) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Model
    ) -> bool:
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def users_with_any_permission_for_instance(
        self, actions: Iterable[str], instance: Model
    ) -> QuerySet[User]:
        people = self.users_with_any_permission(actions)
        organisation_id = (
            self.model._default_manager.filter(pk=instance.pk)
            .values_list(self.organisation_field, flat=True)
            .first()
        )
        return people.filter(Q(is_superuser=True) | Q(organisation_id=organisation_id))

    def visible_to(self, user: Any, queryset: QuerySet) -> QuerySet:
        """``queryset`` narrowed to the rows ``user`` may do anything with."""
        allowed = self.instances_user_has_any_permission_for(
            user, {"add", "change", "delete", "view", "choose"}
        )
        return queryset.filter(pk__in=allowed.values("pk"))


department_policy = TownPermissionPolicy(Department, grants={"is_hr_admin": HR_ACTIONS})
job_role_policy = TownPermissionPolicy(JobRole, grants={"is_hr_admin": HR_ACTIONS})
# Not registered for ``User``: Wagtail's own users admin keeps Django's model
# permissions, which only platform admins hold. A platform admin's account is
# never a town's to edit, even one that belongs to the town: changing its
# e-mail address would hand over the platform.
person_policy = TownPermissionPolicy(
    User, grants={"is_hr_admin": HR_ACTIONS}, out_of_reach=Q(is_superuser=True)
)
