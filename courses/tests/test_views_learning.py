import datetime as dt
import re
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from courses import actions
from courses.demo.builders import make_course
from courses.models import (
    Assignment,
    Certificate,
    CoursePage,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from courses.testing import CatalogueTestCase

RIGHT = {"q0": "1", "q1": ["0", "2"]}


def listed_courses(response) -> list[str]:
    """The titles of the course cards the catalogue page shows."""
    return re.findall(
        r'<h2><a href="[^"]*">([^<]*)</a></h2>', response.content.decode()
    )


class CatalogueViewTests(CatalogueTestCase):
    def test_the_catalogue_lists_what_the_learner_may_take(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(self.catalogue.url)
        self.assertContains(response, self.course.title)
        self.assertContains(response, self.montval_course.title)
        self.assertNotContains(response, self.montval_private.title)
        self.assertNotContains(response, self.elected_course.title)

    def test_filters_narrow_the_list(self) -> None:
        self.course.competences.add("DigComp 4.1")
        self.course.save()
        self.client.force_login(self.ada)
        response = self.client.get(self.catalogue.url, {"competence": "digcomp-41"})
        self.assertEqual(listed_courses(response), [self.course.title])
        response = self.client.get(self.catalogue.url, {"q": "montval"})
        self.assertEqual(listed_courses(response), [self.montval_course.title])

    def test_out_of_range_filters_are_ignored_not_fatal(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(
            self.catalogue.url, {"max_minutes": "999999", "audience": "x"}
        )
        self.assertEqual(response.status_code, 200)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(self.course.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])


class CourseAccessTests(CatalogueTestCase):
    def test_a_learner_opening_another_towns_private_course_gets_404(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.montval_private.url).status_code, 404)
        lesson = self.montval_private.get_children().first()
        self.assertEqual(self.client.get(lesson.url).status_code, 404)

    def test_enrolment_by_get_is_refused(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(reverse("courses:enrol", args=[self.course.pk]))
        self.assertEqual(response.status_code, 405)
        self.assertFalse(Enrolment.objects.exists())

    def test_enrolling_leads_to_the_first_lesson(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(reverse("courses:enrol", args=[self.course.pk]))
        self.assertRedirects(response, self.lessons[0].url)

    def test_enrolling_in_another_towns_private_course_by_url_is_404(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("courses:enrol", args=[self.montval_private.pk])
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Enrolment.objects.exists())

    def test_a_lesson_needs_an_enrolment(self) -> None:
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.lessons[0].url).status_code, 403)

    def test_a_lesson_not_yet_reached_is_refused(self) -> None:
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.ada)
        self.assertEqual(self.client.get(self.lessons[0].url).status_code, 200)
        self.assertEqual(self.client.get(self.lessons[2].url).status_code, 403)

    def test_a_completion_posted_for_a_lesson_not_reached_is_refused(self) -> None:
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("courses:lesson-complete", args=[self.lessons[2].pk])
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(LessonCompletion.objects.exists())

    def test_an_elected_official_cannot_open_a_staff_course(self) -> None:
        self.client.force_login(self.eli)
        self.assertEqual(self.client.get(self.course.url).status_code, 404)
        self.assertEqual(self.client.get(self.elected_course.url).status_code, 200)


class QuizViewTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enrolment = actions.enrol(self.ada, self.course)
        actions.complete_lesson(self.enrolment, self.lessons[0])
        self.client.force_login(self.ada)
        self.url = reverse(
            "courses:quiz-submit", args=[self.quiz_lesson.pk, self.quiz_id]
        )

    def test_a_passed_quiz_lets_the_lesson_complete(self) -> None:
        self.client.post(self.url, {**RIGHT, "token": str(uuid.uuid4())})
        self.client.post(reverse("courses:lesson-complete", args=[self.quiz_lesson.pk]))
        self.assertTrue(
            LessonCompletion.objects.filter(
                lesson=self.quiz_lesson, enrolment=self.enrolment
            ).exists()
        )

    def test_the_lesson_page_shows_feedback_after_an_attempt(self) -> None:
        self.client.post(self.url, {"q0": "0", "q1": "1", "token": str(uuid.uuid4())})
        response = self.client.get(self.quiz_lesson.url)
        self.assertContains(response, "No.")
        self.assertContains(response, "Because.")

    def test_the_same_answers_posted_twice_record_one_attempt(self) -> None:
        data = {**RIGHT, "token": str(uuid.uuid4())}
        self.client.post(self.url, data)
        self.client.post(self.url, data)
        self.assertEqual(QuizAttempt.objects.count(), 1)

    def test_a_claimed_score_from_the_browser_is_ignored(self) -> None:
        self.client.post(
            self.url,
            {"q0": "0", "score": "1", "passed": "true", "token": str(uuid.uuid4())},
        )
        self.assertFalse(QuizAttempt.objects.get().passed)

    def test_garbage_answers_are_refused_and_change_nothing(self) -> None:
        for data in ({"q0": "x"}, {"q0": "7"}, {}, {"q0": "1", "token": "not-a-uuid"}):
            with self.subTest(data=data):
                self.client.post(self.url, {"token": str(uuid.uuid4()), **data})
        self.assertFalse(QuizAttempt.objects.exists())

    def test_a_learner_not_enrolled_cannot_post_answers(self) -> None:
        self.client.force_login(self.dev)
        response = self.client.post(self.url, {**RIGHT, "token": str(uuid.uuid4())})
        self.assertEqual(response.status_code, 403)

    def test_someone_else_reusing_an_attempt_token_gets_403(self) -> None:
        token = str(uuid.uuid4())
        self.client.post(self.url, {"q0": "0", "token": token})
        other = actions.enrol(self.ben, self.course)
        actions.complete_lesson(other, self.lessons[0])
        self.client.force_login(self.ben)
        response = self.client.post(self.url, {**RIGHT, "token": token})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(QuizAttempt.objects.count(), 1)


class QueryCountTests(CatalogueTestCase):
    """Course and lesson pages cost the same whatever the course's length."""

    def page_queries(self, lessons: int) -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        course = make_course(
            self.section, slug=f"size-{lessons}", lessons=lessons, quiz_in=(1,)
        )
        enrolment = actions.enrol(self.ada, course)
        first = course.get_children().live().first().specific
        self.client.force_login(self.ada)
        self.client.get(course.url)  # warm the site and translation caches
        with CaptureQueriesContext(connection) as course_page:
            self.assertEqual(self.client.get(course.url).status_code, 200)
        with CaptureQueriesContext(connection) as lesson_page:
            self.assertEqual(self.client.get(first.url).status_code, 200)
        self.assertTrue(enrolment.pk)
        return len(course_page), len(lesson_page)

    def test_3_and_30_lessons_cost_the_same(self) -> None:
        self.assertEqual(self.page_queries(3), self.page_queries(30))

    def test_the_course_page_query_count_is_pinned(self) -> None:
        course = make_course(self.section, slug="pinned", lessons=30)
        actions.enrol(self.ada, course)
        self.client.force_login(self.ada)
        self.client.get(course.url)
        # The person; the person's enrolment with its completions. The routed
        # course with its town (whether the person may take it is decided from
        # its fields), its lessons, its prerequisites and whether any view
        # restriction applies come from the page tree cache. (10, 6, then 4
        # before: the site's root page, the enrolment, the completions and the
        # restrictions read apart; then the routing, the lessons and the
        # restrictions; then the visibility check and the prerequisites.)
        with self.assertNumQueries(2):
            self.client.get(course.url)

    def test_the_lesson_page_query_count_is_pinned(self) -> None:
        course = make_course(self.section, slug="pinned", lessons=30, quiz_in=(1,))
        actions.enrol(self.ada, course)
        lesson = course.get_children().first().specific
        self.client.force_login(self.ada)
        self.client.get(lesson.url)
        # The person; the person's enrolment with its completions; the quiz's
        # last attempts with their counts. (11, 6, then 4 before: the site's
        # root page, the course and the town's name, the enrolment, the
        # completions, the restrictions and the attempts read apart; then the
        # routing, the lessons and the restrictions; then the course's
        # visibility.) The routed lesson with its course (whose fields decide
        # whether the person may take it), the course's lessons, whether any
        # view restriction applies and the body's shared blocks come from the
        # cache.
        with self.assertNumQueries(3):
            self.client.get(lesson.url)


