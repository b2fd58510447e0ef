"""Nobody ends up managing themselves through a chain: the people admin form
refuses a manager who reports to the person (directly or not), with the very check
the people import uses, and the import now also follows the chain through people
the file leaves as they are. Personas: Ben manages Ada, who manages Sam."""

from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation

from lms.forms import PersonForm
from lms.people_file import management_chain_loops, plan_import, read_table
from lms.testing import PersonasTestCase
from lms.tests.test_people_file import csv_bytes

LOOP = "Management chain loops back to this person."


class ChainCheckTests(PersonasTestCase):
    def test_the_walk_finds_short_and_long_loops_and_stops_on_old_ones(self) -> None:
        chain = {"B": "A", "C": "B", "X": "Y", "Y": "X"}
        self.assertTrue(management_chain_loops("A", "B", chain.get))
        self.assertTrue(management_chain_loops("A", "C", chain.get))
        self.assertTrue(management_chain_loops("A", "A", chain.get))
        self.assertFalse(management_chain_loops("A", "D", chain.get))
        self.assertFalse(management_chain_loops("A", "X", chain.get))


class PersonFormTests(PersonasTestCase):
    def form(self, person, **changes):
        data = model_to_dict(person, fields=PersonForm.Meta.fields)
        data.update(changes)
        data = {key: value for key, value in data.items() if value is not None}
        return PersonForm(data=data, instance=person, for_user=self.cleo)

    def test_a_report_cannot_become_their_managers_manager(self) -> None:
        with translation.override("en"):
            form = self.form(self.ben, manager=self.ada.pk)
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["manager"], [LOOP])

    def test_an_indirect_report_cannot_either(self) -> None:
        form = self.form(self.ben, manager=self.sam.pk)
        self.assertIn("manager", form.errors)

    def test_a_manager_outside_the_chain_is_accepted(self) -> None:
        form = self.form(self.ben, manager=self.dev.pk)
        self.assertTrue(form.is_valid(), form.errors)

    def test_the_people_admin_shows_the_refusal_and_saves_nothing(self) -> None:
        self.client.force_login(self.cleo)
        url = reverse("people:edit", args=[self.ben.pk])
        data = model_to_dict(self.ben, fields=PersonForm.Meta.fields)
        data = {key: value for key, value in data.items() if value is not None}
        response = self.client.post(url, {**data, "manager": self.sam.pk})
        self.assertContains(response, "La chaîne hiérarchique revient à cette personne")
        self.ben.refresh_from_db()
        self.assertIsNone(self.ben.manager)
        self.client.post(url, {**data, "manager": self.dev.pk})
        self.ben.refresh_from_db()
        self.assertEqual(self.ben.manager, self.dev)


class ImportChainTests(PersonasTestCase):
    def plan(self, *rows: str):
        header, data = read_table("people.csv", csv_bytes(*rows))
        return plan_import(self.town, header, data)

    def test_a_loop_through_people_left_out_of_the_file_is_an_error(self) -> None:
        """Only Ben is in the file; Sam (managed by Ada, managed by Ben) stays as
        he is, so Sam managing Ben would loop."""
        plan = self.plan("BEN,Test,Ben,,staff,ENG,DEV,SAM,,fr,yes")
        self.assertEqual(
            [(e.line, e.column) for e in plan.errors],
            [(2, "manager_employee_number")],
        )

    def test_a_file_that_breaks_the_old_chain_is_accepted(self) -> None:
        """Ada's row drops Ben as her manager, so Sam may now manage Ben."""
        plan = self.plan(
            "BEN,Test,Ben,,staff,ENG,DEV,SAM,,fr,yes",
            "ADA,Test,Ada,,staff,ENG,DEV,,,fr,yes",
        )
        self.assertTrue(plan.is_valid, plan.errors)
