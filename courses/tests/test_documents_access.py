"""Documents are served at /documents/<id>/<filename> only to signed-in people
who may see them: their own town's, another town's when a course it shares with
the network uses them, the shared collection's to anyone signed in; a platform
admin any. Authors see and choose only their own town's in the admin."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.demo.builders import make_catalogue, make_course, make_section
from courses.demo.catalogue import _demo_resources
from courses.models import CoursePage, LessonPage
from courses.testing import CatalogueTestCase
from lms.collections import shared_collection
from lms.testing import PersonasTestCase, make_document, make_image, make_person


def resource(document: Any) -> dict[str, Any]:
    return {"type": "resource", "value": {"document": document.pk, "description": ""}}


class DocumentServingTests(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        catalogue = make_catalogue()
        cls.section = make_section(catalogue, cls.town)
        cls.other_section = make_section(catalogue, cls.other_town)
        own = cls.town.collection
        cls.unused = make_document(own, "Saint-Aubin internal memo", content=b"memo")
        cls.in_shared_course = make_document(own, "Phishing checklist", content=b"ok")
        cls.in_private_course = make_document(own, "Saint-Aubin procedures")
        cls.in_draft_lesson = make_document(own, "Draft handout")
        cls.montval = make_document(cls.other_town.collection, "Montval memo")
        cls.shared = make_document(shared_collection(), "Network charter")
        cls.lesson_of(cls.section, "phishing", [resource(cls.in_shared_course)])
        cls.lesson_of(
            cls.section,
            "procedures",
            [resource(cls.in_private_course)],
            sharing=CoursePage.Sharing.PRIVATE,
        )
        draft = cls.lesson_of(cls.section, "drafts", [resource(cls.in_draft_lesson)])
        draft.unpublish()

    @classmethod
    def lesson_of(
        cls, section: Any, slug: str, body: list[dict[str, Any]], **fields: Any
    ) -> LessonPage:
        course = make_course(section, slug=slug, lessons=1, **fields)
        lesson = LessonPage.objects.child_of(course).get()
        lesson.body = body
        lesson.save()
        return lesson

    def download(self, person: Any, document: Any) -> Any:
        if person is None:
            self.client.logout()
        else:
            self.client.force_login(person)
        return self.client.get(document.url)

    def assert_served(self, person: Any, document: Any) -> None:
        response = self.download(person, document)
        self.assertEqual(response.status_code, 200, (person, document))
        self.assertEqual(
            b"".join(response.streaming_content), document.file.open().read()
        )

    def assert_refused(self, person: Any, document: Any) -> None:
        response = self.download(person, document)
        self.assertEqual(response.status_code, 404, (person, document))
        self.assertNotIn(b"memo", response.content)

    def test_documents_are_never_served_anonymously(self) -> None:
        """Anonymous visitors are sent to sign in, for a town's document and for
        a shared one alike."""
        for document in (self.unused, self.in_shared_course, self.shared):
            with self.subTest(document=document.title):
                response = self.download(None, document)
                self.assertRedirects(
                    response,
                    f"{reverse('login')}?next={document.url}",
                    fetch_redirect_response=False,
                )

    def test_a_towns_own_people_get_its_documents(self) -> None:
        """Ada, a Saint-Aubin learner, and Eli, its elected official, download
        Saint-Aubin's documents, used or not."""
        for person in (self.ada, self.eli):
            for document in (self.unused, self.in_private_course):
                with self.subTest(person=person.username, document=document.title):
                    self.assert_served(person, document)

    def test_another_town_gets_a_document_its_shared_course_uses(self) -> None:
        """Marc, of Montval, downloads the checklist used by a live Saint-Aubin
        course shared with the network."""
        self.assert_served(self.marc, self.in_shared_course)

    def test_another_town_gets_no_other_document(self) -> None:
        """Marc gets a 404 for Saint-Aubin's unused document, for one used only
        by a private course and for one used only by an unpublished lesson; Ada
        likewise for Montval's."""
        for document in (self.unused, self.in_private_course, self.in_draft_lesson):
            with self.subTest(document=document.title):
                self.assert_refused(self.marc, document)
        self.assert_refused(self.ada, self.montval)

    def test_a_course_made_private_takes_its_documents_back(self) -> None:
        """Once Saint-Aubin stops sharing the course, Marc is refused the file."""
        course = CoursePage.objects.get(slug="phishing")
        course.sharing = CoursePage.Sharing.PRIVATE
        course.save()
        self.assert_refused(self.marc, self.in_shared_course)

    def test_using_another_towns_document_in_an_own_course_gives_no_access(
        self,
    ) -> None:
        """A Montval lesson that names Saint-Aubin's document by id does not
        open it to Montval's learners."""
        self.lesson_of(self.other_section, "planted", [resource(self.unused)])
        self.assert_refused(self.marc, self.unused)

    def test_a_platform_admin_gets_every_document(self) -> None:
        """Root downloads both towns' documents."""
        for document in (self.unused, self.montval, self.shared):
            with self.subTest(document=document.title):
                self.assert_served(self.root, document)

    def test_the_shared_collection_serves_anyone_signed_in(self) -> None:
        """Marc and Ada, of different towns, both download the shared charter."""
        self.assert_served(self.marc, self.shared)
        self.assert_served(self.ada, self.shared)

    def test_downloads_are_not_kept_by_shared_caches(self) -> None:
        """The response is marked private, so no proxy or CDN keeps a copy."""
        response = self.download(self.ada, self.unused)
        self.assertIn("private", response["Cache-Control"])


