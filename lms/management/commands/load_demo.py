from typing import Any

from django.core.management.base import BaseCommand

from lms.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo network: two towns, their charts, ~300 people and demo accounts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<8} {account.role}")
