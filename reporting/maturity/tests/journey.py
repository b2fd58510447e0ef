"""Steps of the maturity journey in the browser, shared by the maturity
journey and the whole chain of issue #19 (``reporting/plan/tests``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from lms.testing import make_person
from reporting.maturity import actions
from reporting.maturity.models import Assessment, Group
from skills.actions import load_digcomp, record_evidence
from skills.models import Competence, RoleExpectation


class MaturityJourney:
    """Mixed into a ``BrowserTestCase``."""

    page: Any
    context: Any
    year: int

    def set_up_maturity(self: Any) -> None:
        """Six developers assessed by HR (verified), four at the expected level
        of 4.1, and last year's assessment closed, answered at 1 everywhere."""
        version = load_digcomp()
        competence = Competence.objects.get(version=version, code="4.1")
        RoleExpectation.objects.create(
            job_role=self.developer_role, competence=competence, level=2
        )
        for n in range(6):
            person = make_person(
                f"dev{n}",
                self.town,
                department=self.engineering,
                job_role=self.developer_role,
            )
            record_evidence(
                person,
                competence=competence,
                level=3 if n < 4 else 1,
                source="import",
                recorded_by=self.cleo,
                observed_at=timezone.now() - dt.timedelta(days=2),
            )
        self.year = timezone.localdate().year
        last = actions.open_assessment(self.cleo, year=self.year - 1)
        invitation = actions.invite(last, person=self.ben, group=Group.MANAGEMENT)
        actions.save_answers(
            invitation,
            levels={q.pk: 1 for q in actions.questions_for(invitation)},
            submit=True,
        )
        actions.close_assessment(last, as_of=dt.date(self.year - 1, 11, 28))

    def open_and_invite(self: Any) -> Assessment:
        """Cleo opens this year's assessment and invites Eli, Ben and Ada."""
        self.sign_in("cleo")
        self.page.goto(self.url("/maturity/"))
        self.assert_accessible()
        self.press("Ouvrir l'évaluation", then="**/maturity/assessments/*/")
        assessment = Assessment.objects.get(year=self.year)
        for person, group in (
            (self.eli, Group.ELECTED),
            (self.ben, Group.MANAGEMENT),
            (self.ada, Group.IT),
        ):
            self.page.select_option("#id_person", str(person.pk))
            self.page.select_option("#id_group", group)
            self.press("Inviter", then="**/maturity/assessments/*/")
        self.assertEqual(assessment.invitations.count(), 3)
        self.assert_accessible()
        return assessment

    def answer_as(self: Any, username: str) -> None:
        self.context.clear_cookies()
        self.sign_in(username)
        self.page.goto(self.url("/maturity/"))
        self.page.click("#invitations-heading + ul a")
        self.page.wait_for_selector("form.maturity-form")
        for fieldset in self.page.locator("fieldset.question").all():
            fieldset.locator("input[value='3']").check()
        self.assert_accessible()
        self.press("Envoyer mes réponses", then="**/maturity/invitations/**")
        self.assertIn("Merci", self.page.inner_text(".messages"))

    def read_results(self: Any, assessment: Assessment) -> None:
        """The skills dimension comes from the snapshots (4 of 6 developers:
        67 % of the one area shown, 3.3 out of 5); the radar shows this year
        and last; the strategy went from 1 to 3."""
        self.context.clear_cookies()
        self.sign_in("cleo")
        self.page.goto(self.url(f"/maturity/assessments/{assessment.pk}/results/"))
        self.page.wait_for_selector("[data-chart='radar-data'] .main-svg")
        rows = {
            row.locator("th").inner_text().strip(): [
                cell.inner_text().strip() for cell in row.locator("td").all()
            ]
            for row in self.page.locator("#scores tbody tr").all()
        }
        skills = next(v for k, v in rows.items() if k.startswith("Compétences"))
        self.assertEqual(skills[0], "3,3")
        strategy = rows["Vision et stratégie numérique"]
        self.assertEqual(strategy[:3], ["3,0", "1,0", "+2,0"])
        self.assertIn("En hausse", self.page.inner_text("#words-heading + ul"))
        traces = self.page.locator("[data-chart='radar-data'] .scatterlayer .trace")
        self.assertEqual(traces.count(), 2)  # this year, last year
        self.assert_accessible()
