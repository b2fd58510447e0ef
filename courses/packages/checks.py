"""What every uploaded package (H5P, SCORM) must pass before anything is extracted.

``check_entries`` refuses the zip hazards: absolute paths, ``..``, drive letters and
backslashes, symbolic links, duplicate names (case-insensitively, as on the
filesystems packages come from), too many files, too much uncompressed data and a
suspicious compression ratio, per file and overall.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

MAX_FILES = 5_000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, per file and overall


# What third-party package content may load, on the content origin ('self'):
# scripts and styles from there, inline and evaluated code (authoring tools and
# H5P libraries rely on them), no plugins, nothing from other hosts. Each
# response adds who may frame it.
CONTENT_POLICY = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
]


class PackageError(Exception):
    """A refused package, with every problem found (translated, for people)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def check_entries(
    archive: zipfile.ZipFile, problems: list[str]
) -> list[zipfile.ZipInfo]:
    entries = archive.infolist()
    if len(entries) > MAX_FILES:
        problems.append(
            _("The package holds more than %(n)s files.") % {"n": MAX_FILES}
        )
        return []
    seen: set[str] = set()
    total = compressed = 0
    files = []
    for info in entries:
        name = info.filename
        path = PurePosixPath(name)
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or re.match(r"^[A-Za-z]:", name)
            or ".." in path.parts
        ):
            problems.append(_("Unsafe path in the package: %(name)s") % {"name": name})
            continue
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            problems.append(
                _("Symbolic links are not allowed: %(name)s") % {"name": name}
            )
            continue
        key = name.rstrip("/").lower()
        if key in seen:
            problems.append(
                _("Duplicate name in the package: %(name)s") % {"name": name}
            )
            continue
        seen.add(key)
        if info.is_dir():
            continue
        total += info.file_size
        compressed += info.compress_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            problems.append(
                _("Suspicious compression (zip bomb?): %(name)s") % {"name": name}
            )
        files.append(info)
    if total > MAX_UNCOMPRESSED:
        problems.append(
            _("The package expands to more than %(mb)s MB.")
            % {"mb": MAX_UNCOMPRESSED // (1024 * 1024)}
        )
    elif total > 1024 * 1024 and total > MAX_RATIO * max(compressed, 1):
        problems.append(
            _("Suspicious compression ratio for the whole package (zip bomb?).")
        )
    return files
