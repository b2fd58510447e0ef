"""How town A's objects are recognised and addressed: the marker and search
word, the ids they are renumbered to, and what the walk needs to reach them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import connection, models

from lms.models import Organisation, User

MARKER = "Secretvalue"
# In every object too, so a search for it finds them all; never the marker.
SEARCH_WORD = "Quintessa"
ID = 900001
SECOND_ID = 900002
BLOCK_ID = "matrixblock"
LABEL = f"{SEARCH_WORD} {MARKER}"


@dataclass(frozen=True)
class TownA:
    """What the walk needs to address town A's objects."""

    organisation: Organisation
    person: User
    key: uuid.UUID
    course_path: str  # below the site root, e.g. "montval/quintessa-course/"
    lesson_path: str
    document_filename: str
    package_files: tuple[str, ...]


def renumber(instance: models.Model, pk: int) -> None:
    """Give ``instance`` the primary key ``pk``, and every row pointing at it too.

    Foreign keys are deferred to the end of the transaction on SQLite and
    PostgreSQL, so the row and its references can move one after the other.
    """
    model = type(instance)
    old = instance.pk
    model._base_manager.filter(pk=old).update(**{model._meta.pk.attname: pk})
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            field = next(
                f
                for f in through._meta.get_fields()
                if getattr(f, "related_model", None) is model and f.concrete
            )
        else:
            through, field = relation.related_model, relation.field
        if not field.concrete:
            continue
        through._base_manager.filter(**{field.attname: old}).update(
            **{field.attname: pk}
        )
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        own = next(
            f
            for f in through._meta.get_fields()
            if f.concrete and getattr(f, "related_model", None) is model
        )
        through._base_manager.filter(**{own.attname: old}).update(**{own.attname: pk})
    instance.pk = pk


def next_ids_from(model: type[models.Model], pk: int) -> None:
    """Make the database give the next new row of ``model`` the id ``pk``."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                [table, pk],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [pk - 1, table]
            )
            if cursor.rowcount == 0:  # no row yet: the table was never written
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, pk - 1],
                )
        else:
            raise NotImplementedError(connection.vendor)
