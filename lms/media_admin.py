"""The back-office side of town collections: creating a town in the admin sets up
its collection, and Wagtail's admin API lists only the images and documents the
person may use (``lms.collections`` holds the rules)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from lms.collections import ensure_town_collection
from lms.models import Organisation


class OrganisationCreateView(generic.CreateView):
    """The admin's "add organisation": the town comes with its collection."""

    def save_instance(self) -> Organisation:
        organisation = super().save_instance()
        ensure_town_collection(organisation)
        return organisation


def _visible_to(request: Any, queryset: QuerySet, model: Any) -> QuerySet:
    """Narrow an admin API listing to what the person may choose or edit."""
    allowed = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        request.user, ["choose", "change"]
    )
    return queryset.filter(pk__in=allowed.values("pk"))


class TownDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """Wagtail's admin API for documents filters only by view restriction, which
    every signed-in person passes; this one also applies collection permissions."""

    def get_queryset(self) -> QuerySet:
        return _visible_to(self.request, super().get_queryset(), get_document_model())


class TownImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self) -> QuerySet:
        return _visible_to(self.request, super().get_queryset(), get_image_model())


@hooks.register("construct_admin_api", order=100)
def scope_media_admin_api(router: Any) -> None:
    """Replace Wagtail's document and image endpoints (registered before this)."""
    router.register_endpoint("documents", TownDocumentsAdminAPIViewSet)
    router.register_endpoint("images", TownImagesAdminAPIViewSet)
