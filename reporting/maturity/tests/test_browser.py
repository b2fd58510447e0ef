"""HR opens this year's assessment and invites three respondents, who answer
on a phone-sized screen; the skills dimension fills from snapshots like the
demo's, and the results show the radar and the change since last year. Every
page passes axe (WCAG 2.1 AA). The steps are in ``journey``, which the whole
chain of issue #19 reuses (``reporting/plan/tests/test_browser.py``)."""

from __future__ import annotations

from lms.testing import BrowserTestCase
from reporting.maturity.tests.journey import MaturityJourney


class MaturityJourneyTests(MaturityJourney, BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.set_up_maturity()

    def test_open_invite_answer_and_read_the_results(self) -> None:
        self.page.set_viewport_size({"width": 390, "height": 844})
        assessment = self.open_and_invite()
        for username in ("eli", "ben", "ada"):
            self.answer_as(username)
        self.read_results(assessment)