class AuthorMediaAdminTests(PersonasTestCase):
    """Each town's authors see and choose their own town's documents only."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.mona = make_person("mona", cls.other_town, is_author=True)
        catalogue = make_catalogue()
        make_section(catalogue, cls.town)
        make_section(catalogue, cls.other_town)
        cls.own = make_document(cls.town.collection, "Saint-Aubin handout")
        cls.other = make_document(cls.other_town.collection, "Montval handout")
        cls.shared = make_document(shared_collection(), "Network charter")

    def get(self, person: Any, url: str) -> Any:
        self.client.force_login(person)
        return self.client.get(url)

    def test_authors_list_their_own_towns_documents(self) -> None:
        """Aurore lists Saint-Aubin's handout, Mona Montval's; not each other's."""
        response = self.get(self.aurore, reverse("wagtaildocs:index"))
        self.assertContains(response, "Saint-Aubin handout")
        self.assertNotContains(response, "Montval handout")
        response = self.get(self.mona, reverse("wagtaildocs:index"))
        self.assertContains(response, "Montval handout")
        self.assertNotContains(response, "Saint-Aubin handout")

    def test_an_author_cannot_open_another_towns_document(self) -> None:
        """Mona is refused Saint-Aubin's handout and sees nothing of it; Aurore
        opens it."""
        url = reverse("wagtaildocs:edit", args=[self.own.pk])
        response = self.get(self.mona, url)
        self.assertIn(response.status_code, {302, 403, 404})
        self.assertNotContains(
            response, "Saint-Aubin handout", status_code=response.status_code
        )
        self.assertContains(self.get(self.aurore, url), "Saint-Aubin handout")

    def test_an_authors_chooser_offers_the_own_town_and_the_shared_collection(
        self,
    ) -> None:
        """Aurore's chooser lists Saint-Aubin's handout and the shared charter,
        not Montval's handout."""
        response = self.get(self.aurore, reverse("wagtaildocs_chooser:choose"))
        self.assertContains(response, "Saint-Aubin handout")
        self.assertContains(response, "Network charter")
        self.assertNotContains(response, "Montval handout")


