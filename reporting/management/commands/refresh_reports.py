import time
from typing import Any

from django.core.management.base import BaseCommand

from reporting.actions import rebuild_skills_summary


class Command(BaseCommand):
    help = "Rebuild the skills summary that dashboards read (run nightly)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = rebuild_skills_summary()
        self.stdout.write(
            f"{rows} summary rows in {time.perf_counter() - started:.2f} s."
        )
