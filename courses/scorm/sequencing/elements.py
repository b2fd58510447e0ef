"""Finding elements and attributes in a manifest whatever its namespace prefixes
and the case of names (manifests in the wild vary)."""

from __future__ import annotations

from xml.etree.ElementTree import Element


def tag_namespace(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def local_name(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def children_named(
    element: Element | None, name: str, namespace: str = ""
) -> list[Element]:
    if element is None:
        return []
    return [
        child
        for child in element
        if local_name(child).lower() == name.lower()
        and (not namespace or tag_namespace(child) == namespace)
    ]


def child_named(
    element: Element | None, name: str, namespace: str = ""
) -> Element | None:
    return next(iter(children_named(element, name, namespace)), None)


def attribute(element: Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1].lower() == name.lower():
            return value.strip()
    return None
