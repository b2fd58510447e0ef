import csv
import io
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.management.options import town_from_slug
from skills.actions import import_expectations
from skills.queries import current_framework_version


class Command(BaseCommand):
    help = "Set expected levels per job role from a CSV (job_role_code, competence_code, level)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--framework", default="digcomp")

    def handle(
        self, *args: Any, path: Path, organisation: str, framework: str, **options: Any
    ) -> None:
        town = town_from_slug(organisation)
        version = current_framework_version(framework)
        if version is None:
            raise CommandError(f"No framework {framework!r}.")
        try:
            rows = list(
                csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
            )
            count = import_expectations(town, rows, version=version)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(f"{count} expected levels set.")
