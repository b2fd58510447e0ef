"""Post a real multipart body and see how much of it the server read."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.test.client import encode_multipart

BOUNDARY = "civicskills-upload-test"
MB = 1024 * 1024


def post_file(
    client: Client,
    path: str,
    fields: dict[str, Any],
    *,
    size: int,
    file_field: str = "file",
    filename: str = "upload.bin",
    follow: bool = True,
    headers: dict[str, str] | None = None,
) -> tuple[HttpResponse, int, int]:
    """POST ``fields`` then one file of ``size`` bytes to ``path``, as a browser
    sends a form (the file last).

    Returns the response, the number of body bytes the server read and the body's
    length.
    """
    data = {**fields, file_field: SimpleUploadedFile(filename, b"x" * size)}
    body = encode_multipart(BOUNDARY, data)
    stream = io.BytesIO(body)
    response = client.post(
        path,
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        follow=follow,
        headers=headers,
        **{"wsgi.input": stream},
    )
    return response, stream.tell(), len(body)
