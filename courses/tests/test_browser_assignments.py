"""HR creates mandatory training "due N days after arrival" for a department
whose staff were hired years ago: they get the explicit date HR gave, a
newcomer gets arrival + N days, and nobody is shown late."""

import datetime as dt

from django.urls import reverse
from django.utils import formats, timezone

from courses.demo.builders import make_catalogue, make_course, make_section
from courses.models import Assignment
from lms.testing import BrowserTestCase, make_person


def short(day: dt.date) -> str:
    """A date as the French pages show it (SHORT_DATE_FORMAT)."""
    return formats.date_format(day, "SHORT_DATE_FORMAT", use_l10n=True)


class AfterArrivalAssignmentJourneyTests(BrowserTestCase):
    """Ada, Ben (Engineering) and Sam (Support, under it) were hired in 2020;
    Nina joins Engineering today."""

    def setUp(self) -> None:
        super().setUp()
        catalogue = make_catalogue()
        self.course = make_course(
            make_section(catalogue, self.town), slug="cyber", title="Cybersécurité"
        )
        self.today = timezone.localdate()
        self.nina = make_person(
            "nina", self.town, department=self.engineering, hire_date=self.today
        )
        self.existing_by = self.today + dt.timedelta(days=60)

    def create_assignment(self) -> Assignment:
        self.sign_in("cleo")
        self.page.goto(self.url(reverse("assignments:add")))
        self.assert_accessible()
        self.page.select_option("#id_course", label="Cybersécurité")
        self.page.get_by_label("Engineering", exact=True).check()
        self.page.select_option("#id_due_kind", value="after_hire")
        self.page.fill("#id_due_days", "30")
        self.page.fill("#id_existing_staff_due_date", self.existing_by.isoformat())
        self.page.keyboard.press("Escape")  # a date picker left open
        # From the keyboard: the date picker may still cover the button.
        with self.page.expect_navigation():
            self.page.locator("button[type=submit]:has-text('Créer')").first.press(
                "Enter"
            )
        return Assignment.objects.get()

    def test_existing_staff_get_the_explicit_date_and_a_newcomer_thirty_days(
        self,
    ) -> None:
        assignment = self.create_assignment()
        self.assertEqual(assignment.existing_staff_due_date, self.existing_by)
        self.assertEqual(list(assignment.departments.all()), [self.engineering])

        self.page.goto(self.url(assignment.get_report_url()))
        self.assert_accessible()
        rows = {
            row.locator("td").first.inner_text(): row.inner_text()
            for row in self.page.locator("tbody tr").all()
        }
        self.assertEqual(
            set(rows), {"Ada Test", "Ben Test", "Sam Test", "Nina Test"}, rows
        )
        for name in ("Ada Test", "Ben Test", "Sam Test"):
            self.assertIn(short(self.existing_by), rows[name])
        newcomer_due = self.today + dt.timedelta(days=30)
        self.assertIn(short(newcomer_due), rows["Nina Test"])
        # Nobody late: not a row, not in the totals.
        for text in rows.values():
            self.assertNotIn("En retard", text)
        totals = self.page.inner_text(".totals")
        self.assertRegex(totals, r"(?m)^En retard\s*:\s*0$")
        self.assertRegex(totals, r"Pas commencée\s*:\s*4")

        # Each person's own page says the same.
        self.page.context.clear_cookies()
        self.sign_in("ada")
        self.page.goto(self.url(reverse("courses:my-learning")))
        assigned = self.page.inner_text("section[aria-labelledby=assigned-heading]")
        self.assertIn("Cybersécurité", assigned)
        self.assertIn(short(self.existing_by), assigned)
        self.assertNotIn("En retard", assigned)
        self.page.context.clear_cookies()
        self.sign_in("nina")
        self.page.goto(self.url(reverse("courses:my-learning")))
        assigned = self.page.inner_text("section[aria-labelledby=assigned-heading]")
        self.assertIn(short(newcomer_due), assigned)
        self.assert_accessible()
