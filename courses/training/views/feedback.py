from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from lms.http import AuthenticatedHttpRequest


def report_error(
    request: AuthenticatedHttpRequest, error: ValidationError | PermissionDenied
) -> None:
    """Show why an action refused, as one error message."""
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
