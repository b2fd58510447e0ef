from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.plan.demo import load_demo_plan


class Command(BaseCommand):
    help = (
        "Load Saint-Aubin's demo pilots and adopted local digital plan (after "
        "load_demo's towns and people). Safe to run again. Development only."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("load_plan_demo runs only when DEBUG is on. Nothing was loaded.")
            )
        plan = load_demo_plan()
        if plan is not None:
            self.stdout.write(f"Demo plan: {plan}")
