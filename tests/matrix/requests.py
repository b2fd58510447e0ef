"""The permission matrix's requests: ``Prober`` requests each URL as one person
(GET, GET with a query naming town A, POST naming town A), each request inside a
savepoint rolled back afterwards, and reports what it saw: the status, whether
town A's ``MARKER`` showed, which tables the request wrote, and any exception.
"""

from __future__ import annotations

import re
import traceback
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from io import BytesIO
from typing import Any

from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client

from tests.matrix.patterns import Probe
from tests.matrix.writes import OwnRows, Write, WriteRecorder
from tests.town_a import BLOCK_ID, ID, MARKER, SEARCH_WORD, SECOND_ID, TownA


def query_naming_town_a(town: TownA) -> dict[str, str]:
    """Filters, searches and ids a listing or form might take, all town A's
    (not ``page``: listings read it as a page number, and a 404 would hide them)."""
    ids = {
        name: str(ID)
        for name in (
            "id",
            "pk",
            "organisation",
            "department",
            "departments",
            "job_role",
            "job_roles",
            "parent",
            "person",
            "people",
            "user",
            "manager",
            "collection",
            "collection_id",
            "framework",
            "competence",
            "package",
            "image",
            "document",
            "revision",
        )
    }
    return {
        **ids,
        "course": str(ID),
        "lesson": str(SECOND_ID),
        "block": BLOCK_ID,
        "key": str(town.key),
        "q": SEARCH_WORD,
    }


# --- What a response shows ---------------------------------------------------


def response_text(response: Any) -> str:
    """Everything a response shows a person, decoded: the body (PDF streams
    inflated, zip members such as xlsx read), the headers that carry names, and
    the messages it queues for the next page."""
    if getattr(response, "streaming", False):
        # The test client closes the response once its content is consumed.
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    parts = [body]
    if body.startswith(b"%PDF"):
        for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
            try:
                parts.append(zlib.decompress(stream))
            except zlib.error:
                continue
    elif body.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(body)) as archive:
                parts.extend(archive.read(name) for name in archive.namelist())
        except zipfile.BadZipFile:
            pass
    for header in ("Location", "Content-Disposition"):
        parts.append(response.get(header, "").encode())
    morsel = response.cookies.get(CookieStorage.cookie_name)
    if morsel is not None and morsel.value:
        decoded = CookieStorage(HttpRequest())._decode(morsel.value) or []
        parts.extend(str(message).encode() for message in decoded)
    return "\n".join(part.decode("utf-8", "replace") for part in parts)


def shows_marker(text: str) -> bool:
    return MARKER.lower() in text.lower()


# --- One person's walk -------------------------------------------------------


@dataclass
class Outcome:
    method: str
    url: str
    status: int | None
    shows_marker: bool = False
    writes: list[Write] = field(default_factory=list)
    error: str = ""


class Prober:
    """Request every probe as the person ``client`` is signed in as."""

    def __init__(
        self,
        client: Client,
        town: TownA,
        *,
        own_rows: OwnRows | None = None,
    ) -> None:
        self.client = client
        self.query = query_naming_town_a(town)
        self.ids = (str(ID), str(SECOND_ID), str(town.key))
        self.own_rows = own_rows
        self.cookies = SimpleCookie()
        self.cookies.load(client.cookies.output(header="", sep=";"))

    def walk(self, found: Sequence[Probe], *, post: bool = True) -> list[Outcome]:
        """GET and POST each URL; GET it with the query too unless its path
        already names an object by id."""
        outcomes = []
        for probe in found:
            outcomes.append(self.request("GET", probe.url, {}))
            if not self.names_town_a(probe.url):
                outcomes.append(self.request("GET", probe.url, self.query))
            if post:
                outcomes.append(self.request("POST", probe.url, self.query))
        return outcomes

    def names_town_a(self, url: str) -> bool:
        return any(value in url for value in self.ids)

    def request(self, method: str, url: str, data: dict[str, str]) -> Outcome:
        recorder = WriteRecorder()
        # Reports write the query naming town A as "?<query>".
        shown = f"{url}?<query>" if data and method == "GET" else url
        outcome = Outcome(method, shown, None)
        try:
            with transaction.atomic():
                with connection.execute_wrapper(recorder):
                    if method == "GET":
                        response = self.client.get(url, data)
                    else:
                        response = self.client.post(url, data)
                    outcome.status = response.status_code
                    outcome.shows_marker = shows_marker(response_text(response))
                outcome.writes = list(recorder.writes)
                if self.own_rows is not None:
                    outcome.writes += self.own_rows.changes(outcome.writes)
                transaction.set_rollback(True)
        except Exception as error:  # the test client re-raises a view's error
            outcome.status = 500
            frame = traceback.extract_tb(error.__traceback__)[-1]
            outcome.error = (
                f"{type(error).__name__}: {str(error)[:200]} "
                f"({frame.filename.split('site-packages/')[-1]}:{frame.lineno})"
            )
        finally:
            # Each request starts from the person's own session, whatever the
            # last one did (signing out, messages, language).
            self.client.cookies = SimpleCookie()
            self.client.cookies.load(self.cookies.output(header="", sep=";"))
        return outcome
