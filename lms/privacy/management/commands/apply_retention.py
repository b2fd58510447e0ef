from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from lms.privacy.actions import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise people who left more than LEARNING_RECORDS_RETENTION_YEARS ago "
        "and remove names from older learning records (run daily)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = apply_retention()
        self.stdout.write(
            f"Retention {settings.LEARNING_RECORDS_RETENTION_YEARS} years. "
            f"People anonymised: {result.people}. Without names now: "
            f"{result.statements} statements, {result.scorm_states} SCORM records."
        )
