"""Where package files live: H5P libraries in ``MEDIA_ROOT/h5p/libraries/
<Machine-maj.min>/`` (shared), H5P content in ``MEDIA_ROOT/h5p/content/<key>/``
(h5p.json and content/), SCORM packages in ``MEDIA_ROOT/scorm/<key>/``."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def h5p_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "h5p"


def libraries_root() -> Path:
    return h5p_root() / "libraries"


def content_root(key: object) -> Path:
    return h5p_root() / "content" / str(key)


def scorm_root(key: object) -> Path:
    """``MEDIA_ROOT/scorm/<package key>/``: the package as extracted."""
    return Path(settings.MEDIA_ROOT) / "scorm" / str(key)
