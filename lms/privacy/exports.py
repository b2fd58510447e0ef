"""The views that hand out other people's personal data, and how each download
is described in the export log.

A view that starts exporting people's data joins ``EXPORT_VIEWS`` (by URL
name); ``ExportLogMiddleware`` then logs each file it serves. Nothing in the
exporting view changes, whatever app it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from lms.models import User
from lms.privacy.models import PersonalDataExport

Kind = PersonalDataExport.Kind


@dataclass(frozen=True)
class ExportNote:
    kind: str
    detail: str
    organisation_id: int | None


def _int(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


def _people_file(request: HttpRequest, kwargs: dict[str, Any]) -> ExportNote:
    return ExportNote(Kind.PEOPLE_FILE, str(kwargs.get("fmt", "")), _int(kwargs["pk"]))


def _dashboard(request: HttpRequest, kwargs: dict[str, Any]) -> ExportNote:
    dataset = request.GET.get("export", "")
    fmt = request.GET.get("format", "csv")
    # Only platform admins choose the town of a dashboard; others see their own.
    chosen = (
        _int(request.GET.get("organisation")) if request.user.is_superuser else None
    )
    return ExportNote(
        Kind.DASHBOARD,
        f"{kwargs.get('view', '')}: {dataset} ({fmt})",
        chosen or getattr(request.user, "organisation_id", None),
    )


def _person_archive(request: HttpRequest, kwargs: dict[str, Any]) -> ExportNote:
    pk = _int(kwargs["pk"])
    organisation = (
        User.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()
    )
    return ExportNote(Kind.PERSON_ARCHIVE, f"person {pk}", organisation)


def _training(request: HttpRequest, kwargs: dict[str, Any]) -> ExportNote:
    """An attendance sheet (``pk``: the session) or the hours per person."""
    pk = _int(kwargs.get("pk"))
    detail = f"session {pk}" if pk else f"hours {request.GET.get('year', '')}".strip()
    return ExportNote(
        Kind.TRAINING, detail, getattr(request.user, "organisation_id", None)
    )


EXPORT_VIEWS: dict[str, Callable[[HttpRequest, dict[str, Any]], ExportNote]] = {
    "lms_admin:people-export": _people_file,
    "reporting:hr-dashboard": _dashboard,
    "reporting:council-dashboard": _dashboard,
    "reporting:team-dashboard": _dashboard,
    "privacy_admin:person-archive": _person_archive,
    "training:sheet": _training,
    "training:sheet-pdf": _training,
    "training:hours-export": _training,
}
