from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Mentoring between colleagues of a network of towns: opt-ins per
    competence, matching rounds on validated levels, the pairs' spaces and the
    evidence a finished mentoring records. Its own tables, under the
    ``mentoring`` label."""

    name = "courses.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"
