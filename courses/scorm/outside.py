"""Which hosts of other sites a package's pages load from.

Content runs on the content origin, which holds no session, so a package may
load the scripts, styles and media it was written to load (a jQuery from a
public CDN, a web font): the files' policy names exactly the hosts found here,
and authors see them. Links (``<a href>``) are not loads and do not count.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable

# Tags whose src/href the browser loads on its own.
HTML_LOADS = re.compile(
    r"<(?:script|link|img|audio|video|source|track|embed|iframe)\b[^>]*?"
    r"\b(?:src|href)\s*=\s*[\"']((?:https?:)?//[^\"'/\s>?#]+)",
    re.IGNORECASE,
)
CSS_LOADS = re.compile(
    r"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')/\s?#]+)", re.IGNORECASE
)
# In scripts: a quoted absolute URL of a script, style sheet or font.
JS_LOADS = re.compile(
    r"[\"'`]((?:https?:)?//[^\"'`/\s?#]+)/[^\"'`\s]*\.(?:js|css|woff2?|ttf)\b",
    re.IGNORECASE,
)
PATTERNS = {
    "html": (HTML_LOADS, CSS_LOADS),
    "htm": (HTML_LOADS, CSS_LOADS),
    "xhtml": (HTML_LOADS, CSS_LOADS),
    "css": (CSS_LOADS,),
    "js": (JS_LOADS,),
}
MAX_FILE_BYTES = 2 * 1024 * 1024  # larger files are media or bundles, not read
MAX_HOSTS = 20
HOST = re.compile(r"^[a-z0-9.-]+(?::\d{1,5})?$")


def outside_hosts(
    archive: zipfile.ZipFile, files: Iterable[zipfile.ZipInfo]
) -> list[str]:
    """Sources for a content policy (``https://host``, or ``host`` for a
    scheme-relative URL), sorted, at most ``MAX_HOSTS``."""
    found: set[str] = set()
    for info in files:
        kind = info.filename.rsplit(".", 1)[-1].lower()
        if kind not in PATTERNS or info.file_size > MAX_FILE_BYTES:
            continue
        text = archive.read(info).decode("utf-8", errors="ignore")
        for pattern in PATTERNS[kind]:
            for match in pattern.findall(text):
                source = _source(match)
                if source:
                    found.add(source)
    return sorted(found)[:MAX_HOSTS]


def _source(url: str) -> str:
    scheme, _sep, host = url.lower().partition("//")
    if not HOST.match(host) or "." not in host:
        return ""
    return f"{scheme}//{host}" if scheme else host
