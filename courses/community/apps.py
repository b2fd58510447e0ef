from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Peer learning between the towns of a network: communities of practice,
    questions offered to colleagues who hold the skill, practice sheets and
    intercity exchanges. Its own tables, under the ``community`` label."""

    name = "courses.community"
    label = "community"
    verbose_name = _("Communities of practice")
    default_auto_field = "django.db.models.BigAutoField"
