"""Writes to the learning record store."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import IntegrityError, transaction

from courses.records import xapi
from courses.records.models import Statement
from lms.models import User


def record_statement(
    statement: dict[str, Any], *, actor: User
) -> tuple[Statement, bool]:
    """Store one statement; the same id twice stores it once. Returns (row, created)."""
    statement_id = uuid.UUID(statement["id"])
    timestamp = dt.datetime.fromisoformat(statement["timestamp"])
    try:
        with transaction.atomic():
            return Statement.objects.get_or_create(
                id=statement_id,
                defaults={
                    "actor": actor,
                    "verb": statement["verb"]["id"],
                    "object_id": statement["object"]["id"],
                    "organisation_id": actor.organisation_id,
                    "timestamp": timestamp,
                    "data": statement,
                },
            )
    except IntegrityError:  # the same id stored by a concurrent request
        return Statement.objects.get(id=statement_id), False


def record_event(user: User, **kwargs: Any) -> Statement:
    """Build and store the statement of a server-side event (see
    ``xapi.build_statement`` for the arguments)."""
    statement, _created = record_statement(
        xapi.build_statement(user, **kwargs), actor=user
    )
    return statement
