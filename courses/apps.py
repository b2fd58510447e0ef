from typing import Any

from django.apps import AppConfig
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
        _forget_page_tree_on_changes()


def _forget_page_tree_on_changes() -> None:
    """Any saved, published, unpublished, moved or deleted page, view restriction,
    site or town drops what ``courses.tree_cache`` kept (a cache purge)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from courses.tree_cache import forget_page_tree

    for signal in (post_save, post_delete, page_published, page_unpublished):
        signal.connect(forget_page_tree, dispatch_uid="courses-page-tree")
    post_page_move.connect(forget_page_tree, dispatch_uid="courses-page-tree")


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
