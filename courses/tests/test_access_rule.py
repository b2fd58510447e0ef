"""The lesson and course pages decide who may take a course from the page in
hand (``course_visible_to``); the catalogue and every listing filter with
``courses_visible_to``. Both must say the same thing for everyone."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from courses.demo.builders import make_course, make_section
from courses.models import CoursePage
from courses.queries.access import course_visible_to, courses_visible_to
from courses.testing import CatalogueTestCase
from lms.models import Network, Organisation, User
from lms.testing import make_person


class CourseVisibleToTests(CatalogueTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A town alone, a town of another network, courses for both audiences
        # and one withdrawn.
        cls.alone = Organisation.objects.create(name="Isolé", slug="isole")
        cls.elsewhere = Organisation.objects.create(
            name="Ailleurs",
            slug="ailleurs",
            network=Network.objects.create(name="Other", slug="other"),
        )
        alone_section = make_section(cls.catalogue, cls.alone)
        elsewhere_section = make_section(cls.catalogue, cls.elsewhere)
        cls.alone_shared = make_course(alone_section, slug="alone-shared", lessons=1)
        cls.elsewhere_shared = make_course(
            elsewhere_section, slug="elsewhere-shared", lessons=1
        )
        cls.for_everyone = make_course(
            cls.other_section,
            slug="everyone",
            lessons=1,
            audience=CoursePage.Audience.BOTH,
        )
        cls.withdrawn = make_course(cls.section, slug="withdrawn", lessons=1)
        cls.withdrawn.unpublish()
        cls.lone_learner = make_person("lone", cls.alone)
        cls.far_official = make_person("far", cls.elsewhere, kind=User.Kind.ELECTED)
        cls.nowhere = make_person("nowhere", None)

    def people(self) -> list[User | AnonymousUser]:
        return [
            self.ada,
            self.eli,
            self.cleo,
            self.hugo,
            self.marc,
            self.root,
            self.lone_learner,
            self.far_official,
            self.nowhere,
            AnonymousUser(),
        ]

    def assert_both_rules_agree(self) -> None:
        courses = list(CoursePage.objects.select_related("organisation"))
        self.assertEqual(len(courses), 9)
        for person in self.people():
            listed = set(courses_visible_to(person).values_list("pk", flat=True))
            for course in courses:
                with self.subTest(person=str(person), course=course.slug):
                    self.assertEqual(
                        course_visible_to(person, course), course.pk in listed
                    )

    def test_the_rule_for_one_course_is_the_listing_rule(self) -> None:
        self.assert_both_rules_agree()
        # And the cases are not all alike: someone sees another town's course,
        # someone does not see their own town's one.
        self.assertTrue(course_visible_to(self.ada, self.montval_course))
        self.assertFalse(course_visible_to(self.ada, self.montval_private))
        self.assertFalse(course_visible_to(self.eli, self.course))
        self.assertTrue(course_visible_to(self.eli, self.for_everyone))
        self.assertFalse(course_visible_to(self.ada, self.withdrawn))
        self.assertFalse(course_visible_to(self.lone_learner, self.montval_course))
        self.assertFalse(course_visible_to(self.far_official, self.for_everyone))

    def test_a_town_leaving_its_network_shows_on_the_next_check(self) -> None:
        self.assertTrue(course_visible_to(self.ada, self.montval_course))
        self.other_town.network = None
        self.other_town.save()
        self.assertFalse(course_visible_to(self.ada, self.montval_course))
        self.other_town.network = self.elsewhere.network
        self.other_town.save()
        self.assertFalse(course_visible_to(self.ada, self.montval_course))
        self.assertTrue(course_visible_to(self.far_official, self.for_everyone))
        self.assert_both_rules_agree()

    def test_a_course_withdrawn_after_a_visit_is_refused_on_the_next_one(
        self,
    ) -> None:
        lesson = self.montval_course.get_children().first().specific
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.montval_course.url).status_code, 200)
        self.montval_course.unpublish()
        self.assertEqual(self.client.get(self.montval_course.url).status_code, 404)
        self.assertEqual(self.client.get(lesson.url).status_code, 404)
