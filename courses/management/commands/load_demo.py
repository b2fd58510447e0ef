import io
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.demo.catalogue import load_demo_courses
from courses.demo.community import load_demo_community
from courses.demo.mentoring import load_demo_mentoring
from lms.demo import DEMO_PASSWORD, load_demo
from skills.actions import rebuild_snapshots


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
        started = time.perf_counter()
        accounts = load_demo()
        # Month-end levels of the towns whose history was just loaded (a second
        # run loads none), then the summary dashboards read (reporting's own
        # command: courses does not import reporting).
        for town in load_demo_courses():
            rebuild_snapshots(organisation=town)
        # After the history: the helper's level rests on it.
        load_demo_community()
        load_demo_mentoring()
        call_command("refresh_reports", stdout=io.StringIO())
        # Pilots and the local digital plan (reporting.plan's own command).
        call_command("load_plan_demo", stdout=io.StringIO())
        # Maturity assessments read the snapshots just rebuilt (reporting's own
        # command, by name, for the same reason).
        call_command("load_maturity_demo", stdout=io.StringIO())
        self.stdout.write(
            _("Two years of history loaded in %(seconds).1f s.")
            % {"seconds": time.perf_counter() - started}
        )
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<8} {account.role}")
