"""What a request of the permission matrix wrote: the tables its SQL touched
(``WriteRecorder``) and whether the rows were the requester's own (``OwnRows``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

# --- What a request writes ---------------------------------------------------


@dataclass(frozen=True)
class Write:
    table: str
    verb: str
    rows: int
    sql: str


_WRITE = re.compile(
    r'^\s*(INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I
)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)
_SAVEPOINT = re.compile(
    r'^\s*(SAVEPOINT|ROLLBACK TO SAVEPOINT|RELEASE SAVEPOINT)\s+"?(\w+)"?', re.I
)


class WriteRecorder:
    """Database writes that change at least one row and are not rolled back to
    a savepoint during the request (a view may try a write and undo it)."""

    def __init__(self) -> None:
        self.writes: list[Write] = []
        self.savepoints: list[tuple[str, int]] = []

    def __call__(
        self, execute: Callable, sql: str, params: Any, many: bool, context: dict
    ) -> Any:
        savepoint = _SAVEPOINT.match(sql)
        result = execute(sql, params, many, context)
        if savepoint:
            self._savepoint(savepoint.group(1).upper(), savepoint.group(2))
        write = _WRITE.match(sql)
        if write:
            rows = context["cursor"].rowcount
            # SQLite counts the rows of an ``INSERT … RETURNING`` only once they
            # are fetched, which Django does after this wrapper returns: until
            # then its count is 0. Such a statement is a write (PostgreSQL agrees).
            if rows == 0 and _RETURNING.search(sql):
                rows = -1
            if rows != 0:
                verb = write.group(1).split()[0].upper()
                self.writes.append(Write(write.group(2), verb, rows, sql[:300]))
        return result

    def _savepoint(self, action: str, name: str) -> None:
        if action == "SAVEPOINT":
            self.savepoints.append((name, len(self.writes)))
            return
        while self.savepoints:
            current, size = self.savepoints.pop()
            if current == name:
                if action == "ROLLBACK TO SAVEPOINT":
                    del self.writes[size:]
                    # The savepoint survives a rollback to it.
                    self.savepoints.append((current, size))
                return


class OwnRows:
    """Tables where a request may change the signed-in person's own row only.

    ``rules`` maps a model to the column naming the row's owner, the attribute of
    the person it holds, and the columns the owner's requests may change
    (``None``: any). Each request starts from the same database state (it is
    rolled back), so one baseline serves them all.
    """

    def __init__(
        self,
        person: Any,
        rules: dict[type[Model], tuple[str, str, frozenset[str] | None]],
    ) -> None:
        self.person = person
        self.rules = rules
        self.tables = {model._meta.db_table for model in rules}
        self.baseline = {model: self._rows(model) for model in rules}

    @staticmethod
    def _rows(model: type[Model]) -> dict[Any, dict[str, Any]]:
        fields = [f.attname for f in model._meta.concrete_fields]
        return {row["pk"]: row for row in model._base_manager.values("pk", *fields)}

    def changes(self, writes: list[Write]) -> list[Write]:
        """What the request changed in these tables beyond what is allowed."""
        if not {w.table for w in writes} & self.tables:
            return []
        found = []
        for model, (owner, attribute, allowed) in self.rules.items():
            mine = getattr(self.person, attribute, None)
            before_rows, after_rows = self.baseline[model], self._rows(model)
            for pk in before_rows.keys() | after_rows.keys():
                before, after = before_rows.get(pk), after_rows.get(pk)
                if before == after:
                    continue
                if self._allowed(before, after, owner, mine, allowed):
                    continue
                what = (
                    "deleted"
                    if after is None
                    else "inserted"
                    if before is None
                    else "changed "
                    + ", ".join(sorted(k for k in after if before.get(k) != after[k]))
                )
                found.append(Write(model._meta.db_table, "ROW", 1, f"row {pk} {what}"))
        return found

    def _allowed(
        self,
        before: dict | None,
        after: dict | None,
        owner: str,
        mine: Any,
        allowed: frozenset[str] | None,
    ) -> bool:
        if after is None or mine is None or after[owner] != mine:
            return False
        if before is None:
            return allowed is None
        changed = {k for k in after if before.get(k) != after[k]}
        return allowed is None or changed <= allowed
