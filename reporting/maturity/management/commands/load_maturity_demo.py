from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.maturity.demo import load_maturity_demo


class Command(BaseCommand):
    help = (
        "Load Saint-Aubin's demo maturity assessments (last year and this year). "
        "Run by load_demo; safe to run again. Development only."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("load_maturity_demo runs only when DEBUG is on. Nothing was loaded.")
            )
        for assessment in load_maturity_demo():
            self.stdout.write(f"{assessment}: {assessment.overall}")
