from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skills.actions import apply_digcomp_supplement
from skills.framework_files import FrameworkFileError, read_digcomp_xlsx


class Command(BaseCommand):
    help = "Add the JRC DigComp 3.0 data supplement (XLSX): descriptors, statements, outcomes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        try:
            data = read_digcomp_xlsx(path.read_bytes())
        except FrameworkFileError as error:
            raise CommandError("\n".join(error.problems)) from error
        result = apply_digcomp_supplement(data)
        self.stdout.write(
            f"DigComp 3.0: {len(data['competence_descriptors'])} competences, "
            f"{result['items']} statements and outcomes ({result['created']} new)."
        )
