"""The permission matrix's URLs: every URL pattern of the site, filled with town
A's ids.

``probes()`` walks Django's URL resolver (Wagtail's admin included) and turns each
pattern into concrete URLs: integers become ``ID`` or ``SECOND_ID``, UUIDs town A's
package key, app label and model name pairs every scoped model, and so on (see
``Filler``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet

from reporting.dashboard.parts import HEADINGS as DASHBOARD_PARTS
from tests.town_a import BLOCK_ID, ID, SECOND_ID, TownA

# Patterns not requested, by route, and why.
SKIPPED = {
    "admin/.*/$": "Wagtail's catch-all that answers 404 for unknown admin URLs",
    "admin/failwhale/": "Wagtail's error-reporting test: it raises on purpose",
}

# Models whose app label and model name fill ``<app_label>/<model_name>`` pairs:
# the scoped models, and Wagtail's own that hold town data.
MODEL_PAIRS = [
    ("lms", "user"),
    ("lms", "department"),
    ("lms", "jobrole"),
    ("courses", "h5ppackage"),
    ("courses", "scormpackage"),
    ("courses", "assignment"),
    ("courses", "coursepage"),
    ("skills", "roleexpectation"),
    ("skills", "framework"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("wagtailcore", "page"),
]
PAIR_NAMES = [
    ("app_label", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
    ("app_name", "model_name"),
]
WORKFLOW_ACTIONS = ["approve", "reject"]


@dataclass(frozen=True)
class Param:
    name: str  # unnamed regex groups are "_1", "_2"…
    kind: str  # "int", "uuid", "path", "str", "slug", "regex" or "other"
    regex: str = ""  # what the converter or group matches, to check a value fits


@dataclass(frozen=True)
class Pattern:
    """One leaf of the resolver: the chain of patterns from the root to it."""

    route: str
    name: str | None
    chain: tuple[Any, ...]

    @property
    def params(self) -> list[Param]:
        found: list[Param] = []
        unnamed = itertools.count(1)
        for pattern in self.chain:
            if isinstance(pattern, RoutePattern):
                for name, converter in pattern.converters.items():
                    found.append(
                        Param(name, _converter_kind(converter), converter.regex)
                    )
            elif isinstance(pattern, RegexPattern):
                for name, body in _regex_groups(str(pattern)):
                    found.append(
                        Param(name or f"_{next(unnamed)}", "regex", body or "")
                    )
        return found


@dataclass(frozen=True)
class Probe:
    url: str
    pattern: Pattern


def _converter_kind(converter: object) -> str:
    for kind, cls in (
        ("int", IntConverter),
        ("uuid", UUIDConverter),
        ("path", PathConverter),
        ("slug", SlugConverter),
        ("str", StringConverter),
    ):
        if isinstance(converter, cls):
            return kind
    return "other"  # a converter of the project's own: filled by what it matches


def patterns() -> Iterator[Pattern]:
    """Every leaf pattern of the root URLconf, Wagtail's admin included."""

    def walk(
        resolver: URLResolver, route: str, chain: tuple, namespace: str
    ) -> Iterator[Pattern]:
        for entry in resolver.url_patterns:
            text = _join_route(route, str(entry.pattern))
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                )
                yield from walk(entry, text, (*chain, entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else None
                yield Pattern(text, name, (*chain, entry.pattern))

    yield from walk(get_resolver(), "", (), "")


def _join_route(first: str, second: str) -> str:
    """As Django joins routes in ``ResolverMatch.route``."""
    return second if not first else first + second.removeprefix("^")


class CannotFill(Exception):
    """A pattern the filler does not know how to turn into a URL."""


class Filler:
    """Concrete URLs for a pattern, every parameter naming town A's objects."""

    def __init__(self, town: TownA) -> None:
        self.town = town
        self.uid = urlsafe_base64_encode(force_bytes(town.person.pk))
        self.overrides: dict[str, dict[str, list[str]]] = {
            # Wagtail serves pages below the site root: the catalogue (where a
            # leak would list the course), town A's section, course and lesson.
            "wagtail_serve": {
                "_1": ["", "montval/", town.course_path, town.lesson_path]
            },
            "wagtaildocs_serve": {"_1": [str(ID)], "_2": [town.document_filename]},
            # Each dashboard chart's figure and table, by the chart's name: every
            # name of every dashboard (an id would only ever probe a 404).
            **{
                f"reporting:{view}-{kind}": {"name": list(DASHBOARD_PARTS)}
                for view in ("hr", "council", "team")
                for kind in ("part", "part-page")
            },
        }

    def bulk_actions(self) -> list[dict[str, str]]:
        """Every bulk action Wagtail and the apps register, for every model."""
        found = set()
        for action in hooks.get_hooks("register_bulk_action"):
            for model in action.models:
                found.add(
                    (model._meta.app_label, model._meta.model_name, action.action_type)
                )
        return [
            {"app_label": a, "model_name": m, "action": x} for a, m, x in sorted(found)
        ]

    def values(self, param: Param, pattern: Pattern, number: int) -> list[str]:
        name = param.name
        override = self.overrides.get(pattern.name or "", {}).get(name)
        if override is not None:
            return override
        if param.kind == "int" or (
            param.kind in ("regex", "other") and re.fullmatch(param.regex, str(number))
        ):
            return [str(number)]
        if param.kind == "uuid" or (
            param.kind == "other" and re.fullmatch(param.regex, str(self.town.key))
        ):
            return [str(self.town.key)]
        if param.kind == "path":
            return list(self.town.package_files)
        if param.kind == "other":
            raise CannotFill(f"parameter {name}: no id fits ({param.regex})")
        if name == "block_id":
            return [BLOCK_ID]
        if name == "fmt":
            return ["csv", "xlsx"]
        if name == "filter_spec":
            return ["original"]
        if name == "uidb64":
            return [self.uid]
        if name == "token":
            return ["bogus-token"]
        if name == "action_name":
            if "api" in pattern.route:
                return sorted(PagesAdminAPIViewSet.actions)
            return WORKFLOW_ACTIONS
        if param.kind == "regex":
            raise CannotFill(f"regex group {name}: ({param.regex})")
        return [str(ID)]

    def urls(self, pattern: Pattern) -> list[str]:
        params = pattern.params
        names = {p.name for p in params}
        choices: list[list[dict[str, str]]] = []
        if {"app_label", "model_name", "action"} <= names:
            choices.append(self.bulk_actions())
            names -= {"app_label", "model_name", "action"}
        for first, second in PAIR_NAMES:
            if {first, second} <= names:
                choices.append([{first: a, second: m} for a, m in MODEL_PAIRS])
                names -= {first, second}
        numbered = any(
            p.kind == "int"
            or (p.kind in ("regex", "other") and re.fullmatch(p.regex, str(ID)))
            for p in params
        )
        # SECOND_ID is the lesson: the site has views of lessons apart from
        # courses; the admin's page views treat a lesson as they do its course,
        # which ID already names.
        second = numbered and not pattern.route.startswith("admin/")
        urls: list[str] = []
        for number in (ID, SECOND_ID) if second else (ID,):
            rest = [
                [{p.name: value} for value in self.values(p, pattern, number)]
                for p in params
                if p.name in names
            ]
            for combination in itertools.product(*choices, *rest):
                values: dict[str, str] = {}
                for part in combination:
                    values.update(part)
                unnamed = iter([p.name for p in params if p.name.startswith("_")])
                url = "/" + "".join(
                    _render(level, values, unnamed) for level in pattern.chain
                )
                if url not in urls:
                    urls.append(url)
        for url in urls:
            try:
                route = resolve(url).route
            except Resolver404:
                route = "nothing"
            if route != pattern.route:
                raise CannotFill(f"{url} resolves to {route}, not to itself")
        return urls


def _render(pattern: Any, values: dict[str, str], unnamed: Iterator[str]) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:[^>:]+:)?([^>]+)>", lambda m: values[m.group(1)], str(pattern)
        )
    return _fill_regex(str(pattern), values, unnamed)


