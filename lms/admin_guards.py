"""Guards in front of Wagtail admin views that would otherwise cross towns.

Wagtail's bulk actions list every chosen object by name, including the ones the
person may not act on ("you don't have permission to …"), and select "all" by
querying the whole table. For anyone but a platform admin, every chosen object
must be one the model's permission policy lets them change or delete, and "all"
is refused: the explicit ids of the visible rows still work.
"""

from __future__ import annotations

from django.apps import apps
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.permissions import policy_registry

BULK_ACTIONS = ["change", "delete", "publish", "unpublish", "move", "lock", "unlock"]


@require_admin_access
def bulk_action(
    request: HttpRequest, app_label: str, model_name: str, action: str
) -> HttpResponse:
    ids = set(request.GET.getlist("id"))
    if not all(pk == "all" or _is_id(pk) for pk in ids):
        raise Http404  # Wagtail would fail on it
    if not request.user.is_superuser:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError as error:
            raise Http404 from error
        if not ids or "all" in ids:
            raise Http404
        policy = policy_registry.get_by_type(model)
        allowed = policy.instances_user_has_any_permission_for(
            request.user, BULK_ACTIONS
        )
        if allowed.filter(pk__in=ids).count() != len(ids):
            raise Http404
    return wagtail_bulk_action(request, app_label, model_name, action)


def _is_id(value: str) -> bool:
    """What the key of every model with bulk actions holds: a positive bigint."""
    return value.isascii() and value.isdigit() and 0 < int(value) < 2**63
