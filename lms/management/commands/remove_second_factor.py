from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lms.backends import find_account
from lms.security.actions import remove_devices


class Command(BaseCommand):
    help = (
        "Remove a person's second-factor device (a lost phone); they set up a "
        "new one at their next sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("account", help="username or e-mail address")

    def handle(self, *args: Any, account: str, **options: Any) -> None:
        user = find_account(account)
        if user is None:
            raise CommandError(f"No account named {account!r}.")
        removed = remove_devices(user)
        self.stdout.write(f"{removed} device(s) removed for {user.get_username()}.")
