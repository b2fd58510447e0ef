from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from courses.community.tasks import FREQUENCIES, enqueue_digests


class Command(BaseCommand):
    help = (
        "Queue the community digests of people who chose a daily or weekly "
        "digest (run daily and weekly from cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("frequency", choices=sorted(FREQUENCIES))

    def handle(self, *args: Any, **options: Any) -> None:
        count = enqueue_digests(options["frequency"])
        self.stdout.write(_("%(count)s digests queued.") % {"count": count})
