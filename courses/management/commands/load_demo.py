from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.demo.catalogue import load_demo_courses
from lms.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo network: two towns, their charts, ~300 people, demo accounts "
        "and a catalogue of courses in French and English. Safe to run again. "
        "Development only: refused unless DEBUG is on."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            # Demo accounts share one published password: never on a real site.
            raise CommandError(
                _(
                    "load_demo creates accounts with a published password and runs "
                    "only when DEBUG is on (DJANGO_SETTINGS_MODULE=lms.settings.dev). "
                    "Nothing was loaded."
                )
            )
        accounts = load_demo()
        load_demo_courses()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<8} {account.role}")
