"""Read and check a SCORM package (1.2, or 2004 2nd/3rd/4th edition) without trusting it.

``inspect_scorm`` opens the zip, refuses every hazard ``courses.packages`` knows,
parses ``imsmanifest.xml`` with defusedxml (no entities, no external references),
and returns the package's version, its default organization as a tree of items,
and the SCOs to launch, each with its launch path, parameters and mastery rule.
It raises ``ScormError`` with every problem found. Nothing is written:
``courses.scorm.actions.import_scorm`` stores a package that passed.

Matching is by local name, so the many namespace spellings found in the wild
(``adlcp:scormtype`` in 1.2, ``adlcp:scormType`` in 2004) read alike.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from courses.packages.checks import PackageError, check_entries
from courses.scorm.outside import outside_hosts
from courses.scorm.sequencing import read_sequencing, uses_sequencing

MANIFEST = "imsmanifest.xml"
MAX_MANIFEST_BYTES = 5 * 1024 * 1024
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
EDITIONS = {
    "1.2": ("1.2", ""),
    "cam 1.3": ("2004", "2nd"),
    "2004 2nd edition": ("2004", "2nd"),
    "2004 3rd edition": ("2004", "3rd"),
    "2004 4th edition": ("2004", "4th"),
}
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"


class ScormError(PackageError):
    pass


@dataclass
class ScoInfo:
    identifier: str
    title: str
    launch: str  # path inside the package, with the item's parameters
    visible: bool = True
    mastery_score: Decimal | None = None  # SCORM 1.2, 0–100 against score.raw
    scaled_passing_score: Decimal | None = None  # SCORM 2004, against score.scaled
    data_from_lms: str = ""
    is_sco: bool = True  # False: an asset, launched but never tracked


@dataclass
class ScormPackageInfo:
    version: str  # "1.2" or "2004"
    edition: str  # "", "2nd", "3rd" or "4th"
    identifier: str
    title: str
    structure: list[dict[str, Any]]
    scos: list[ScoInfo] = field(default_factory=list)
    uncompressed_bytes: int = 0
    outside_hosts: list[str] = field(default_factory=list)
    # scorm-again's SequencingSettings; empty: the platform's own rules apply.
    sequencing: dict[str, Any] = field(default_factory=dict)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    return next(iter(_children(element, name)), None)


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _attr(element: Element, name: str, default: str = "") -> str:
    for key, value in element.attrib.items():
        if _local(key) == name.lower():
            return value.strip()
    return default


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def inspect_scorm(source: BinaryIO | str) -> ScormPackageInfo:
    problems: list[str] = []
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise ScormError([_("This file is not a valid SCORM (zip) package.")]) from None
    with archive:
        files = check_entries(archive, problems)
        if problems:
            raise ScormError(problems)
        names = {info.filename for info in files}
        if MANIFEST not in names:
            nested = sorted(n for n in names if posixpath.basename(n) == MANIFEST)
            if nested:
                raise ScormError(
                    [
                        _(
                            "imsmanifest.xml must be at the root of the zip, not in "
                            "%(path)s: zip the package's contents, not its folder."
                        )
                        % {"path": posixpath.dirname(nested[0]) + "/"}
                    ]
                )
            raise ScormError(
                [_("imsmanifest.xml is missing: this is not a SCORM package.")]
            )
        with archive.open(MANIFEST) as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ScormError([_("imsmanifest.xml is larger than 5 MB.")])
        try:
            root = fromstring(raw)
        except (ParseError, DefusedXmlException) as error:
            raise ScormError(
                [
                    _("imsmanifest.xml is not well-formed XML (%(error)s).")
                    % {"error": error}
                ]
            ) from None
        info = _read_manifest(root, names, problems)
        info.uncompressed_bytes = sum(i.file_size for i in files)
        info.outside_hosts = outside_hosts(archive, files)
    if problems:
        raise ScormError(problems)
    return info


def _version(root: Element) -> tuple[str, str]:
    metadata = _child(root, "metadata")
    declared = _text(_child(metadata, "schemaversion")) if metadata is not None else ""
    if declared.lower() in EDITIONS:
        return EDITIONS[declared.lower()]
    namespaces = {
        key.split("}")[0].lstrip("{")
        for element in root.iter()
        for key in [element.tag, *element.attrib]
        if isinstance(key, str) and key.startswith("{")
    }
    if ADLCP_2004 in namespaces or "2004" in declared:
        return "2004", ""  # the edition is not declared
    return "1.2", ""


def _read_manifest(
    root: Element, names: set[str], problems: list[str]
) -> ScormPackageInfo:
    if _local(root.tag) != "manifest":
        problems.append(_("imsmanifest.xml does not describe a manifest."))
        return ScormPackageInfo("", "", "", "", [])
    version, edition = _version(root)
    organizations = _child(root, "organizations")
    candidates = (
        _children(organizations, "organization") if organizations is not None else []
    )
    if organizations is None or not candidates:
        problems.append(_("The manifest has no organization: nothing to launch."))
        return ScormPackageInfo(version, edition, "", "", [])
    default = _attr(organizations, "default")
    organization = next(
        (o for o in candidates if _attr(o, "identifier") == default), candidates[0]
    )
    resources_element = _child(root, "resources")
    resources_base = (
        _attr(resources_element, "base") if resources_element is not None else ""
    )
    resources = {
        _attr(r, "identifier"): r
        for r in (
            _children(resources_element, "resource")
            if resources_element is not None
            else []
        )
    }
    info = ScormPackageInfo(
        version=version,
        edition=edition,
        identifier=_attr(root, "identifier")[:255],
        title=_text(_child(organization, "title"))[:255]
        or _attr(root, "identifier")[:255],
        structure=[],
    )
    seen: set[str] = set()

    def read_items(parent: Element, depth: int) -> list[dict[str, Any]]:
        nodes = []
        for item in _children(parent, "item"):
            identifier = _attr(item, "identifier")
            title = _text(_child(item, "title"))[:255] or identifier
            if not identifier or identifier in seen:
                problems.append(
                    _("An item has no identifier, or a duplicate one: %(id)s")
                    % {"id": identifier or title}
                )
                continue
            seen.add(identifier)
            node: dict[str, Any] = {"identifier": identifier, "title": title}
            visible = _attr(item, "isvisible", "true").lower() != "false"
            if not visible:
                node["hidden"] = True
            reference = _attr(item, "identifierref")
            if reference:
                sco = _launchable(
                    item, reference, resources, resources_base, names, problems
                )
                if sco is not None:
                    sco.identifier = identifier[:255]
                    sco.title = title
                    sco.visible = visible
                    info.scos.append(sco)
                    node["launch"] = True
            if depth < 20:
                node["children"] = read_items(item, depth + 1)
            nodes.append(node)
        return nodes

    info.structure = read_items(organization, 0)
    if version == "2004":
        settings = read_sequencing(root, organization, problems)
        if uses_sequencing(settings):
            info.sequencing = settings
    if not info.scos and not problems:
        problems.append(_("The default organization has no item to launch."))
    return info


def _launchable(
    item: Element,
    reference: str,
    resources: dict[str, Element],
    resources_base: str,
    names: set[str],
    problems: list[str],
) -> ScoInfo | None:
    resource = resources.get(reference)
    if resource is None:
        problems.append(
            _("Item %(item)s refers to resource %(ref)s, which is not in the manifest.")
            % {"item": _attr(item, "identifier"), "ref": reference}
        )
        return None
    href = _attr(resource, "href")
    if not href:
        problems.append(
            _("Resource %(ref)s has no launch file (href).") % {"ref": reference}
        )
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        problems.append(
            _("Resource %(ref)s launches an external address: %(href)s")
            % {"ref": reference, "href": href}
        )
        return None
    base = posixpath.join(resources_base, _attr(resource, "base"))
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if path.startswith("../") or path.startswith("/") or path not in names:
        problems.append(
            _("The launch file %(path)s of resource %(ref)s is missing from the zip.")
            % {"path": path, "ref": reference}
        )
        return None
    query = parts.query
    parameters = _attr(item, "parameters")
    if parameters:
        parameters = parameters.lstrip("?&")
        query = f"{query}&{parameters}" if query else parameters
    launch = (
        path
        + (f"?{query}" if query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )
    sco = ScoInfo(
        identifier="",
        title="",
        launch=launch[:2000],
        is_sco=_attr(resource, "scormtype", "sco").lower() == "sco",
        data_from_lms=(_text(_child(item, "datafromlms")) or "")[:4096],
    )
    sco.mastery_score = _decimal(_text(_child(item, "masteryscore")))
    sequencing = _child(item, "sequencing")
    objectives = _child(sequencing, "objectives") if sequencing is not None else None
    primary = _child(objectives, "primaryobjective") if objectives is not None else None
    if primary is not None and _attr(primary, "satisfiedbymeasure") == "true":
        sco.scaled_passing_score = _decimal(
            _text(_child(primary, "minnormalizedmeasure")) or "1.0"
        )
    return sco