def _regex_groups(regex: str) -> list[tuple[str | None, str | None]]:
    """The top-level capturing groups of ``regex``: (name or None, body)."""
    groups: list[tuple[str | None, str | None]] = []
    for kind, text in _regex_tokens(regex):
        if kind == "group":
            name, body = _group_parts(text)
            groups.append((name, body))
    return groups


def _fill_regex(regex: str, values: dict[str, str], unnamed: Iterator[str]) -> str:
    """The literal path a URL regex matches with its groups set to ``values``
    (unnamed groups take the next of ``unnamed``, the names they were given)."""
    out = []
    for kind, text in _regex_tokens(regex):
        if kind == "literal":
            out.append(text)
        elif kind == "group":
            name, body = _group_parts(text)
            if name is None:
                name = next(unnamed)
            value = values[name]
            if not re.fullmatch(body or "", value):
                raise CannotFill(f"{value!r} does not fit ({body})")
            out.append(value)
        else:
            raise CannotFill(f"{text!r} in {regex} is not a literal")
    return "".join(out)


def _regex_tokens(regex: str) -> Iterator[tuple[str, str]]:
    """Split a URL regex into literals, top-level groups, anchors and the rest."""
    i = 0
    while i < len(regex):
        char = regex[i]
        if char == "\\" and i + 1 < len(regex):
            escaped = regex[i + 1]
            yield ("literal" if not escaped.isalnum() else "other", escaped)
            i += 2
        elif char == "(":
            end = _closing(regex, i)
            yield "group", regex[i + 1 : end]
            i = end + 1
        elif char in "^$":
            i += 1
        elif char in ".*+?[]{}|)":
            yield "other", char
            i += 1
        else:
            yield "literal", char
            i += 1


def _closing(regex: str, start: int) -> int:
    depth, i, in_class = 0, start, False
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise CannotFill(f"unbalanced group in {regex}")


def _group_parts(text: str) -> tuple[str | None, str | None]:
    if text.startswith("?P<"):
        name, body = text[3:].split(">", 1)
        return name, body
    if text.startswith("?"):
        raise CannotFill(f"non-capturing group ({text}) at the top level")
    return None, text


def probes(town: TownA) -> tuple[list[Probe], list[str]]:
    """The URLs to request, and the patterns that could not be filled."""
    filler = Filler(town)
    found: list[Probe] = []
    problems: list[str] = []
    for pattern in patterns():
        if pattern.route in SKIPPED:
            continue
        try:
            found.extend(Probe(url, pattern) for url in filler.urls(pattern))
        except CannotFill as error:
            problems.append(f"{pattern.route} ({pattern.name}): {error}")
    return found, problems
