from django.http import Http404

from lms.models import Department
from lms.queries import (
    access_person_for,
    departments_visible_to,
    organisations_administered_by,
    people_visible_to,
    reports_of,
)
from lms.testing import PersonasTestCase


class PeopleVisibleToTests(PersonasTestCase):
    def test_a_learner_sees_only_themselves(self) -> None:
        self.assertEqual(list(people_visible_to(self.dev)), [self.dev])

    def test_a_manager_sees_their_reports_transitively(self) -> None:
        """Ben manages Ada, who manages Sam: Ben sees all three, not Dev."""
        visible = set(people_visible_to(self.ben))
        self.assertEqual(visible, {self.ben, self.ada, self.sam})

    def test_a_report_does_not_see_their_manager(self) -> None:
        self.assertNotIn(self.ben, people_visible_to(self.ada))

    def test_hr_sees_their_whole_organisation_and_no_other(self) -> None:
        visible = set(people_visible_to(self.cleo))
        self.assertIn(self.dev, visible)
        self.assertIn(self.eli, visible)
        self.assertNotIn(self.marc, visible)
        self.assertNotIn(self.hugo, visible)

    def test_an_elected_official_sees_no_one_else(self) -> None:
        self.assertEqual(list(people_visible_to(self.eli)), [self.eli])

    def test_a_platform_admin_sees_every_town(self) -> None:
        visible = set(people_visible_to(self.root))
        self.assertTrue({self.ada, self.marc, self.hugo} <= visible)

    def test_an_inactive_account_sees_nothing(self) -> None:
        self.cleo.is_active = False
        self.assertFalse(people_visible_to(self.cleo).exists())

    def test_a_management_cycle_does_not_loop_forever(self) -> None:
        self.ben.manager = self.sam
        self.ben.save()
        self.assertEqual(set(reports_of(self.ben)), {self.ada, self.sam, self.ben})


class AccessPersonForTests(PersonasTestCase):
    def test_hr_of_another_town_gets_a_404(self) -> None:
        with self.assertRaises(Http404):
            access_person_for(self.hugo, self.ada.pk)

    def test_hr_of_the_town_gets_the_person(self) -> None:
        self.assertEqual(access_person_for(self.cleo, self.ada.pk), self.ada)


class OrganisationAndDepartmentTests(PersonasTestCase):
    def test_only_hr_and_platform_admins_administer_an_organisation(self) -> None:
        self.assertEqual(list(organisations_administered_by(self.cleo)), [self.town])
        self.assertEqual(
            list(organisations_administered_by(self.hugo)), [self.other_town]
        )
        self.assertFalse(organisations_administered_by(self.ben).exists())
        self.assertFalse(organisations_administered_by(self.eli).exists())
        self.assertEqual(organisations_administered_by(self.root).count(), 2)

    def test_subtree_holds_the_department_and_everything_below(self) -> None:
        subtree = set(Department.objects.subtree_of(self.resources))
        self.assertEqual(
            subtree, {self.resources, self.engineering, self.support, self.finance}
        )

    def test_a_manager_sees_the_departments_of_their_reports(self) -> None:
        self.assertEqual(
            set(departments_visible_to(self.ben)), {self.engineering, self.support}
        )
        self.assertEqual(list(departments_visible_to(self.dev)), [self.finance])
        self.assertFalse(departments_visible_to(self.eli).exists())
