"""Town A (Montval), by topic; tests import ``tests.town_a``."""

from tests.town_a.build import build_town_a
from tests.town_a.marks import (
    BLOCK_ID,
    ID,
    LABEL,
    MARKER,
    SEARCH_WORD,
    SECOND_ID,
    TownA,
    next_ids_from,
    renumber,
)

__all__ = [
    "BLOCK_ID",
    "ID",
    "LABEL",
    "MARKER",
    "SEARCH_WORD",
    "SECOND_ID",
    "TownA",
    "build_town_a",
    "next_ids_from",
    "renumber",
]
