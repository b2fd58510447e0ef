from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from lms.models import User


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from wagtail.models import Site

        from lms import checks  # noqa: F401 - registers the system checks
        from lms.models import User
        from lms.sites import forget_cached_sites

        post_save.connect(_sync_hr_group, sender=User, dispatch_uid="lms-hr-group")
        # A changed site shows at once, not after the minute it stays cached.
        for signal in (post_save, post_delete):
            signal.connect(forget_cached_sites, sender=Site, dispatch_uid="lms-sites")


def _sync_hr_group(sender: type[User], instance: User, **kwargs: Any) -> None:
    """Mirror the ``is_hr_admin`` flag into the town's HR group, which holds its
    rights on the town's images and documents.

    A side effect on Wagtail's permission tables, not a business rule: what the
    group may do is decided in ``lms.collections``.
    """
    if kwargs.get("raw"):
        return
    from lms.collections import sync_hr_membership

    sync_hr_membership(
        instance,
        created=kwargs.get("created", False),
        update_fields=kwargs.get("update_fields"),
    )
