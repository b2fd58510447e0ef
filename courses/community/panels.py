"""Panels other apps add to a community's page.

The community app sits below reporting (apps import one way: reporting →
courses), so it cannot ask the local digital plan for the practices of its
theme. An app above registers a ``Panel`` in its app config's ``ready()``
instead, as the content types register activities with the course core: a
template and a function giving its context for the reader and the community.
The function decides what the reader may see; the community page only
includes what it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from courses.community.models import Community
    from lms.models import User


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[[User, Community], dict[str, Any]]


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: dict[str, Any]


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels_for(user: User, community: Community) -> list[RenderedPanel]:
    """Each registered panel with its context for ``user`` (who may read
    ``community``: the caller checked)."""
    return [
        RenderedPanel(panel.template, panel.context(user, community))
        for panel in _panels.values()
    ]
