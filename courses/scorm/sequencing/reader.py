"""Reads a manifest's sequencing: each item's ``imsss:sequencing`` (or a
collection's), what it says outside it, and the activity tree."""

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
from courses.scorm.sequencing.objectives import ObjectiveReader
from courses.scorm.sequencing.rules import RuleReader
from courses.scorm.sequencing.values import Node
from courses.scorm.sequencing.vocabulary import (
    ADLCP,
    ADLNAV,
    ADLSEQ,
    CONSIDERATIONS,
    CONTROL_MODES,
    HIDE_LMS_UI,
    IMSSS,
)


class Reader(RuleReader, ObjectiveReader):
    """Reads one manifest's sequencing, collecting every problem."""

    def sequencing(self, element: Element, where: str) -> Node:
        """One ``imsss:sequencing`` (of an item or a collection)."""
        found: Node = {}
        controls: Node = {}
        mode = child_named(element, "controlMode")
        if mode is not None:
            for name in CONTROL_MODES:
                value = self.boolean(mode, name, where)
                if value is not None:
                    controls[name] = value
        rules = self.rules(child_named(element, "sequencingRules"), where)
        if rules:
            found["sequencingRules"] = rules
        limits = child_named(element, "limitConditions")
        if limits is not None:
            limit = self.number(
                attribute(limits, "attemptLimit"),
                "attemptLimit",
                where,
                Decimal(0),
                integer=True,
            )
            if limit is not None:
                found["attemptLimit"] = limit
            duration = attribute(limits, "attemptAbsoluteDurationLimit")
            if duration:
                found["attemptAbsoluteDurationLimit"] = duration
        rollup = child_named(element, "rollupRules")
        if rollup is not None:
            for name in ("rollupObjectiveSatisfied", "rollupProgressCompletion"):
                value = self.boolean(rollup, name, where)
                if value is not None:
                    controls[name] = value
            weight = self.number(
                attribute(rollup, "objectiveMeasureWeight"),
                "objectiveMeasureWeight",
                where,
                Decimal(0),
                Decimal(1),
            )
            if weight is not None:
                controls["objectiveMeasureWeight"] = weight
            rollup_rules = [
                rule
                for rule in (
                    self.rollup_rule(r, where)
                    for r in children_named(rollup, "rollupRule")
                )
                if rule
            ]
            if rollup_rules:
                found["rollupRules"] = {"rules": rollup_rules}
        objectives = self.objectives(element, where)
        found.update(objectives)
        delivery = child_named(element, "deliveryControls")
        if delivery is not None:
            controls_found = {
                name: value
                for name in (
                    "tracked",
                    "completionSetByContent",
                    "objectiveSetByContent",
                )
                if (value := self.boolean(delivery, name, where)) is not None
            }
            if controls_found:
                found["deliveryControls"] = controls_found
        constrained = child_named(element, "constrainedChoiceConsiderations", ADLSEQ)
        if constrained is not None:
            for name in ("preventActivation", "constrainChoice"):
                value = self.boolean(constrained, name, where)
                if value is not None:
                    controls[name] = value
        considerations = child_named(element, "rollupConsiderations", ADLSEQ)
        if considerations is not None:
            read: Node = {}
            for name in (
                "requiredForSatisfied",
                "requiredForNotSatisfied",
                "requiredForCompleted",
                "requiredForIncomplete",
            ):
                requirement = attribute(considerations, name)
                if requirement is not None and self.choice(
                    requirement, CONSIDERATIONS, name, where
                ):
                    read[name] = requirement
            active = self.boolean(considerations, "measureSatisfactionIfActive", where)
            if active is not None:
                read["measureSatisfactionIfActive"] = active
            if read:
                found["rollupConsiderations"] = read
        if controls:
            found["sequencingControls"] = controls
        return found

    def item_extras(self, item: Element, where: str) -> Node:
        """What an item says outside ``imsss:sequencing``: completion threshold,
        hidden navigation controls, shared data maps."""
        found: Node = {}
        threshold = child_named(item, "completionThreshold", ADLCP)
        if threshold is not None:
            read: Node = {}
            by_measure = self.boolean(threshold, "completedByMeasure", where)
            if by_measure is not None:
                read["completedByMeasure"] = by_measure
            minimum = attribute(threshold, "minProgressMeasure") or (
                (threshold.text or "").strip() or None
            )
            value = self.number(
                minimum, "minProgressMeasure", where, Decimal(0), Decimal(1)
            )
            if value is not None:
                read["minProgressMeasure"] = value
                if by_measure is None and not attribute(
                    threshold, "minProgressMeasure"
                ):
                    read["completedByMeasure"] = True  # 3rd edition's text form
            weight = self.number(
                attribute(threshold, "progressWeight"),
                "progressWeight",
                where,
                Decimal(0),
                Decimal(1),
            )
            if weight is not None:
                read["progressWeight"] = weight
            if read:
                found["completionThreshold"] = read
        hidden: list[str] = []
        for presentation in children_named(item, "presentation", ADLNAV):
            for interface in children_named(
                presentation, "navigationInterface", ADLNAV
            ):
                for hide in children_named(interface, "hideLMSUI", ADLNAV):
                    token = self.choice(
                        (hide.text or "").strip(), HIDE_LMS_UI, "hideLMSUI", where
                    )
                    if token and token not in hidden:
                        hidden.append(token)
        if hidden:
            found["hideLmsUi"] = hidden
        maps = []
        for data in children_named(item, "data", ADLCP):
            for entry in children_named(data, "map", ADLCP):
                target = attribute(entry, "targetID")
                if not target:
                    self.problem(where, _("an adlcp:map has no targetID"))
                    continue
                shared: Node = {"targetID": target}
                for name in ("readSharedData", "writeSharedData"):
                    flag = self.boolean(entry, name, where)
                    if flag is not None:
                        shared[name] = flag
                maps.append(shared)
        if maps:
            found["sharedDataMaps"] = maps
        return found


