"""SCORM statistics for authors: learners, attempts, completion, score, and how
each question (``cmi.interactions``) is answered, town by town."""

from django.urls import reverse

from courses import actions
from courses.demo.scorm_packages import scorm_zip
from courses.scorm import actions as scorm_actions
from courses.scorm.queries import scorm_statistics
from courses.testing.scorm_lessons import ScormLessonTestCase
from lms.testing import make_person


def answered(*results: tuple[str, str], **core: object) -> dict:
    """A SCORM 1.2 commit with these (id, result) interactions, as the API
    sends the array (an object of indexes)."""
    return {
        "core": core,
        "interactions": {
            str(index): {"id": question, "type": "choice", "result": result}
            for index, (question, result) in enumerate(results)
        },
    }


class ScormStatisticsTests(ScormLessonTestCase):
    """Saint-Aubin's shared 1.2 package (mastery 80): Ada twice, Sam once; Marc,
    of Montval, once."""

    def package(self):
        return scorm_zip()

    def setUp(self) -> None:
        super().setUp()
        self.scorm.organisation = self.town
        self.scorm.shared = True
        self.scorm.save()
        self.commit(
            self.launch(),
            answered(
                ("q1", "correct"),
                ("q2", "wrong"),
                lesson_status="passed",
                score={"raw": "90"},
            ),
        )
        self.client.post(
            reverse("scorm:new-attempt", args=[self.lesson.pk, self.block_id])
        )
        self.commit(
            self.launch(),
            answered(("q1", "wrong"), ("q2", "correct"), lesson_status="incomplete"),
        )
        for person, commit in (
            (
                self.sam,
                answered(
                    ("q1", "correct"),
                    ("q2", "neutral"),
                    lesson_status="incomplete",
                    score={"raw": "50"},
                ),
            ),
            (self.marc, answered(("q1", "wrong"), ("q2", "wrong"))),
        ):
            actions.enrol(person, self.course_scorm)
            client = self.client_class()
            client.force_login(person)
            self.commit(self.launch(client=client), commit, client=client)
        self.url = reverse("scorm_admin:statistics", args=[self.scorm.pk])

    def test_fewer_than_five_learners_show_no_figure(self) -> None:
        # The attempts' totals; with too few learners, nothing more is read.
        with self.assertNumQueries(1):
            stats = scorm_statistics(self.scorm, self.cleo)  # Ada and Sam
        self.assertEqual(
            (stats.learners, stats.attempts, stats.completed, stats.average_score),
            (None, None, None, None),
        )
        self.assertEqual(stats.questions, [])
        across = scorm_statistics(self.scorm, self.root)  # three people
        self.assertEqual((across.learners, across.questions), (None, []))

    def test_an_author_of_the_other_town_learns_nothing_of_one_learner(
        self,
    ) -> None:
        """Montval's author would count Marc alone: nothing is shown."""
        author = make_person("odile", self.other_town, is_author=True)
        self.client.force_login(author)
        response = self.client.get(self.url)  # a shared package: its page opens
        self.assertContains(response, "au moins 5")
        self.assertNotContains(response, "0 % (0/1)")

    def test_the_page_for_authors_and_who_may_not_see_it(self) -> None:
        self.client.force_login(self.aurore)
        response = self.client.get(self.url)
        self.assertContains(response, "au moins 5")
        self.assertNotContains(response, "67 %")
        for person in (self.ada, self.eli, self.ben):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertIn(self.client.get(self.url).status_code, (302, 403))
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_the_package_list_links_to_it(self) -> None:
        self.client.force_login(self.aurore)
        listing = self.client.get(reverse("wagtailsnippets_courses_scormpackage:list"))
        self.assertContains(listing, self.url)
        self.assertContains(self.client.get(reverse("scorm_admin:upload")), self.url)

    def test_a_package_of_another_town_not_shared_is_not_found(self) -> None:
        other = scorm_actions.import_scorm(scorm_zip(), organisation=self.other_town)
        self.client.force_login(self.aurore)
        url = reverse("scorm_admin:statistics", args=[other.pk])
        self.assertEqual(self.client.get(url).status_code, 404)


class ScormStatisticsFiguresTests(ScormLessonTestCase):
    """Ten Saint-Aubin learners: figures show, except where they would describe
    fewer than five people."""

    def package(self):
        return scorm_zip()

    def setUp(self) -> None:
        super().setUp()
        self.scorm.organisation = self.town
        self.scorm.save()
        for index in range(10):
            person = make_person(f"learner{index}", self.town)
            actions.enrol(person, self.course_scorm)
            client = self.client_class()
            client.force_login(person)
            results = [
                ("q1", "correct" if index < 5 else "wrong"),
                ("q2", "correct" if index < 9 else "wrong"),
            ]
            if index < 3:
                results.append(("q3", "correct"))
            self.commit(
                self.launch(client=client),
                answered(
                    *results,
                    lesson_status="passed" if index < 5 else "incomplete",
                    score={"raw": "90" if index < 5 else "40"},
                ),
                client=client,
            )

    def test_figures_about_five_or_more_show(self) -> None:
        # The attempts' totals, then the states' interactions.
        with self.assertNumQueries(2):
            stats = scorm_statistics(self.scorm, self.cleo)
        self.assertEqual((stats.learners, stats.completed, stats.attempts), (10, 5, 10))
        self.assertAlmostEqual(stats.average_score, 0.65)
        rows = {q["question"]: q for q in stats.questions}
        self.assertEqual(sorted(rows), ["q1", "q2"])  # q3: three people only
        self.assertEqual((rows["q1"]["correct"], rows["q1"]["success_rate"]), (5, 0.5))
        # Nine right and one wrong: the one would show.
        self.assertEqual((rows["q2"]["learners"], rows["q2"]["correct"]), (10, None))
        self.assertIsNone(rows["q2"]["success_rate"])
        self.client.force_login(self.aurore)
        response = self.client.get(
            reverse("scorm_admin:statistics", args=[self.scorm.pk])
        )
        self.assertContains(response, "50 % (5/10)")
        self.assertNotContains(response, "q3")


class Scorm2004StatisticsTests(ScormLessonTestCase):
    """The 2004 package: two SCOs, each with a question of its own."""

    def test_2004_results_descriptions_and_items(self) -> None:
        for index in range(5):
            person = make_person(f"learner{index}", self.town)
            actions.enrol(person, self.course_scorm)
            client = self.client_class()
            client.force_login(person)
            for sco, result in (("sco_a", "incorrect"), ("sco_b", "correct")):
                interaction = {
                    "id": "q1",
                    "type": "true-false",
                    "description": f"Question of {sco}",
                    "result": result,
                }
                self.commit(
                    self.launch(sco, client=client),
                    {"interactions": {"0": interaction}},
                    client=client,
                )
        stats = scorm_statistics(self.scorm, self.root)
        self.assertTrue(stats.several_items)
        self.assertEqual(
            [(q["item"], q["correct"], q["incorrect"]) for q in stats.questions],
            [("Signs", 0, 5), ("Report it", 5, 0)],
        )
        self.client.force_login(self.root)
        response = self.client.get(
            reverse("scorm_admin:statistics", args=[self.scorm.pk])
        )
        self.assertContains(response, "Question of sco_b <code>q1</code>")
