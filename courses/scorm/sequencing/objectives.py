"""An item's objectives (primary or not) and their global ``mapInfo``, IMS's
and ADL's extension merged."""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from courses.scorm.sequencing.elements import (
    attribute,
    child_named,
    children_named,
    local_name,
)
from courses.scorm.sequencing.values import Node, ValueReader
from courses.scorm.sequencing.vocabulary import (
    ADLSEQ,
    IMSSS,
    MAP_INFO_ADLSEQ,
    MAP_INFO_IMSSS,
)


class ObjectiveReader(ValueReader):
    """Reads an item's objectives."""

    def objectives(self, element: Element, where: str) -> Node:
        found: Node = {}
        container = child_named(element, "objectives", IMSSS)
        extensions: dict[str, list[Node]] = {}
        for objective in children_named(
            child_named(element, "objectives", ADLSEQ), "objective", ADLSEQ
        ):
            identifier = attribute(objective, "objectiveID") or ""
            for map_info in children_named(objective, "mapInfo", ADLSEQ):
                extension = self.map_info(map_info, MAP_INFO_ADLSEQ, where)
                if extension:
                    extensions.setdefault(identifier, []).append(extension)
        if container is None:
            return found
        others = []
        for objective in container:
            kind = local_name(objective)
            if kind not in ("primaryObjective", "objective"):
                continue
            identifier = attribute(objective, "objectiveID") or ""
            if kind == "objective" and not identifier:
                self.problem(where, _("an objective has no objectiveID"))
                continue
            read: Node = {"objectiveID": identifier or "primary"}
            if kind == "primaryObjective":
                read["isPrimary"] = True
            by_measure = self.boolean(objective, "satisfiedByMeasure", where)
            if by_measure is not None:
                read["satisfiedByMeasure"] = by_measure
            minimum = child_named(objective, "minNormalizedMeasure")
            if minimum is not None:
                measure = self.number(
                    (minimum.text or "").strip(),
                    "minNormalizedMeasure",
                    where,
                    Decimal(-1),
                    Decimal(1),
                )
                if measure is not None:
                    read["minNormalizedMeasure"] = measure
            maps = [
                m
                for m in (
                    self.map_info(e, MAP_INFO_IMSSS, where)
                    for e in children_named(objective, "mapInfo")
                )
                if m is not None
            ]
            for extra in extensions.get(identifier, []):
                same = next(
                    (
                        m
                        for m in maps
                        if m["targetObjectiveID"] == extra["targetObjectiveID"]
                    ),
                    None,
                )
                if same is None:
                    maps.append(extra)
                else:
                    same.update(extra)
            if maps:
                read["mapInfo"] = maps
            if kind == "primaryObjective":
                found["primaryObjective"] = read
            else:
                others.append(read)
        if others:
            found["objectives"] = others
        return found

    def map_info(
        self, element: Element, names: tuple[str, ...], where: str
    ) -> Node | None:
        target = attribute(element, "targetObjectiveID")
        if not target:
            self.problem(where, _("a mapInfo has no targetObjectiveID"))
            return None
        read: Node = {"targetObjectiveID": target}
        for name in names:
            value = self.boolean(element, name, where)
            if value is not None:
                read[name] = value
        return read
