"""Each dataset of a dashboard served on its own URL (issue 16), so that the page
itself keeps only its headings, filters and key figures, and a second visit
reuses the figures the browser already holds.

- A **skills** part (growth, gaps, distribution) reads the skills summary, which
  changes only when it is rebuilt (``SummaryRefresh``). Its URL carries a
  version made of the last rebuild, the day, the language and a digest of the
  session: the browser keeps it for a day (``private``: town figures, never a
  shared cache) and asks for a new one as soon as the summary is rebuilt, the
  day or language changes, or someone signs in again on that browser.
- A **live** part (compliance, activity, funnel) reads enrolments, assignments
  and statements as they are now: the browser asks again on every visit
  (``no-cache``) with the ETag it holds, and gets a 304 of a few hundred bytes
  when nothing changed.
- A part of **My skills** (radar, history) is one person's own levels: its
  version is a digest of exactly what it shows (levels and expectations, or
  month-end levels, and the names), so new evidence, a snapshot, an expiry or a
  new expectation gives a new URL at once; kept like a skills part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy

from reporting.dashboard.data import DATASETS, SKILLS_DATASETS

SKILLS_MAX_AGE = 24 * 3600
# Parameters of the page that are not filters: a download, its format, a version.
NOT_FILTERS = ("export", "format", "v")
HEADINGS = {
    "growth": gettext_lazy("Growth over time"),
    "gaps": gettext_lazy("Where we stand"),
    "distribution": gettext_lazy("How the distribution shifts"),
    "compliance": gettext_lazy("Mandatory training"),
    "activity": gettext_lazy("Learning activity"),
    "funnel": gettext_lazy("Completion funnel per course"),
}
PAGES = {"hr": "hr-dashboard", "council": "council-dashboard", "team": "team-dashboard"}
MY_SKILLS_PARTS = ("radar", "history")
MY_SKILLS_HEADINGS = {
    "radar": gettext_lazy("Where I stand"),
    "history": gettext_lazy("How my levels changed"),
}


def version(
    *, refreshed: int | str | None, today: dt.date, language: str, session_key: str
) -> str:
    """What a part's URL carries so that the browser's copy is dropped when the
    figures may have changed: the last summary rebuild (its id; for a part of
    My skills, the ``digest`` of what it shows), the day (months and due dates
    move with it) and the language, readable, then a digest of the session, so
    that a copy is never reused by the next person to sign in on the same
    browser."""
    stamp = f"{refreshed or 0}.{today:%Y%m%d}.{language}"
    digest = salted_hmac("reporting.parts", f"{stamp}|{session_key}").hexdigest()
    return f"{stamp}.{digest[:12]}"


def digest(data: object) -> str:
    """12 hex digits that change whenever ``data`` (JSON-able; dates and other
    values as their ``str``) does: a version for figures with no stamp of
    their own. Not a secret: ``version`` adds the session's."""
    text = json.dumps(data, default=str, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def my_skills_urls(stamps: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per part of My skills: ``data`` (JSON, versioned by ``stamps[name]``)
    and ``page`` (its table on a page of its own)."""
    return {
        name: {
            "data": reverse("reporting:my-skills-part", args=[name])
            + f"?v={stamps[name]}",
            "page": reverse("reporting:my-skills-part-page", args=[name]),
        }
        for name in MY_SKILLS_PARTS
    }


def filters_query(params: QueryDict) -> str:
    """The page's filters as a query string, without downloads or versions."""
    query = params.copy()
    for key in NOT_FILTERS:
        query.pop(key, None)
    return query.urlencode()


def urls(view: str, params: QueryDict, stamp: str) -> dict[str, dict[str, str]]:
    """Per dataset: ``data``, the JSON the page's script fetches (versioned),
    and ``page``, the same table as a page of its own (no script needed)."""
    query = filters_query(params)
    joined = f"{query}&" if query else ""
    return {
        name: {
            "data": reverse(f"reporting:{view}-part", args=[name])
            + f"?{joined}v={stamp}",
            "page": reverse(f"reporting:{view}-part-page", args=[name])
            + (f"?{query}" if query else ""),
        }
        for name in DATASETS
    }


def cache_control(name: str, *, current: bool = True) -> dict[str, Any]:
    """``patch_cache_control`` arguments for a part (see the module docstring).
    A part of My skills asked for with another version than what it now shows
    (``current`` False: the person's levels changed in between) is not kept."""
    if name in SKILLS_DATASETS or (name in MY_SKILLS_PARTS and current):
        return {"private": True, "max_age": SKILLS_MAX_AGE}
    return {"private": True, "no_cache": True}
