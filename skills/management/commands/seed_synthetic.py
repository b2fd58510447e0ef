import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.models import Organisation
from skills.actions import rebuild_snapshots
from skills.synthetic import seed_organisation


class Command(BaseCommand):
    help = "Create a synthetic town with people, expectations and months of evidence."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--months", type=int, default=36)
        parser.add_argument("--slug", default=None)

    def handle(
        self, *args: Any, people: int, months: int, slug: str | None, **options: Any
    ) -> None:
        if people < 1 or not 1 <= months <= 240:
            raise CommandError(
                "--people must be positive and --months between 1 and 240"
            )
        slug = slug or f"synthetic-{people}-{months}"
        if Organisation.objects.filter(slug=slug).exists():
            self.stdout.write(f"{slug} already exists: reusing it.")
            return
        started = time.perf_counter()
        town = seed_organisation(people=people, months=months, slug=slug)
        seeded = time.perf_counter()
        rows = rebuild_snapshots(organisation=town)
        self.stdout.write(
            f"{slug}: {people} people seeded in {seeded - started:.1f} s; "
            f"{rows} snapshot rows built in {time.perf_counter() - seeded:.1f} s."
        )
