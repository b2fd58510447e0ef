"""Validate xAPI statements coming from the browser (H5P) before any ORM call."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SUBCONTENT_EXTENSION = "http://h5p.org/x-api/h5p-subContentId"


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Score(_Open):
    scaled: float | None = Field(default=None, ge=-1, le=1)
    raw: float | None = None
    min: float | None = None
    max: float | None = None


class Result(_Open):
    score: Score | None = None
    completion: bool | None = None
    success: bool | None = None


class Verb(_Open):
    id: str = Field(min_length=1, max_length=255)


class Definition(_Open):
    extensions: dict[str, Any] | None = None


class Activity(_Open):
    id: str = Field(min_length=1, max_length=500)
    definition: Definition | None = None


class ContextActivities(_Open):
    parent: list[dict[str, Any]] | None = None


class Context(_Open):
    contextActivities: ContextActivities | None = None


class IncomingStatement(_Open):
    id: uuid.UUID
    verb: Verb
    object: Activity
    result: Result | None = None
    context: Context | None = None

    @property
    def is_top_level(self) -> bool:
        """H5P marks statements of inner content (a question in a set) with a
        parent activity and a sub-content id; only the outer one counts."""
        parents = (
            self.context.contextActivities.parent
            if self.context and self.context.contextActivities
            else None
        )
        extensions = (
            self.object.definition.extensions if self.object.definition else None
        )
        return not parents and not (extensions and SUBCONTENT_EXTENSION in extensions)

    @property
    def scaled(self) -> float | None:
        return self.result.score.scaled if self.result and self.result.score else None
