"""Small .h5p packages written by tests and benchmarks (never the shared fixtures)."""

from __future__ import annotations

import io
import json
import stat
import zipfile


def library_json(
    name: str, major: int = 1, minor: int = 0, patch: int = 0, deps=()
) -> dict:
    return {
        "title": name,
        "machineName": name,
        "majorVersion": major,
        "minorVersion": minor,
        "patchVersion": patch,
        "runnable": 1,
        "preloadedJs": [{"path": "app.js"}],
        "preloadedDependencies": [
            {"machineName": d, "majorVersion": 1, "minorVersion": 0} for d in deps
        ],
    }


def build(
    files: dict[str, bytes | str | dict], *, symlink: str | None = None
) -> io.BytesIO:
    """A small .h5p written by the test: ``files`` maps names to content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if isinstance(content, dict):
                content = json.dumps(content)
            archive.writestr(name, content)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    buffer.seek(0)
    return buffer


def valid_files(patch: int = 0) -> dict:
    return {
        "h5p.json": {
            "title": "Quiz",
            "language": "fr",
            "mainLibrary": "H5P.Mini",
            "embedTypes": ["div"],
            "preloadedDependencies": [
                {"machineName": "H5P.Mini", "majorVersion": "1", "minorVersion": "0"}
            ],
        },
        "content/content.json": {"question": "?"},
        "content/images/photo.png": b"\x89PNG",
        "H5P.Mini-1.0/library.json": library_json(
            "H5P.Mini", patch=patch, deps=["H5P.Base"]
        ),
        "H5P.Mini-1.0/app.js": f"// patch {patch}",
        "H5P.Base-1.0/library.json": library_json("H5P.Base"),
        "H5P.Base-1.0/app.js": "// base",
    }
