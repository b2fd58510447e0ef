"""New evidence reaches the dashboards through a debounced refresh of the
summary (reporting.tasks.request_summary_refresh), not the next morning."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reporting.models import SummaryRefresh
from reporting.queries import growth_rows
from reporting.tasks import REFRESH_DELAY
from reporting.tests.test_views_dashboard import DashboardTestCase
from skills import actions


class FreshnessTests(DashboardTestCase):
    URL = reverse("reporting:hr-dashboard")

    def at_or_above_this_month(self, response: object) -> int:
        """What the HR dashboard's growth chart reads for this month."""
        scope = response.context["scope"]  # type: ignore[attr-defined]
        return sum(
            row["at_or_above"]
            for row in growth_rows(scope)
            if row["month"] == scope.end
        )

    def test_a_validation_reaches_the_hr_dashboard_without_the_nightly_job(
        self,
    ) -> None:
        """Ada (level 1, expected 2) validated at 3 by Ben: once the refresh the
        evidence asked for has run (at once, under the test task backend), the HR
        dashboard counts one more person at the expected level, and says its
        figures were computed after the validation."""
        self.client.force_login(self.cleo)
        before = self.client.get(self.URL)
        counted = self.at_or_above_this_month(before)
        computed = before.context["refreshed"].finished_at
        recorded = timezone.now()
        with self.captureOnCommitCallbacks(execute=True):
            actions.record_evidence(
                self.ada,
                competence=self.c41,
                level=3,
                source="manager",
                recorded_by=self.ben,
            )
        after = self.client.get(self.URL)
        self.assertEqual(self.at_or_above_this_month(after), counted + 1)
        self.assertGreater(after.context["refreshed"].finished_at, computed)
        self.assertGreaterEqual(after.context["refreshed"].finished_at, recorded)

    def test_refused_evidence_asks_for_no_refresh(self) -> None:
        """A refused validation (Dev is not Ben's) records nothing and rebuilds
        nothing."""
        refreshes = SummaryRefresh.objects.count()
        with (
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaises(PermissionDenied),
        ):
            actions.record_evidence(
                self.dev,
                competence=self.c41,
                level=3,
                source="manager",
                recorded_by=self.ben,
            )
        self.assertEqual(SummaryRefresh.objects.count(), refreshes)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class DebounceTests(DashboardTestCase):
    def test_evidence_arriving_together_is_gathered_into_one_deferred_rebuild(
        self,
    ) -> None:
        """Under the worker's backend (as ``make run`` and production use): three
        pieces of evidence in a row queue one rebuild, to run within a minute."""
        asked = timezone.now()
        with self.captureOnCommitCallbacks(execute=True):
            for level in (2, 3):
                actions.record_evidence(
                    self.ada,
                    competence=self.c41,
                    level=level,
                    source="self",
                    recorded_by=self.ada,
                )
        with self.captureOnCommitCallbacks(execute=True):
            actions.record_evidence(
                self.sam,
                competence=self.c41,
                level=2,
                source="self",
                recorded_by=self.sam,
            )
        queued = DBTaskResult.objects.filter(
            task_path="reporting.tasks.refresh_skills_summary"
        )
        self.assertEqual(queued.count(), 1)
        run_after = queued.get().run_after
        self.assertGreaterEqual(run_after, asked + REFRESH_DELAY)
        self.assertLess(run_after, asked + dt.timedelta(minutes=1))
