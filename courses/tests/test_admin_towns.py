"""Back office: authors and HR of one town see and use their town's course objects
(and shared packages) only."""

from __future__ import annotations

import shutil

from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.authoring import author_group_name
from courses.demo.h5p_packages import build, valid_files
from courses.demo.scorm_packages import scorm_2004
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PPackage
from courses.models import LessonPage
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormPackage
from courses.testing import CatalogueTestCase
from lms.collections import hr_group_name
from skills.models import Competence, CompetenceArea, Framework, FrameworkVersion

MEDIA_ROOT = "var/test-media-admin-towns"


@override_settings(MEDIA_ROOT=MEDIA_ROOT)
class PackageScopeTests(CatalogueTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA_ROOT, True)
        self.ours = h5p_actions.import_h5p(
            build(valid_files()), title="Ours quiz", organisation=self.town
        )
        self.theirs = h5p_actions.import_h5p(
            build(valid_files()), title="Montval quiz", organisation=self.other_town
        )
        self.shared = h5p_actions.import_h5p(
            build(valid_files()), title="Platform quiz", organisation=None
        )
        H5PPackage.objects.filter(pk=self.shared.pk).update(shared=True)

    def test_lists_and_choosers_show_the_town_and_shared_packages(self) -> None:
        """An author sees their town's and the shared packages, never another town's."""
        self.client.force_login(self.aurore)
        for url in (
            reverse("wagtailsnippets_courses_h5ppackage:list"),
            reverse("wagtailsnippetchoosers_courses_h5ppackage:choose"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Ours quiz")
                self.assertContains(response, "Platform quiz")
                self.assertNotContains(response, "Montval quiz")

    def test_another_towns_package_cannot_be_chosen_or_opened_by_id(self) -> None:
        self.client.force_login(self.aurore)
        chosen = "wagtailsnippetchoosers_courses_h5ppackage:chosen"
        self.assertEqual(
            self.client.get(reverse(chosen, args=[self.theirs.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse(chosen, args=[self.ours.pk])).status_code, 200
        )
        statistics = "h5p_admin:statistics"
        self.assertEqual(
            self.client.get(reverse(statistics, args=[self.theirs.pk])).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(reverse(statistics, args=[self.ours.pk])).status_code, 200
        )

    def test_the_platform_admin_sees_every_town(self) -> None:
        self.client.force_login(self.root)
        response = self.client.get(reverse("wagtailsnippets_courses_h5ppackage:list"))
        self.assertContains(response, "Montval quiz")
        self.assertContains(response, "Ours quiz")

    def test_only_platform_admins_edit_or_delete_packages(self) -> None:
        """Town roles read and choose packages; sharing is a platform decision."""
        edit = reverse("wagtailsnippets_courses_h5ppackage:edit", args=[self.ours.pk])
        self.client.force_login(self.aurore)
        response = self.client.post(edit, {"title": "Renamed", "shared": "on"})
        self.assertIn(response.status_code, (302, 403, 404))
        self.ours.refresh_from_db()
        self.assertEqual((self.ours.title, self.ours.shared), ("Ours quiz", False))
        self.client.force_login(self.root)
        self.assertEqual(self.client.get(edit).status_code, 200)

    def test_bulk_actions_refuse_another_towns_ids(self) -> None:
        """The bulk-delete page would list another town's packages by name."""
        url = reverse("wagtail_bulk_action", args=["courses", "h5ppackage", "delete"])
        self.client.force_login(self.aurore)
        for query in (f"?id={self.theirs.pk}", "?id=all"):
            with self.subTest(query=query):
                response = self.client.get(url + query)
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "Montval quiz", status_code=404)
        self.client.force_login(self.root)
        self.assertContains(
            self.client.get(f"{url}?id={self.theirs.pk}"), "Montval quiz"
        )


@override_settings(MEDIA_ROOT=MEDIA_ROOT)
class LessonPackageTests(CatalogueTestCase):
    """A lesson may only play its town's packages, or shared ones."""

    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(shutil.rmtree, MEDIA_ROOT, True)
        self.lesson = LessonPage.objects.child_of(self.course).first()
        self.client.force_login(self.aurore)

    def save_with(self, package: ScormPackage) -> object:
        data = nested_form_data(
            {
                "title": self.lesson.title,
                "slug": self.lesson.slug,
                "estimated_minutes": 10,
                "body": streamfield(
                    [
                        ("text", rich_text("<p>Before</p>")),
                        ("scorm", {"package": package.pk}),
                    ]
                ),
            }
        )
        url = reverse("wagtailadmin_pages:edit", args=[self.lesson.pk])
        return self.client.post(url, data)

    def test_another_towns_package_is_refused_by_id(self) -> None:
        theirs = scorm_actions.import_scorm(scorm_2004(), organisation=self.other_town)
        response = self.save_with(theirs)
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        self.assertIn(
            "appartient à une autre commune", str(response.context["form"].errors)
        )
        lesson = LessonPage.objects.get(pk=self.lesson.pk)
        self.assertEqual(lesson.get_latest_revision_as_object().blocks_of("scorm"), [])

    def test_the_towns_own_and_shared_packages_are_accepted(self) -> None:
        ours = scorm_actions.import_scorm(scorm_2004(), organisation=self.town)
        shared = scorm_actions.import_scorm(scorm_2004(), organisation=self.other_town)
        ScormPackage.objects.filter(pk=shared.pk).update(shared=True)
        for package in (ours, shared):
            with self.subTest(package=package.pk):
                self.assertEqual(self.save_with(package).status_code, 302)
                lesson = LessonPage.objects.get(pk=self.lesson.pk)
                revision = lesson.get_latest_revision_as_object()
                self.assertEqual(
                    revision.blocks_of("scorm")[0].value["package"].pk, package.pk
                )


class CourseChoicesTests(CatalogueTestCase):
    def test_prerequisites_offer_no_private_course_of_another_town(self) -> None:
        self.client.force_login(self.aurore)
        url = reverse("wagtailadmin_pages:edit", args=[self.course.pk])
        choices = self.client.get(url).context["form"].fields["prerequisites"].queryset
        self.assertIn(self.private_course.page_ptr_id, {c.pk for c in choices})
        self.assertIn(self.montval_course.pk, {c.pk for c in choices})
        self.assertNotIn(self.montval_private.pk, {c.pk for c in choices})
        self.assertNotIn(self.course.pk, {c.pk for c in choices})

    def test_competences_demonstrated_offer_no_other_towns_framework(self) -> None:
        framework = Framework.objects.create(
            slug="montval-own", name="Montval own", organisation=self.other_town
        )
        version = FrameworkVersion.objects.create(framework=framework, label="1")
        area = CompetenceArea.objects.create(
            version=version, code="M", name_en="Area", name_fr="Domaine"
        )
        theirs = Competence.objects.create(
            version=version, area=area, code="M.1", name_en="M1", name_fr="M1"
        )
        self.client.force_login(self.aurore)
        url = reverse("wagtailadmin_pages:edit", args=[self.course.pk])
        links = self.client.get(url).context["form"].formsets["competence_links"]
        offered = links.empty_form.fields["competence"].queryset
        self.assertNotIn(theirs, offered)
        self.client.force_login(self.root)
        root_section = reverse("wagtailadmin_pages:edit", args=[self.montval_course.pk])
        links = (
            self.client.get(root_section).context["form"].formsets["competence_links"]
        )
        self.assertIn(theirs, links.empty_form.fields["competence"].queryset)

    def test_authors_cannot_change_their_sections_town(self) -> None:
        url = reverse("wagtailadmin_pages:edit", args=[self.section.pk])
        self.client.force_login(self.aurore)
        form = self.client.get(url).context["form"]
        self.assertNotIn("organisation", form.fields)
        self.client.force_login(self.root)
        self.assertIn("organisation", self.client.get(url).context["form"].fields)


class PageChooserTests(CatalogueTestCase):
    def test_the_page_chooser_never_names_another_towns_private_course(self) -> None:
        self.client.force_login(self.aurore)
        for url in (
            reverse("wagtailadmin_choose_page_child", args=[self.other_section.pk]),
            reverse("wagtailadmin_choose_page_search") + "?q=Montval",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Montval shared")
                self.assertNotContains(response, "Montval private")
        browse_into = reverse(
            "wagtailadmin_choose_page_child", args=[self.montval_private.pk]
        )
        self.assertEqual(self.client.get(browse_into).status_code, 404)

    def test_the_platform_admin_and_the_towns_own_authors_see_it(self) -> None:
        url = reverse("wagtailadmin_choose_page_child", args=[self.other_section.pk])
        self.client.force_login(self.root)
        self.assertContains(self.client.get(url), "Montval private")


@override_settings(MEDIA_ROOT=MEDIA_ROOT)
class UploadPageTests(CatalogueTestCase):
    def test_the_upload_pages_list_the_towns_and_shared_packages_only(self) -> None:
        self.addCleanup(shutil.rmtree, MEDIA_ROOT, True)
        scorm_actions.import_scorm(
            scorm_2004(), title="Ours SCORM", organisation=self.town
        )
        scorm_actions.import_scorm(
            scorm_2004(), title="Montval SCORM", organisation=self.other_town
        )
        url = reverse("scorm_admin:upload")
        self.client.force_login(self.aurore)
        response = self.client.get(url)
        self.assertContains(response, "Ours SCORM")
        self.assertNotContains(response, "Montval SCORM")
        self.client.force_login(self.root)
        self.assertContains(self.client.get(url), "Montval SCORM")


class PageGuardTests(CatalogueTestCase):
    def test_moving_another_towns_page_is_not_even_confirmed(self) -> None:
        url = reverse(
            "wagtailadmin_pages:move_confirm",
            args=[self.montval_private.pk, self.section.pk],
        )
        self.client.force_login(self.aurore)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Montval private", status_code=404)
        own = reverse(
            "wagtailadmin_pages:move_confirm",
            args=[self.private_course.pk, self.section.pk],
        )
        self.assertNotEqual(self.client.get(own).status_code, 404)

    def test_chosen_pages_refuse_another_towns_private_course(self) -> None:
        url = reverse("wagtailadmin_choose_page_chosen_multiple")
        self.client.force_login(self.aurore)
        response = self.client.get(url, {"id": [self.montval_private.pk]})
        self.assertEqual(response.status_code, 404)
        shared = self.client.get(url, {"id": [self.montval_course.pk]})
        self.assertContains(shared, "Montval shared")

    def test_the_page_types_report_is_for_platform_admins(self) -> None:
        url = reverse("wagtailadmin_reports:page_types_usage")
        self.client.force_login(self.aurore)
        self.assertIn(self.client.get(url).status_code, (302, 403))
        self.client.force_login(self.root)
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_an_external_link_post_without_its_url_is_a_bad_request(self) -> None:
        self.client.force_login(self.aurore)
        url = reverse("wagtailadmin_choose_page_external_link")
        self.assertEqual(self.client.post(url, {}).status_code, 400)
        response = self.client.post(
            url, {"external-link-chooser-url": "https://example.org/"}
        )
        self.assertEqual(response.status_code, 200)


class RoleGroupTests(CatalogueTestCase):
    def groups_of(self, person: object) -> set[str]:
        return set(person.groups.values_list("name", flat=True))  # type: ignore[attr-defined]

    def test_a_person_moved_to_another_town_loses_the_old_towns_rights(self) -> None:
        self.assertIn(author_group_name(self.town), self.groups_of(self.aurore))
        self.assertIn(hr_group_name(self.town), self.groups_of(self.cleo))
        for person in (self.aurore, self.cleo):
            person.organisation, person.department = self.other_town, None
            person.save()
        self.assertEqual(
            self.groups_of(self.aurore), {author_group_name(self.other_town)}
        )
        self.assertEqual(self.groups_of(self.cleo), {hr_group_name(self.other_town)})

    def test_losing_the_role_takes_the_group_away(self) -> None:
        self.aurore.is_author = False
        self.aurore.save(update_fields=["is_author"])
        self.assertEqual(self.groups_of(self.aurore), set())


class GuardInputTests(CatalogueTestCase):
    def test_ids_no_page_could_have_are_a_404_not_a_server_error(self) -> None:
        self.client.force_login(self.root)
        chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
        bulk = reverse("wagtail_bulk_action", args=["lms", "department", "delete"])
        for value in ("abc", "99999999999999999999", "١٢"):
            with self.subTest(value=value):
                response = self.client.get(chosen, {"id": value})
                self.assertEqual(response.status_code, 404)
                self.assertEqual(self.client.get(bulk, {"id": value}).status_code, 404)