def read_sequencing(root: Element, organization: Element, problems: list[str]) -> Node:
    """The engine's settings for ``organization`` of the manifest ``root``
    (problems are appended to ``problems``)."""
    reader = Reader(problems)
    collections: Node = {}
    for collection in children_named(root, "sequencingCollection", IMSSS):
        for sequencing in children_named(collection, "sequencing", IMSSS):
            identifier = attribute(sequencing, "ID")
            if not identifier:
                reader.problem(
                    "sequencingCollection", _("a sequencing element has no ID")
                )
                continue
            collections[identifier] = reader.sequencing(sequencing, identifier)

    def activity(element: Element, depth: int) -> Node:
        identifier = attribute(element, "identifier") or ""
        title = child_named(element, "title")
        title_text = " ".join((title.text or "").split()) if title is not None else ""
        node: Node = {"id": identifier, "title": title_text or identifier}
        if (attribute(element, "isvisible") or "true").lower() == "false":
            node["isVisible"] = False
        sequencing = child_named(element, "sequencing", IMSSS)
        if sequencing is not None:
            reference = attribute(sequencing, "IDRef")
            if reference:
                if reference not in collections:
                    reader.problem(
                        identifier,
                        _("IDRef %(ref)s names no sequencingCollection entry")
                        % {"ref": reference},
                    )
                else:
                    node["sequencingCollectionRefs"] = [reference]
            node.update(reader.sequencing(sequencing, identifier))
        node.update(reader.item_extras(element, identifier))
        items = [child for child in element if local_name(child) == "item"]
        if items and depth < 20:
            node["children"] = [activity(item, depth + 1) for item in items]
        return node

    global_to_system = reader.boolean(
        organization,
        "objectivesGlobalToSystem",
        attribute(organization, "identifier") or "",
    )
    return {
        "activityTree": activity(organization, 0),
        "collections": collections,
        # ADL CP: global objectives outlive the attempt unless this says false.
        "objectivesGlobalToSystem": global_to_system is not False,
    }
