"""The back-office framework import (``skills.admin_views``): HR of a town
imports its own frameworks, never over DigComp or another town's."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse

from skills.models import Framework
from skills.testing import SkillsTestCase


class FrameworkImportViewTests(SkillsTestCase):
    URL = "/admin/frameworks/"
    GOOD = (
        "kind,code,parent,number,name_en,name_fr\n"
        "level,l1,,1,One,Un\nlevel,l2,,2,Two,Deux\n"
        "area,A,,,Roads,Voirie\ncompetence,A1,A,,Signage,Signalisation\n"
    )

    def post(self, content: str, slug: str = "roads") -> HttpResponse:
        return self.client.post(
            self.URL,
            {
                "name": "Roads",
                "slug": slug,
                "version": "1",
                "file": SimpleUploadedFile("f.csv", content.encode()),
            },
        )

    def test_hr_imports_a_framework_for_their_town(self) -> None:
        self.client.force_login(self.cleo)
        self.post(self.GOOD)
        framework = Framework.objects.get(slug="roads")
        self.assertEqual(framework.organisation, self.town)

    def test_a_file_with_a_cycle_shows_why_and_imports_nothing(self) -> None:
        self.client.force_login(self.cleo)
        bad = self.GOOD + "area,B,C,,B,B\narea,C,B,,C,C\n"
        response = self.post(bad)
        self.assertContains(response, "cycle")
        self.assertFalse(Framework.objects.filter(slug="roads").exists())

    def test_hr_cannot_overwrite_digcomp_or_another_towns_framework(self) -> None:
        self.client.force_login(self.cleo)
        self.post(self.GOOD, slug="digcomp")
        self.assertEqual(self.version.framework.organisation, None)
        self.assertEqual(self.version.framework.name, "DigComp")

    def test_learners_cannot_import(self) -> None:
        self.client.force_login(self.ada)
        self.assertNotEqual(self.client.get(self.URL).status_code, 200)

    def test_a_short_name_taken_by_another_town_is_refused_on_the_form(self) -> None:
        """The other town keeps its framework; HR sees why nothing was imported."""
        theirs = Framework.objects.create(
            slug="roads", name="Their roads", organisation=self.other_town
        )
        self.client.force_login(self.cleo)
        response = self.post(self.GOOD)
        self.assertEqual(response.status_code, 200)
        self.assertFormError(
            response.context["form"],
            "slug",
            "Ce nom court est déjà pris par un autre référentiel.",
        )
        theirs.refresh_from_db()
        self.assertEqual(
            (theirs.organisation, theirs.versions.count()), (self.other_town, 0)
        )

    def test_hr_may_import_a_new_version_of_their_own_framework(self) -> None:
        self.client.force_login(self.cleo)
        self.post(self.GOOD)
        response = self.post(self.GOOD.replace("Signage", "Road signs"))
        self.assertRedirects(response, self.URL)
        self.assertEqual(Framework.objects.filter(slug="roads").count(), 1)

    def test_the_page_lists_only_the_towns_own_frameworks(self) -> None:
        Framework.objects.create(
            slug="parks", name="Their parks", organisation=self.other_town
        )
        self.client.force_login(self.cleo)
        self.post(self.GOOD)
        response = self.client.get(self.URL)
        self.assertEqual([f.slug for f in response.context["frameworks"]], ["roads"])
