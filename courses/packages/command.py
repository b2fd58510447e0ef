"""What ``import_h5p`` and ``import_scorm`` share: a path, an optional title and
owning town; the package is imported whole, or the command says why and fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Model

from courses.packages.checks import PackageError
from lms.management.options import town_from_slug


class PackageImportCommand(BaseCommand):
    def import_package(self, handle: BinaryIO, **options: Any) -> Model:
        raise NotImplementedError

    def describe(self, package: Model) -> str:
        """What the command prints on success."""
        return str(package.pk)

    def add_arguments(self, parser: CommandParser) -> None:
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
        owner = town_from_slug(organisation)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            with path.open("rb") as handle:
                package = self.import_package(handle, title=title, organisation=owner)
        except PackageError as error:
            raise CommandError("Refused: " + "; ".join(error.problems)) from error
        self.stdout.write(self.describe(package))
