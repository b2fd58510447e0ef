"""Log every export of personal data (docs/privacy.md, "The export log")."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lms.privacy import actions
from lms.privacy.exports import EXPORT_VIEWS


class ExportLogMiddleware:
    """Write a ``PersonalDataExport`` row for each file an export view serves.

    Only successful downloads count (status 200, ``Content-Disposition:
    attachment``): a refused or failed request exported nothing. The views are
    named in ``lms.privacy.exports.EXPORT_VIEWS``; they need no change.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        describe = EXPORT_VIEWS.get(match.view_name) if match else None
        if (
            describe is not None
            and response.status_code == 200
            and response.get("Content-Disposition", "").startswith("attachment")
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            note = describe(request, match.kwargs)
            actions.log_export(
                request.user,
                kind=note.kind,
                detail=note.detail,
                organisation_id=note.organisation_id,
                path=request.get_full_path(),
            )
        return response
