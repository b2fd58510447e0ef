from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from reporting.tasks import evidence_recorded

        # A side effect only: the summary is a cache of the snapshots, which
        # skills keeps current itself.
        post_save.connect(
            evidence_recorded,
            sender="skills.Evidence",
            dispatch_uid="reporting-evidence-refresh",
        )
