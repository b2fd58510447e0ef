"""Validate xAPI statements coming from the browser (H5P) before any ORM call."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.utils.html import strip_tags
from pydantic import BaseModel, ConfigDict, Field, field_validator

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
    interactionType: str | None = Field(default=None, max_length=32)
    name: dict[str, str] | None = None
    description: dict[str, str] | None = None


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

    @property
    def sub_content_id(self) -> str:
        extensions = (
            self.object.definition.extensions if self.object.definition else None
        )
        return str((extensions or {}).get(SUBCONTENT_EXTENSION, ""))[:64]

    @property
    def interaction_type(self) -> str | None:
        definition = self.object.definition
        return definition.interactionType if definition else None

    @property
    def question(self) -> str:
        """The question's text as the content described it, without markup."""
        definition = self.object.definition
        for texts in (definition.description, definition.name) if definition else ():
            for text in (texts or {}).values():
                if cleaned := " ".join(strip_tags(text).split()):
                    return cleaned[:300]
        return self.object.id[:300]


MAX_USER_DATA_CHARS = 64 * 1024


class IncomingUserData(BaseModel):
    """One value H5P content saves to resume later (``H5P.setUserData``)."""

    model_config = ConfigDict(extra="forbid")

    dataType: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    subContentId: str = Field(default="0", pattern=r"^[A-Za-z0-9-]{1,64}$")
    data: str | None = Field(max_length=MAX_USER_DATA_CHARS)

    @field_validator("data")
    @classmethod
    def data_is_json(cls, value: str | None) -> str | None:
        """``None`` forgets the value; anything else must be the JSON H5P wrote."""
        if value is not None:
            try:
                json.loads(value)
            except ValueError as error:
                raise ValueError("data is not JSON") from error
        return value
