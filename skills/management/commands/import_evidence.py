import csv
import io
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.management.options import town_from_slug
from lms.models import User
from skills.actions import import_evidence
from skills.queries import current_framework_version


class Command(BaseCommand):
    help = (
        "Import outside assessments (e.g. a Pix export mapped to DigComp) as evidence: "
        "employee_number, competence_code, level, observed_at[, expires_at]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--organisation", required=True)
        parser.add_argument(
            "--as-user", required=True, help="username of the HR admin importing"
        )
        parser.add_argument("--framework", default="digcomp")

    def handle(
        self,
        *args: Any,
        path: Path,
        organisation: str,
        as_user: str,
        framework: str,
        **options: Any,
    ) -> None:
        town = town_from_slug(organisation)
        user = User.objects.filter(username=as_user).first()
        version = current_framework_version(framework)
        if user is None or version is None:
            raise CommandError("Unknown user or framework.")
        if town is None:  # --organisation is required: the option parser said so
            raise CommandError("No organisation given.")
        try:
            rows = list(
                csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
            )
            count = import_evidence(
                town, rows, version=version, recorded_by=user, source_ref=path.name
            )
        except (OSError, UnicodeDecodeError, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(f"{count} pieces of evidence imported.")
