from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """Pilots of digital services, the town's local digital plan and the
    practices towns share across their network. Its own tables, under the
    ``plan`` label; reads the skills snapshots and the course catalogue."""

    name = "reporting.plan"
    label = "plan"
    verbose_name = _("Local digital plan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.community import panels
        from reporting.plan.queries import community_practices_panel

        panels.register(
            panels.Panel(
                name="plan-practices",
                template="plan/includes/community_practices.html",
                context=community_practices_panel,
            )
        )
