from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from courses.actions import import_scorm
from courses.scorm import ScormError
from lms.models import Organisation


class Command(BaseCommand):
    help = (
        "Import a SCORM 1.2 or 2004 zip; prints the package id, its version and its "
        "number of SCOs, or why it was refused."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--title", default="")
        parser.add_argument("--organisation", help="slug of the owning town")

    def handle(
        self,
        *args: Any,
        path: Path,
        title: str,
        organisation: str | None,
        **options: Any,
    ) -> None:
        owner = None
        if organisation:
            owner = Organisation.objects.filter(slug=organisation).first()
            if owner is None:
                raise CommandError(f"No organisation {organisation!r}.")
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            with path.open("rb") as handle:
                package = import_scorm(handle, title=title, organisation=owner)
        except ScormError as error:
            raise CommandError("Refused: " + "; ".join(error.problems)) from error
        scos = package.scos.filter(is_sco=True).count()
        self.stdout.write(f"{package.pk} {package.version_label} {scos} SCO(s)")
