"""Back-office viewsets whose every view stays inside the signed-in person's town.

A viewset built on ``TownScopedViewSetMixin`` wraps each view it constructs
(index, add, edit, delete, history, usage, inspect, copy, choosers, and any view
a later Wagtail release adds) in ``TownScopedViewMixin``: listings are narrowed
to the rows the model's permission policy lets the person see, and an object
opened by id must pass the policy for the view's own action, or the view
answers 404. The policy (``lms.permission_policies.TownPermissionPolicy``) is
the one place that says who may do what on which rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet


class TownScopedViewMixin:
    """Narrow every list and lookup of a Wagtail generic view to the policy."""

    request: Any
    town_policy: Any = None

    def _scoped(self, queryset: QuerySet) -> QuerySet:
        return self.town_policy.visible_to(self.request.user, queryset)

    def _check(self, obj: Any) -> Any:
        if obj is None:
            return obj
        action = getattr(self, "permission_required", None) or "view"
        instance = getattr(obj, "specific", obj)
        if not self.town_policy.user_has_any_permission_for_instance(
            self.request.user, [action, *_implied(action)], instance
        ):
            raise Http404
        return obj

    # Listings (IndexView, choosers)
    def get_base_queryset(self) -> QuerySet:
        return self._scoped(super().get_base_queryset())  # type: ignore[misc]

    def get_object_list(self) -> QuerySet:
        return self._scoped(super().get_object_list())  # type: ignore[misc]

    def get_objects(self, pks: Any) -> QuerySet:
        return self._scoped(super().get_objects(pks))  # type: ignore[misc]

    # Lookups by id: SingleObjectMixin, BaseObjectMixin, choosers' ``chosen``
    def get_queryset(self) -> Any:
        queryset = super().get_queryset()  # type: ignore[misc]
        if isinstance(queryset, QuerySet) and queryset.model is self.town_policy.model:
            return self._scoped(queryset)
        return queryset

    def get_base_object_queryset(self) -> QuerySet:
        return self._scoped(super().get_base_object_queryset())  # type: ignore[misc]

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        return self._check(super().get_object(*args, **kwargs))  # type: ignore[misc]

    # Choosers: no "create" tab (nor a 500 on its URL) without a creation form.
    def can_create(self) -> bool:
        has_form = bool(
            getattr(self, "creation_form_class", None)
            or getattr(self, "form_fields", None)
        )
        return has_form and super().can_create()  # type: ignore[misc]


def _implied(action: str) -> tuple[str, ...]:
    """Actions that also allow a read-only view to open (Wagtail's own rule)."""
    return ("add", "change", "delete") if action == "view" else ()


class TownScopedViewSetMixin:
    """Construct every view of the viewset with ``TownScopedViewMixin``."""

    town_policy: Any = None

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        scoped = type(
            f"TownScoped{view_class.__name__}",
            (TownScopedViewMixin, view_class),
            # Wagtail's views otherwise look the policy up by model, and the
            # people admin shares its model with Wagtail's own users admin.
            {"town_policy": self.town_policy, "permission_policy": self.town_policy},
        )
        return super().construct_view(scoped, **kwargs)  # type: ignore[misc]

    @property
    def menu_item_class(self) -> type[MenuItem]:
        policy, actions = (
            self.town_policy,
            self.index_view_class.any_permission_required,
        )  # type: ignore[attr-defined]

        class TownMenuItem(MenuItem):
            def is_shown(self, request: Any) -> bool:
                return policy.user_has_any_permission(request.user, actions)

        return TownMenuItem


class ScopedViewSet(TownScopedViewSetMixin, ModelViewSet):
    """A model viewset for town-owned rows; set ``town_policy`` and ``form_class``."""

    inspect_view_enabled = False
    copy_view_enabled = False
    form_class: Any = None

    def get_form_class(self, for_update: bool = False) -> Any:
        return self.form_class


class TownSnippetViewSet(TownScopedViewSetMixin, SnippetViewSet):
    """A snippet viewset for town-owned rows, its chooser scoped the same way."""

    @property
    def chooser_viewset_class(self) -> type:
        return type(
            "TownScopedSnippetChooserViewSet",
            (TownScopedViewSetMixin, SnippetChooserViewSet),
            {"town_policy": self.town_policy},
        )
