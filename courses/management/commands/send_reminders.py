from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from courses import reminders
from courses.actions import send_assignment_reminders


class Command(BaseCommand):
    help = (
        "E-mail reminders for mandatory training due within a week or overdue, "
        "then those of the apps that registered a sender (courses/reminders.py)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        sent = send_assignment_reminders(today=today)
        self.stdout.write(f"{sent} reminder(s) sent.")
        for name, sender in reminders.senders():
            self.stdout.write(f"{name}: {sender(today)} reminder(s) sent.")
