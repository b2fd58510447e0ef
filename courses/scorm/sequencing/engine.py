"""What read settings mean for the platform: whether the engine plays the
package, and an item's shared data maps."""

from __future__ import annotations

from typing import Any

from courses.scorm.sequencing.vocabulary import ENGINE_CONTROLS, ENGINE_FEATURES


def uses_sequencing(settings: dict[str, Any]) -> bool:
    """Whether the engine should play the package: it uses sequencing beyond
    a primary objective's passing score and the choice/flow control modes."""
    if settings.get("collections"):
        return True

    def uses(node: dict[str, Any]) -> bool:
        if ENGINE_FEATURES & node.keys():
            return True
        if ENGINE_CONTROLS & node.get("sequencingControls", {}).keys():
            return True
        objectives = [node.get("primaryObjective") or {}, *node.get("objectives", [])]
        if any(objective.get("mapInfo") for objective in objectives):
            return True
        if node.get("objectives"):
            return True
        return any(uses(child) for child in node.get("children", []))

    tree = settings.get("activityTree")
    return isinstance(tree, dict) and uses(tree)


def shared_data_maps(settings: dict[str, Any], identifier: str) -> list[dict[str, Any]]:
    """The ``adlcp:data`` maps of one item, in manifest order (``adl.data.n``)."""
    pending = [settings.get("activityTree") or {}]
    while pending:
        node = pending.pop()
        if node.get("id") == identifier:
            return list(node.get("sharedDataMaps", []))
        pending.extend(node.get("children", []))
    return []
