"""What several community pages share: rate limits and the way an action's
refusal becomes a message.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lms.http import AuthenticatedHttpRequest

# Messages per person (threads and replies together), and reports.
POST_RATE = "10/m"
REPORT_RATE = "20/h"


def _error(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _limited(request: AuthenticatedHttpRequest) -> bool:
    if getattr(request, "limited", False):
        messages.error(request, _("Too many messages at once: wait a minute."))
        return True
    return False


def _attempt(request: AuthenticatedHttpRequest, write: Callable[[], object]) -> bool:
    try:
        write()
    except ValidationError as error:
        _error(request, error)
        return False
    return True
