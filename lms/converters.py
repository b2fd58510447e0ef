"""Path converters for the project's own URLs.

``<id:pk>`` takes a database id: ASCII digits only, from 1 to 2**63 - 1 (what a
PostgreSQL ``bigint`` and an SQLite ``INTEGER`` hold). Anything else does not match,
so the visitor gets a 404 before a view or the database sees the value; Django's
``<int:…>`` lets through numbers no database column can store.
"""

from __future__ import annotations

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError(value)  # the resolver reads this as "no match"
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


register_converter(IdConverter, "id")
