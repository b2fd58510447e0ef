"""Static files as production serves them: the project's own stylesheets and
scripts minified, then hashed and compressed by WhiteNoise.

Minifying removes comments and whitespace only (rcssmin, rjsmin: no renaming, no
rewriting), so what runs is what was written. Other people's files (npm packages
under ``node_modules``, installed apps' ``static/`` folders in ``site-packages``)
and files already named ``*.min.*`` are served as they were shipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Both keep "/*! ... */" comments, by convention the licence notices.
MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": lambda text: rcssmin.cssmin(text, keep_bang_comments=True),
    ".js": lambda text: rjsmin.jsmin(text, keep_bang_comments=True),
}
# Folders of other people's code, even when they sit in the project's folder
# (node_modules, a .venv).
THIRD_PARTY_DIRS = frozenset({"node_modules", "site-packages", "dist-packages"})

Paths = dict[str, tuple[Storage, str]]


def is_own_source(storage: Storage, path: str) -> bool:
    """Whether ``path`` in a finder's ``storage`` is one of the project's files:
    on disk in the project's folder, outside any folder of third-party code."""
    try:
        source = Path(storage.path(path)).resolve()
    except NotImplementedError:  # not on the local disk
        return False
    base = Path(settings.BASE_DIR).resolve()
    if not source.is_relative_to(base):
        return False
    return not THIRD_PARTY_DIRS.intersection(source.relative_to(base).parts)


def minifier_for(name: str) -> Callable[[str], str] | None:
    """The minifier for a stylesheet or script not already minified, else None."""
    if ".min." in Path(name).name:
        return None
    return MINIFIERS.get(Path(name).suffix)


class MinifiedCompressedManifestStaticFilesStorage(
    CompressedManifestStaticFilesStorage
):
    """WhiteNoise's storage (hashed names, manifest, gzip and brotli copies) that
    first minifies the project's own ``.css`` and ``.js`` files.

    Django hashes each file from its source (``paths`` maps a collected name to
    the finder's storage and path), so each minified file is written over its
    collected copy and its entry pointed there: the hash follows the minified
    content, and ``url()`` references in the minified CSS are rewritten as usual.
    Always minified from the source, so a file that collectstatic skipped as
    unchanged is never minified twice.
    """

    def post_process(
        self, paths: Paths, dry_run: bool = False, **options: Any
    ) -> Iterator[tuple[str, str | None, Any]]:
        if not dry_run:
            paths = {**paths, **self.minify(paths)}
        yield from super().post_process(paths, dry_run=dry_run, **options)

    def minify(self, paths: Paths) -> Paths:
        """Write the minified copies of the project's stylesheets and scripts;
        their entries, now pointing at those copies."""
        minified: Paths = {}
        for name, (storage, path) in paths.items():
            minifier = minifier_for(name)
            if minifier is None or not is_own_source(storage, path):
                continue
            with storage.open(path) as source:
                text = source.read().decode("utf-8")
            if self.exists(name):
                self.delete(name)
            self._save(name, ContentFile(minifier(text).encode("utf-8")))
            minified[name] = (self, name)
        return minified
