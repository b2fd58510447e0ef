"""Reading one attribute's value (a boolean, a bounded number, a word of a
vocabulary), reporting what is out of place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TypeAlias
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from courses.scorm.sequencing.elements import attribute

# What the reader builds: JSON for scorm-again's engine (read-only views, so a
# list of objectives or a dict of controls is JSON as it is).
JSON: TypeAlias = (
    "str | int | float | bool | None | Sequence[JSON] | Mapping[str, JSON]"
)
Node: TypeAlias = dict[str, JSON]


class ValueReader:
    """Reads values of one manifest's sequencing, collecting every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def problem(self, where: str, what: str) -> None:
        self.problems.append(
            _("Sequencing of %(where)s: %(what)s") % {"where": where, "what": what}
        )

    def boolean(self, element: Element, name: str, where: str) -> bool | None:
        value = attribute(element, name)
        if value is None:
            return None
        if value not in ("true", "false"):
            self.problem(
                where,
                _("%(name)s must be true or false, not %(value)r")
                % {"name": name, "value": value},
            )
            return None
        return value == "true"

    def number(
        self,
        value: str | None,
        name: str,
        where: str,
        low: Decimal | None = None,
        high: Decimal | None = None,
        *,
        integer: bool = False,
    ) -> float | int | None:
        if value is None or value == "":
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if (
            not number.is_finite()
            or (low is not None and number < low)
            or (high is not None and number > high)
            or (integer and number != number.to_integral_value())
        ):
            self.problem(
                where,
                _("%(name)s has an invalid value: %(value)r")
                % {"name": name, "value": value},
            )
            return None
        return int(number) if integer else float(number)

    def choice(
        self, value: str | None, allowed: set[str], name: str, where: str
    ) -> str | None:
        if value not in allowed:
            self.problem(
                where,
                _("%(name)s %(value)r is not one of %(allowed)s")
                % {"name": name, "value": value, "allowed": ", ".join(sorted(allowed))},
            )
            return None
        return value
