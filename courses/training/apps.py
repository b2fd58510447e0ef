from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training sessions (in-person and virtual classes): registration, waiting
    lists, attendance and the hours they count. A lesson activity like H5P and
    SCORM, with its own tables under the ``training`` label."""

    name = "courses.training"
    label = "training"
    verbose_name = _("Training sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses import activities
        from courses.training.activity import TRAINING_ACTIVITY

        activities.register(TRAINING_ACTIVITY)
