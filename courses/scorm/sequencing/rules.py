"""Sequencing rules (pre-, exit- and post-condition) and rollup rules."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from courses.scorm.sequencing.elements import attribute, child_named, children_named
from courses.scorm.sequencing.values import Node, ValueReader
from courses.scorm.sequencing.vocabulary import (
    CHILD_SETS,
    ROLLUP_ACTIONS,
    ROLLUP_CONDITIONS,
    RULE_ACTIONS,
    RULE_CONDITIONS,
    RULE_KEYS,
)


class RuleReader(ValueReader):
    """Reads an item's sequencing and rollup rules."""

    def conditions(
        self,
        element: Element | None,
        tag: str,
        names: set[str],
        *,
        default: str,
        where: str,
        more: Callable[[Element, Node], None] | None = None,
    ) -> tuple[str, list[Node]]:
        """A rule's condition combination, and each ``tag`` condition whose name
        is known, read as sequencing and rollup conditions share (its name and a
        "not" operator), then by ``more`` where the kind adds attributes.
        Unknown names and operators are reported, in document order."""
        combination = (
            attribute(element, "conditionCombination") if element is not None else None
        ) or default
        self.choice(combination, {"all", "any"}, "conditionCombination", where)
        heads = []
        for condition in children_named(element, tag):
            name = self.choice(attribute(condition, "condition"), names, tag, where)
            operator = attribute(condition, "operator") or "noOp"
            self.choice(operator, {"noOp", "not"}, "operator", where)
            if name is not None:
                read: Node = {"condition": name}
                if operator == "not":
                    read["operator"] = "not"
                if more is not None:
                    more(condition, read)
                heads.append(read)
        return combination, heads

    def rule_condition(self, condition: Element, read: Node, where: str) -> None:
        """What a sequencing rule's condition adds: the objective it refers to
        and a measure threshold."""
        objective = attribute(condition, "referencedObjective")
        if objective:
            read["referencedObjective"] = objective
        threshold = self.number(
            attribute(condition, "measureThreshold"),
            "measureThreshold",
            where,
            Decimal(-1),
            Decimal(1),
        )
        if threshold is not None:
            read["parameters"] = {"threshold": threshold}

    def rules(self, element: Element | None, where: str) -> dict[str, list[Node]]:
        found: dict[str, list[Node]] = {}
        for kind, key in RULE_KEYS.items():
            for rule in children_named(element, kind):
                combination, conditions = self.conditions(
                    child_named(rule, "ruleConditions"),
                    "ruleCondition",
                    RULE_CONDITIONS,
                    default="all",
                    where=where,
                    more=lambda condition, read: self.rule_condition(
                        condition, read, where
                    ),
                )
                action_element = child_named(rule, "ruleAction")
                action = self.choice(
                    attribute(action_element, "action")
                    if action_element is not None
                    else None,
                    RULE_ACTIONS[kind],
                    kind,
                    where,
                )
                if action is None or not conditions:
                    if action is not None:
                        self.problem(where, _("a rule has no condition"))
                    continue
                found.setdefault(key, []).append(
                    {
                        "action": action,
                        "conditionCombination": combination,
                        "conditions": conditions,
                    }
                )
        return found

    def rollup_rule(self, rule: Element, where: str) -> Node | None:
        child_set = attribute(rule, "childActivitySet") or "all"
        self.choice(child_set, CHILD_SETS, "childActivitySet", where)
        read: Node = {"consideration": child_set}
        count = self.number(
            attribute(rule, "minimumCount"),
            "minimumCount",
            where,
            Decimal(0),
            integer=True,
        )
        percent = self.number(
            attribute(rule, "minimumPercent"),
            "minimumPercent",
            where,
            Decimal(0),
            Decimal(1),
        )
        if count is not None:
            read["minimumCount"] = count
        if percent is not None:
            read["minimumPercent"] = percent
        combination, conditions = self.conditions(
            child_named(rule, "rollupConditions"),
            "rollupCondition",
            ROLLUP_CONDITIONS,
            default="any",
            where=where,
        )
        read["conditionCombination"] = combination
        action_element = child_named(rule, "rollupAction")
        action = self.choice(
            attribute(action_element, "action") if action_element is not None else None,
            ROLLUP_ACTIONS,
            "rollupAction",
            where,
        )
        if action is None or not conditions:
            if action is not None:
                self.problem(where, _("a rollup rule has no condition"))
            return None
        read["action"] = action
        read["conditions"] = conditions
        return read
