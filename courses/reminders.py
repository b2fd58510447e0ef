"""Reminders sent by the daily ``manage.py send_reminders`` job besides the
course core's own (mandatory training).

The core imports nothing above it, so an app with something to remind on a
schedule (the maturity diagnosis reminds its respondents before an assessment
closes) registers a sender in its app config's ``ready()``, as content types
register activities: one cron line runs every reminder, and a new app needs no
new line. A sender takes the day and returns how many people it reminded; it
keeps its own record of what was sent, so a second run the same day sends
nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Sender = Callable[[dt.date], int]

_senders: dict[str, Sender] = {}


def register(name: str, sender: Sender) -> None:
    _senders[name] = sender


def senders() -> list[tuple[str, Sender]]:
    """The registered senders, in registration (app) order."""
    return list(_senders.items())
