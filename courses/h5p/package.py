"""Read and check an ``.h5p`` package (the H5P package format) without trusting it.

``inspect_package`` opens the zip, refuses every hazard (absolute paths, ``..``,
symlinks, duplicate names, too many files, too much uncompressed data, a suspicious
compression ratio, file types H5P does not allow), parses ``h5p.json``, the content
and every bundled ``library.json``, and resolves the dependency graph
transitively. It returns a plain description, with the files H5P allows that are
never stored here (``left_out``), or raises ``H5PError`` with every problem found.
Nothing is written: ``courses.h5p.importing.import_h5p`` stores a package that passed.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from courses.packages.checks import PackageError, check_entries

# H5P core's default allowed extensions (h5p-php-library 1.27 and later,
# H5PCore::$defaultContentWhitelist and $defaultLibraryWhitelistExtras): svg and
# xml only inside libraries since 1.27. A file of any other type is refused with
# its package, as H5P core refuses it (html, php, exe, sh, js in content…).
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a "
    "wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp csv diff patch swf md "
    "textile vtt webvtt gltf glb".split()
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}
# Allowed by H5P core, never stored or served here: Flash, which no browser
# plays any more and which would run outside the player's policy if one did
# (Course Presentation's Downloadify library still carries a .swf).
LEFT_OUT_EXTENSIONS = frozenset({"swf"})
# Archivers' leftovers that are no part of a package (H5P core does not check
# names starting with a dot either): macOS resource forks and folder metadata.
LEFT_OUT_FOLDERS = frozenset({"__MACOSX"})
ROOT_FILES = {"h5p.json", "H5P_CONTENT_HERE.txt"}
LIBRARY_DIR = re.compile(r"^([A-Za-z0-9_.\-]+)-(\d+)\.(\d+)$")


class H5PError(PackageError):
    pass


@dataclass(frozen=True)
class LibraryRef:
    machine_name: str
    major: int
    minor: int

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"


@dataclass
class BundledLibrary:
    ref: LibraryRef
    patch: int
    title: str
    runnable: bool
    metadata: dict[str, Any]
    dependencies: list[LibraryRef]


@dataclass
class H5PPackageInfo:
    title: str
    language: str
    main_library: LibraryRef
    h5p_json: dict[str, Any]
    libraries: dict[LibraryRef, BundledLibrary] = field(default_factory=dict)
    required: list[LibraryRef] = field(default_factory=list)
    uncompressed_bytes: int = 0
    file_count: int = 0
    # Files of the package that are never stored (``is_left_out``), by name.
    left_out: list[str] = field(default_factory=list)


def is_left_out(name: str) -> bool:
    """Whether a file of a package is never stored: Flash, and archivers'
    leftovers (``__MACOSX/``, names starting with a dot such as ``.DS_Store``)."""
    path = PurePosixPath(name)
    return (
        path.suffix.lower().lstrip(".") in LEFT_OUT_EXTENSIONS
        or path.parts[0] in LEFT_OUT_FOLDERS
        or any(part.startswith(".") for part in path.parts)
    )


def _ref(item: Any, where: str, problems: list[str]) -> LibraryRef | None:
    try:
        return LibraryRef(
            str(item["machineName"]),
            int(item["majorVersion"]),
            int(item["minorVersion"]),
        )
    except (KeyError, TypeError, ValueError):
        problems.append(
            _(
                "%(where)s: a dependency lacks machineName, majorVersion or minorVersion."
            )
            % {"where": where}
        )
        return None


def _read_json(archive: zipfile.ZipFile, name: str, problems: list[str]) -> Any:
    try:
        with archive.open(name) as handle:
            return json.loads(handle.read(5 * 1024 * 1024 + 1).decode("utf-8-sig"))
    except KeyError:
        problems.append(_("%(name)s is missing.") % {"name": name})
    except (UnicodeDecodeError, json.JSONDecodeError):
        problems.append(_("%(name)s is not valid JSON.") % {"name": name})
    return None


def inspect_package(
    source: BinaryIO | str,
    *,
    installed: set[LibraryRef] | frozenset[LibraryRef] = frozenset(),
) -> H5PPackageInfo:
    """Check an .h5p package; ``installed``: libraries already on the platform."""
    problems: list[str] = []
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise H5PError([_("This file is not a valid .h5p (zip) package.")]) from None
    with archive:
        entries = check_entries(archive, problems)
        if problems:
            raise H5PError(problems)
        files = [info for info in entries if not is_left_out(info.filename)]
        names = {info.filename for info in files}
        h5p_json = _read_json(archive, "h5p.json", problems)
        if "content/content.json" not in names:
            problems.append(_("content/content.json is missing."))
        else:
            _read_json(archive, "content/content.json", problems)
        if not isinstance(h5p_json, dict):
            raise H5PError(problems or [_("h5p.json must be a JSON object.")])
        for key in ("title", "mainLibrary", "language", "preloadedDependencies"):
            if key not in h5p_json:
                problems.append(
                    _("h5p.json lacks the required field “%(field)s”.") % {"field": key}
                )
        if problems:
            raise H5PError(problems)
        required = [
            r
            for r in (
                _ref(d, "h5p.json", problems)
                for d in h5p_json.get("preloadedDependencies") or []
            )
            if r
        ]
        main = next(
            (r for r in required if r.machine_name == h5p_json["mainLibrary"]), None
        )
        if main is None:
            problems.append(
                _(
                    "The main library %(name)s is not among the dependencies in h5p.json."
                )
                % {"name": h5p_json["mainLibrary"]}
            )
        libraries = _read_libraries(archive, files, problems)
        info = H5PPackageInfo(
            title=str(h5p_json["title"])[:255],
            language=str(h5p_json.get("language", "und"))[:10],
            main_library=main or LibraryRef(str(h5p_json["mainLibrary"]), 0, 0),
            h5p_json=h5p_json,
            libraries=libraries,
            uncompressed_bytes=sum(i.file_size for i in files),
            file_count=len(files),
            left_out=[i.filename for i in entries if is_left_out(i.filename)],
        )
        info.required = _resolve(required, libraries, set(installed), problems)
    if problems:
        raise H5PError(problems)
    return info


def _read_libraries(
    archive: zipfile.ZipFile, files: list[zipfile.ZipInfo], problems: list[str]
) -> dict[LibraryRef, BundledLibrary]:
    libraries: dict[LibraryRef, BundledLibrary] = {}
    folders: set[str] = set()
    for info in files:
        parts = PurePosixPath(info.filename).parts
        extension = PurePosixPath(info.filename).suffix.lower().lstrip(".")
        if len(parts) == 1:
            if parts[0] not in ROOT_FILES:
                problems.append(
                    _("Unexpected file at the package root: %(name)s")
                    % {"name": info.filename}
                )
            continue
        if parts[0] == "content":
            if extension not in CONTENT_EXTENSIONS:
                problems.append(
                    _("File type not allowed in content: %(name)s")
                    % {"name": info.filename}
                )
            continue
        folders.add(parts[0])
        if extension not in LIBRARY_EXTENSIONS:
            problems.append(
                _("File type not allowed in a library: %(name)s")
                % {"name": info.filename}
            )
    for folder in sorted(folders):
        match = LIBRARY_DIR.match(folder)
        if not match:
            problems.append(_("Not a library folder: %(name)s") % {"name": folder})
            continue
        data = _read_json(archive, f"{folder}/library.json", problems)
        if not isinstance(data, dict):
            continue
        missing = [
            k
            for k in (
                "title",
                "machineName",
                "majorVersion",
                "minorVersion",
                "patchVersion",
            )
            if k not in data
        ]
        if missing:
            problems.append(
                _("%(folder)s/library.json lacks %(fields)s.")
                % {"folder": folder, "fields": ", ".join(missing)}
            )
            continue
        ref = _ref(data, folder, problems)
        if ref is None:
            continue
        if ref.folder != folder:
            problems.append(
                _("%(folder)s holds library %(ref)s.") % {"folder": folder, "ref": ref}
            )
            continue
        try:
            patch = int(data["patchVersion"])
        except (TypeError, ValueError):
            problems.append(
                _("%(folder)s/library.json: patchVersion is not a number.")
                % {"folder": folder}
            )
            continue
        dependencies = [
            d
            for d in (
                _ref(item, folder, problems)
                for item in data.get("preloadedDependencies") or []
            )
            if d
        ]
        for declared in [
            *(data.get("preloadedJs") or []),
            *(data.get("preloadedCss") or []),
        ]:
            path = f"{folder}/{declared.get('path', '')}"
            if not any(info.filename == path for info in files):
                problems.append(_("%(path)s is declared but missing.") % {"path": path})
        libraries[ref] = BundledLibrary(
            ref=ref,
            patch=patch,
            title=str(data["title"])[:255],
            runnable=bool(data.get("runnable")),
            metadata=data,
            dependencies=dependencies,
        )
    return libraries


def _resolve(
    required: list[LibraryRef],
    libraries: dict[LibraryRef, BundledLibrary],
    installed: set[LibraryRef],
    problems: list[str],
) -> list[LibraryRef]:
    """Every library needed to play, dependencies first (H5P loads them in order)."""
    order: list[LibraryRef] = []
    visiting: set[LibraryRef] = set()

    def visit(ref: LibraryRef, chain: tuple[str, ...]) -> None:
        if ref in order:
            return
        if ref in visiting:
            return  # H5P tolerates cycles (e.g. libraries that depend on each other)
        bundled = libraries.get(ref)
        if bundled is None and ref not in installed:
            problems.append(
                _("Library %(ref)s is missing (needed by %(by)s) and is not installed.")
                % {"ref": ref, "by": " → ".join(chain) or "h5p.json"}
            )
            return
        visiting.add(ref)
        for dependency in bundled.dependencies if bundled else []:
            visit(dependency, (*chain, str(ref)))
        visiting.discard(ref)
        order.append(ref)

    for ref in required:
        visit(ref, ())
    return order


# Where content types keep their own pass percentage, among the parameters of
# the main library (content/content.json): Question Set (``passPercentage``),
# Single Choice Set and Multiple Choice (``behaviour.passPercentage``, which
# decides their ``result.success``), Essay (``behaviour.percentagePassing``).
# Course Presentation and Interactive Video have none.
PASS_PERCENTAGE_PATHS = (
    ("passPercentage",),
    ("behaviour", "passPercentage"),
    ("behaviour", "percentagePassing"),
)


def content_pass_percentage(content: object) -> float | None:
    """The content's own pass percentage (0–100) from its ``content.json``, or
    ``None`` when it sets none."""
    for path in PASS_PERCENTAGE_PATHS:
        value = content
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and 0 <= value <= 100
        ):
            return float(value)
    return None
