"""Uploads over ``settings.MAX_UPLOAD_BYTES`` are cut off while they stream in.

``UploadLimitHandler`` comes first in ``FILE_UPLOAD_HANDLERS``: it refuses a
request whose declared length is already too large as soon as its first file
starts, and counts the bytes of every file as they arrive, so nothing beyond the
limit is read, spooled to disk or handed to a view. ``UploadLimitMiddleware``
then answers in place of the view, which therefore stores nothing: the page
again with "The file is larger than N MB", or a JSON error for the back
office's multiple-upload requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

# Room for the form's other fields and the multipart headers around the file.
FORM_ALLOWANCE_BYTES = 1024 * 1024
_CUT_OFF = "_civicskills_upload_cut_off"


def upload_was_cut_off(request: HttpRequest) -> bool:
    """Whether the upload handler stopped reading this request's files."""
    return getattr(request, _CUT_OFF, False)


def upload_limit_message() -> str:
    return _("The file is larger than %(size)s MB.") % {
        "size": settings.MAX_UPLOAD_BYTES // (1024 * 1024)
    }


class UploadLimitHandler(FileUploadHandler):
    """Stop reading a multipart body once its files pass the limit."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> None:
        self.limit = settings.MAX_UPLOAD_BYTES
        self.received = 0
        # Django cannot stop here (this hook runs before its own error handling),
        # so a body declared too large is refused at its first file; the fields
        # before it, such as the CSRF token, are small and still read.
        self.declared_too_large = content_length > self.limit + FORM_ALLOWANCE_BYTES

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.declared_too_large:
            self._stop()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._stop()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _stop(self) -> None:
        setattr(self.request, _CUT_OFF, True)
        raise StopUpload(connection_reset=True)


class UploadLimitMiddleware(MiddlewareMixin):
    """Answer for the view when the request's upload was cut off.

    After ``MessageMiddleware``: a page gets the message and a redirect to itself
    (as a GET), an XMLHttpRequest (Wagtail's multiple upload) a JSON error in
    the shape Wagtail's uploader shows.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if request.method != "POST" or request.content_type != "multipart/form-data":
            return None
        request.POST  # noqa: B018 - parsed now, so the handler has had its say
        if not upload_was_cut_off(request):
            return None
        message = upload_limit_message()
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's uploader shows ``error_message`` only from a 200 answer.
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        response = HttpResponseRedirect(request.get_full_path())
        response.status_code = 303  # See Other: the page again, as a GET
        return response
