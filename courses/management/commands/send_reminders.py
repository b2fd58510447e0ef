from typing import Any

from django.core.management.base import BaseCommand

from courses.actions import send_assignment_reminders


class Command(BaseCommand):
    help = "E-mail reminders for mandatory training due within a week or overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_assignment_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
