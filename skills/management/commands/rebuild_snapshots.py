import time
from typing import Any

from django.core.management.base import BaseCommand

from skills.actions import rebuild_snapshots


class Command(BaseCommand):
    help = "Recompute every monthly snapshot from the evidence ledger."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = rebuild_snapshots()
        self.stdout.write(
            f"{rows} snapshot rows in {time.perf_counter() - started:.1f} s."
        )
