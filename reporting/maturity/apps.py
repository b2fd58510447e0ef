from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    """The digital maturity diagnosis (issue #19): a versioned questionnaire,
    assessments answered by several respondent groups, and a digital-skills
    dimension computed from the skills snapshots. Sits above reporting's core,
    which never imports it; its tables carry the ``maturity`` label."""

    name = "reporting.maturity"
    label = "maturity"
    verbose_name = _("Digital maturity")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The daily ``send_reminders`` job of the course core runs the
        # scheduled reminders: courses may not import the diagnosis.
        from courses import reminders
        from reporting.maturity.actions import send_scheduled_reminders

        reminders.register("maturity", send_scheduled_reminders)
