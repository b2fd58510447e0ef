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
    site or town drops what ``courses.tree_cache`` kept (a cache purge).

    Saves and deletions are listened to for those models only: a ``post_delete``
    receiver for every model would keep Django from deleting any other rows in
    bulk (it loads each row to send the signal: 7.5 million snapshot rows took
    119 s and 6 GB)."""
    from wagtail.models import Page, PageViewRestriction, Site, get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from courses.tree_cache import forget_page_tree
    from lms.models import Organisation

    senders = {Page, PageViewRestriction, Site, Organisation, *get_page_models()}
    for sender in senders:
        for signal in (post_save, post_delete):
            signal.connect(
                forget_page_tree, sender=sender, dispatch_uid="courses-page-tree"
            )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_page_tree, dispatch_uid="courses-page-tree")


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
