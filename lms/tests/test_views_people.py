from django.urls import reverse

from lms.testing import PersonasTestCase


class PersonDetailTests(PersonasTestCase):
    def url(self, person) -> str:
        return reverse("lms:person-detail", args=[person.pk])

    def test_hr_opens_anyone_in_their_town(self) -> None:
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(self.url(self.ada)).status_code, 200)

    def test_hr_of_another_town_gets_404_by_url(self) -> None:
        self.client.force_login(self.hugo)
        self.assertEqual(self.client.get(self.url(self.ada)).status_code, 404)

    def test_a_manager_opens_an_indirect_report(self) -> None:
        self.client.force_login(self.ben)
        self.assertEqual(self.client.get(self.url(self.sam)).status_code, 200)

    def test_a_learner_cannot_open_a_colleague(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.url(self.dev)).status_code, 404)

    def test_an_elected_official_cannot_open_a_person(self) -> None:
        self.client.force_login(self.eli)
        self.assertEqual(self.client.get(self.url(self.ada)).status_code, 404)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self) -> None:
        response = self.client.get(self.url(self.ada))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])


class PersonListTests(PersonasTestCase):
    def test_the_list_shows_only_visible_people(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.get(reverse("lms:person-list"))
        self.assertContains(response, self.sam.get_absolute_url())
        self.assertNotContains(response, self.dev.get_absolute_url())

    def test_the_list_costs_the_same_queries_whatever_its_length(self) -> None:
        """User, count, page: three queries for HR's whole town (the session and
        the site come from the cache)."""
        self.client.force_login(self.cleo)
        self.client.get(reverse("lms:person-list"))
        with self.assertNumQueries(3):
            response = self.client.get(reverse("lms:person-list"))
        self.assertContains(response, self.ada.get_absolute_url())


class PeopleMenuTests(PersonasTestCase):
    """The "People" menu entry is for those who look after a whole town; a
    manager reaches their team from the home page; a learner, whose list would
    hold only themselves, and an elected official do not see it."""

    def menu(self, person) -> str:
        self.client.force_login(person)
        response = self.client.get(reverse("home"))
        return response.content.decode().split('<nav aria-label="Principal">')[1]

    def test_hr_sees_the_people_menu(self) -> None:
        self.assertIn(
            reverse("lms:person-list"), self.menu(self.cleo).split("</nav>")[0]
        )

    def test_a_learner_and_an_elected_official_do_not(self) -> None:
        for person in (self.ada, self.eli):
            with self.subTest(person=person.username):
                self.assertNotIn(
                    reverse("lms:person-list"), self.menu(person).split("</nav>")[0]
                )

    def test_a_manager_finds_their_team_on_the_home_page(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Voir les personnes que j")
