from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.management.options import town_from_slug
from skills.actions import load_framework
from skills.framework_files import FrameworkFileError, read_framework_file


class Command(BaseCommand):
    help = "Import a custom competence framework (CSV or JSON) as a new version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--version", dest="label", default="1")
        parser.add_argument("--organisation", help="slug of the owning town")

    def handle(
        self,
        *args: Any,
        path: Path,
        slug: str,
        name: str,
        label: str,
        organisation: str | None,
        **options: Any,
    ) -> None:
        owner = town_from_slug(organisation)
        try:
            data = read_framework_file(path.name, path.read_bytes())
        except (OSError, FrameworkFileError) as error:
            raise CommandError(str(error)) from error
        version = load_framework(
            {**data, "slug": slug, "name": name, "version": label}, organisation=owner
        )
        self.stdout.write(
            f"{version}: {version.competences.count()} competences, {version.levels.count()} levels."
        )
