from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from lms.models import User

        post_save.connect(
            _sync_author_group, sender=User, dispatch_uid="courses-authors"
        )
        from courses.models import H5PPackage, ScormPackage

        for model in (H5PPackage, ScormPackage):
            post_delete.connect(
                _remove_package_files,
                sender=model,
                dispatch_uid=f"courses-files-{model.__name__}",
            )


def _sync_author_group(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Mirror the ``is_author`` flag into Wagtail's group-based page permissions.

    A side effect on Wagtail's permission tables, not a business rule: which
    subtree a town's authors may edit is decided in ``courses.authoring``.
    """
    if kwargs.get("raw"):
        return
    from courses.authoring import sync_author_membership

    sync_author_membership(
        instance,
        created=kwargs.get("created", False),
        update_fields=kwargs.get("update_fields"),
    )


def _remove_package_files(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted package's own files go once the deletion is committed (shared
    H5P libraries stay: other packages use them)."""
    import shutil

    from courses import package_store
    from courses.models import H5PPackage

    folder = (
        package_store.content_root(instance.key)
        if isinstance(instance, H5PPackage)
        else package_store.scorm_root(instance.key)
    )
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