class DemoResourcesTests(PersonasTestCase):
    """The demo's downloadable files sit in their own town's collection."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        catalogue = make_catalogue()
        cls.courses = {
            "cybersecurite-essentiels": make_course(
                make_section(catalogue, cls.town), slug="cybersecurite-essentiels"
            ),
            "demarches-en-ligne-accessibles": make_course(
                make_section(catalogue, cls.other_town),
                slug="demarches-en-ligne-accessibles",
            ),
        }
        _demo_resources(cls.courses)
        _demo_resources(cls.courses)  # a second run of load_demo adds nothing

    def test_each_file_is_in_its_courses_town_collection_and_first_lesson(
        self,
    ) -> None:
        """Saint-Aubin's file is in Saint-Aubin's collection and Montval's in
        Montval's, each once, each offered once in its course's first lesson."""
        for slug, town in (
            ("cybersecurite-essentiels", self.town),
            ("demarches-en-ligne-accessibles", self.other_town),
        ):
            with self.subTest(course=slug):
                lesson = (
                    LessonPage.objects.child_of(self.courses[slug])
                    .order_by("path")
                    .first()
                )
                resources = [b for b in lesson.body if b.block_type == "resource"]
                self.assertEqual(len(resources), 1)
                self.assertEqual(
                    resources[0].value["document"].collection, town.collection
                )

    def test_learners_of_both_towns_download_the_shared_courses_files(self) -> None:
        """Both demo courses are shared with the network: Ada and Marc download
        both files; an anonymous visitor neither."""
        documents = get_document_model().objects.filter(
            collection__in=[self.town.collection, self.other_town.collection]
        )
        self.assertEqual(documents.count(), 2)
        for document in documents:
            for person in (self.ada, self.marc):
                self.client.force_login(person)
                self.assertEqual(self.client.get(document.url).status_code, 200)
            self.client.logout()
            self.assertEqual(self.client.get(document.url).status_code, 302)


class DocumentURLTests(PersonasTestCase):
    def test_odd_ids_are_not_found_rather_than_an_error(self) -> None:
        """A huge id, non-ASCII digits or an unknown id give a 404, never a 500."""
        self.client.force_login(self.ada)
        for path in (
            "/documents/99999999999999999999999999/a.txt",
            "/documents/٣/a.txt",
            "/documents/424242/a.txt",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)


class LessonMediaTests(CatalogueTestCase):
    """A lesson may only use its own town's images and documents, or shared ones,
    even when an author names another town's by id."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.lesson = LessonPage.objects.child_of(cls.course).first()
        cls.own_document = make_document(cls.town.collection, "Saint-Aubin sheet")
        cls.other_document = make_document(cls.other_town.collection, "Montval sheet")
        cls.shared_document = make_document(shared_collection(), "Network sheet")
        cls.own_image = make_image(cls.town.collection, "Saint-Aubin photo")
        cls.other_image = make_image(cls.other_town.collection, "Montval photo")

    def save_with(self, *blocks: tuple[str, Any]) -> Any:
        self.client.force_login(self.aurore)
        data = nested_form_data(
            {
                "title": self.lesson.title,
                "slug": self.lesson.slug,
                "estimated_minutes": 10,
                "body": streamfield(list(blocks)),
            }
        )
        url = reverse("wagtailadmin_pages:edit", args=[self.lesson.pk])
        return self.client.post(url, data)

    def latest_body(self) -> Any:
        return LessonPage.objects.get(pk=self.lesson.pk).get_latest_revision_as_object()

    def test_another_towns_document_or_image_is_refused_by_id(self) -> None:
        """Aurore naming Montval's document, or Montval's image, gets the form back
        with an error and the lesson does not take it."""
        for block in (
            ("resource", {"document": self.other_document.pk, "description": ""}),
            (
                "image",
                {"image": self.other_image.pk, "alt_text": "x", "decorative": False},
            ),
        ):
            with self.subTest(block=block[0]):
                response = self.save_with(block)
                self.assertEqual(response.status_code, 200)
                errors = response.context["form"].errors
                self.assertEqual(list(errors), ["body"])
                self.assertIn("Montval", errors["body"][0])
                body = self.latest_body().body
                self.assertFalse([b for b in body if b.block_type == block[0]])

    def test_the_towns_own_and_shared_documents_and_images_are_accepted(self) -> None:
        """Saint-Aubin's document and image, and the shared document, are saved."""
        for block in (
            ("resource", {"document": self.own_document.pk, "description": ""}),
            ("resource", {"document": self.shared_document.pk, "description": ""}),
            (
                "image",
                {"image": self.own_image.pk, "alt_text": "x", "decorative": False},
            ),
        ):
            with self.subTest(block=block):
                self.assertEqual(self.save_with(block).status_code, 302)
                saved = self.latest_body().body[0]
                self.assertEqual(saved.block_type, block[0])