class MyLearningTests(CatalogueTestCase):
    def test_my_learning_lists_progress_and_certificates(self) -> None:
        enrolment = actions.enrol(self.ada, self.elected_course) if False else None
        self.assertIsNone(enrolment)
        done = Enrolment.objects.create(user=self.ada, course=self.montval_course)
        Enrolment.objects.filter(pk=done.pk).update(completed_at="2026-01-05T10:00:00Z")
        certificate = Certificate.objects.create(
            enrolment=done,
            holder_name="Ada Test",
            course_title="X",
            organisation_name="Saint-Aubin",
        )
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.ada)
        response = self.client.get(reverse("courses:my-learning"))
        self.assertContains(response, self.course.title)
        self.assertContains(
            response, reverse("courses:certificate-pdf", args=[certificate.pk])
        )

    def test_the_certificate_pdf_is_for_its_holder_only(self) -> None:
        enrolment = Enrolment.objects.create(user=self.ada, course=self.course)
        certificate = Certificate.objects.create(
            enrolment=enrolment,
            holder_name="Ada Lefèvre",
            course_title="Cybersécurité",
            organisation_name="Saint-Aubin",
        )
        url = reverse("courses:certificate-pdf", args=[certificate.pk])
        self.client.force_login(self.ada)
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_public_verification_page_shows_no_other_personal_data(self) -> None:
        enrolment = Enrolment.objects.create(user=self.ada, course=self.course)
        certificate = Certificate.objects.create(
            enrolment=enrolment,
            holder_name="Ada Test",
            course_title="Cyber",
            organisation_name="Saint-Aubin",
        )
        response = self.client.get(
            reverse("courses:certificate-verify", args=[certificate.code])
        )
        self.assertContains(response, "Ada Test")
        self.assertNotContains(response, "ada@example.org")
        self.assertNotContains(response, "ENG")
        missing = self.client.get(
            reverse("courses:certificate-verify", args=["NOPE-NOPE-NOPE"])
        )
        self.assertEqual(missing.status_code, 404)


class AuthoringPermissionTests(CatalogueTestCase):
    def test_an_author_edits_their_towns_course(self) -> None:
        self.client.force_login(self.aurore)
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.course.pk])
        )
        self.assertEqual(response.status_code, 200)

    def test_an_author_cannot_edit_another_towns_course(self) -> None:
        author_b = __import__("lms.testing", fromlist=["make_person"]).make_person(
            "bea", self.other_town, is_author=True
        )
        self.client.force_login(author_b)
        url = reverse("wagtailadmin_pages:edit", args=[self.course.pk])
        response = self.client.get(url)
        self.assertNotEqual(response.status_code, 200)
        response = self.client.post(url, {"title": "Hacked", "slug": "cyber"})
        self.course.refresh_from_db()
        self.assertEqual(self.course.title, "Cyber")

    def test_a_learner_cannot_reach_the_page_editor(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.course.pk])
        )
        self.assertEqual(response.status_code, 302)

    def test_a_course_takes_its_sections_organisation(self) -> None:
        course = CoursePage(
            title="New", slug="new", summary="<p>x</p>", duration_minutes=5
        )
        self.other_section.add_child(instance=course)
        course.full_clean()
        self.assertEqual(course.organisation, self.other_town)

    def test_withdrawing_the_author_role_removes_page_permissions(self) -> None:
        self.aurore.is_author = False
        self.aurore.save()
        self.assertFalse(self.aurore.groups.exists())
        self.assertTrue(Page.objects.filter(pk=self.course.pk).exists())


class AssignmentReportTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        from courses.models import Assignment

        self.assignment = actions.create_assignment(
            self.town,
            course=self.course,
            created_by=self.cleo,
            due_kind=Assignment.DueKind.AFTER_HIRE,
            due_days=30,
            departments=[self.engineering],
        )
        # Created before everyone arrived: each is due 30 days after arrival.
        self.assignment.created_at = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
        self.assignment.save()
        self.url = reverse("courses:assignment-detail", args=[self.assignment.pk])

    def test_hr_sees_who_is_done_late_or_not_started(self) -> None:
        actions.enrol(self.ada, self.course)
        self.client.force_login(self.cleo)
        response = self.client.get(self.url)
        statuses = {
            row["person"].username: row["status"] for row in response.context["rows"]
        }
        self.assertEqual(statuses, {"ada": "late", "ben": "late", "sam": "late"})

    def test_hr_of_another_town_a_manager_and_a_learner_get_404(self) -> None:
        for person in (self.hugo, self.ben, self.ada, self.eli):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url).status_code, 404, person)


class LandingTests(CatalogueTestCase):
    def test_an_elected_official_lands_on_their_track(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "eli", "password": "pw"}, follow=True
        )
        self.assertEqual(response.request["PATH_INFO"], reverse("courses:my-learning"))
        self.assertEqual(list(response.context["track"]), [self.elected_course])
        self.assertNotContains(response, self.course.title)

    def test_my_learning_costs_the_same_with_more_enrolments(self) -> None:
        self.client.force_login(self.ada)
        actions.enrol(self.ada, self.course)
        self.client.get(reverse("courses:my-learning"))  # warm the cached site
        # 4, 2 for the training sessions' panel (sign-ups, approvals awaited),
        # 2 since the courses are shown in the person's language with their
        # progress (the pages in that language, the lessons with which are
        # done) and 1 for the recommended paths of the person's department
        # (their courses cost one more only when there are).
        with self.assertNumQueries(9):
            self.client.get(reverse("courses:my-learning"))
        actions.enrol(self.ada, self.montval_course)
        actions.enrol(self.ada, self.private_course)
        with self.assertNumQueries(9):
            self.client.get(reverse("courses:my-learning"))

    def test_the_catalogue_costs_the_same_with_more_courses(self) -> None:
        self.client.force_login(self.ada)
        self.client.get(self.catalogue.url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.catalogue.url)
        for index in range(5):
            make_course(self.section, slug=f"extra-{index}", lessons=1)
        # New pages drop the page tree cache: the first visit reads it again.
        self.client.get(self.catalogue.url)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.catalogue.url)
        self.assertEqual(len(listed_courses(response)), 8)
        self.assertEqual(len(few), len(many))


class AssignmentAdminTests(CatalogueTestCase):
    def post(self, **overrides):
        data = {
            "organisation": self.town.pk,
            "course": self.course.pk,
            "departments": [self.engineering.pk],
            "due_kind": "fixed",
            "due_date": "2027-01-31",
            **overrides,
        }
        return self.client.post(reverse("assignments:add"), data)

    def test_hr_assigns_a_course_to_a_department(self) -> None:
        self.client.force_login(self.cleo)
        self.post()
        assignment = Assignment.objects.get()
        self.assertEqual(list(assignment.departments.all()), [self.engineering])

    def test_hr_cannot_target_another_towns_department_or_people(self) -> None:
        self.client.force_login(self.cleo)
        self.post(departments=[self.other_hr_department.pk])
        self.post(people=[self.marc.pk])
        self.assertFalse(Assignment.objects.exists())

    def test_hr_cannot_assign_another_towns_private_course(self) -> None:
        self.client.force_login(self.cleo)
        self.post(course=self.montval_private.pk)
        self.assertFalse(Assignment.objects.exists())

    def test_hr_of_another_town_cannot_create_for_this_town(self) -> None:
        self.client.force_login(self.hugo)
        self.post()
        self.assertFalse(Assignment.objects.exists())

    def test_a_learner_cannot_create_assignments(self) -> None:
        self.client.force_login(self.ada)
        response = self.post()
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Assignment.objects.exists())
