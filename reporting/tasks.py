"""Background work of reporting: rebuilding the summary dashboards read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from reporting.actions import rebuild_skills_summary

# New evidence reaches the dashboards within this delay (plus the worker's
# one-second poll and the ~1 s rebuild): evidence recorded meanwhile is
# gathered into the same rebuild.
REFRESH_DELAY = dt.timedelta(seconds=30)
PENDING = "reporting:skills-summary-refresh-pending"


@task()
def refresh_skills_summary() -> int:
    """Nightly, after large imports and shortly after new evidence
    (``request_summary_refresh``): dashboards read this summary."""
    # Cleared first: evidence recorded while this runs asks for another run.
    cache.delete(PENDING)
    return rebuild_skills_summary()


def request_summary_refresh() -> None:
    """Ask for the summary to be rebuilt ``REFRESH_DELAY`` from now, once the
    current transaction commits; asking again before then adds nothing (one
    rebuild covers every piece of evidence of the window)."""

    def enqueue() -> None:
        if not cache.add(PENDING, True, timeout=REFRESH_DELAY.total_seconds()):
            return
        refresh = refresh_skills_summary
        if refresh.get_backend().supports_defer:
            refresh = refresh.using(run_after=timezone.now() + REFRESH_DELAY)
        refresh.enqueue()

    transaction.on_commit(enqueue)


def evidence_recorded(sender: Any, *, created: bool = False, **kwargs: Any) -> None:
    """``post_save`` receiver for ``skills.Evidence`` (append-only: every save
    is a new piece). Bulk loads send no signal and rebuild the summary themselves."""
    if created:
        request_summary_refresh()
