from typing import Any

from django.core.management.base import BaseCommand

from courses.demo import load_demo_courses
from lms.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo network: two towns, their charts, ~300 people, demo accounts "
        "and a catalogue of courses in French and English. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = load_demo()
        load_demo_courses()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<8} {account.role}")
