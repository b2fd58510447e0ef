from typing import Any

from django.core.management.base import BaseCommand

from courses.training.actions import send_training_reminders


class Command(BaseCommand):
    help = (
        "E-mail training participants the day before their session, and "
        "managers about sign-ups awaiting their approval."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_training_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
