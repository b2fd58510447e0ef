"""Each town's images and documents live in its own collection, and Wagtail's
images and documents admin shows a town's HR admin only their own town's
(plus the shared collection, to choose from)."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)
from wagtail.permissions import policy_registry

from lms.collections import (
    SHARED_COLLECTION_NAME,
    ensure_town_collection,
    hr_group_name,
    shared_collection,
    sync_hr_membership,
)
from lms.models import Organisation
from lms.testing import PersonasTestCase, make_document, make_image, make_person

town_collections = importlib.import_module("lms.migrations.0003_town_collections")


def image_policy() -> Any:
    return policy_registry.get_by_type(get_image_model())


def document_policy() -> Any:
    return policy_registry.get_by_type(get_document_model())


class TownCollectionTests(PersonasTestCase):
    def test_each_town_has_its_own_collection_under_the_root(self) -> None:
        """Saint-Aubin and Montval each have a collection named after them, below
        the root, and no two towns share one."""
        root = Collection.get_first_root_node()
        for town in (self.town, self.other_town):
            self.assertEqual(town.collection.name, town.name)
            self.assertEqual(town.collection.get_parent(), root)
        self.assertNotEqual(self.town.collection_id, self.other_town.collection_id)

    def test_town_and_shared_collections_admit_only_signed_in_people(self) -> None:
        """Every town collection, the shared one and the root carry a "signed-in
        people only" view restriction."""
        restricted = set(
            CollectionViewRestriction.objects.filter(
                restriction_type=CollectionViewRestriction.LOGIN
            ).values_list("collection_id", flat=True)
        )
        for collection in (
            self.town.collection,
            self.other_town.collection,
            shared_collection(),
            Collection.get_first_root_node(),
        ):
            self.assertIn(collection.pk, restricted, collection.name)

    def test_setting_a_town_up_again_changes_nothing(self) -> None:
        """The action is idempotent: same collection, no second shared one, no
        second restriction or grant."""
        counts = (
            Collection.objects.count(),
            CollectionViewRestriction.objects.count(),
            GroupCollectionPermission.objects.count(),
        )
        collection = ensure_town_collection(self.town)
        self.assertEqual(collection.pk, self.town.collection_id)
        self.assertEqual(
            counts,
            (
                Collection.objects.count(),
                CollectionViewRestriction.objects.count(),
                GroupCollectionPermission.objects.count(),
            ),
        )
        self.assertEqual(
            Collection.objects.filter(name=SHARED_COLLECTION_NAME).count(), 1
        )

    def test_a_new_town_gets_a_collection_of_its_own(self) -> None:
        """A town set up later gets a fresh collection, not another town's."""
        town = Organisation.objects.create(name="Lavaux", slug="lavaux")
        collection = ensure_town_collection(town)
        town.refresh_from_db()
        self.assertEqual(town.collection, collection)
        self.assertEqual(collection.name, "Lavaux")
        self.assertNotIn(
            collection.pk, [self.town.collection_id, self.other_town.collection_id]
        )


class HRGroupTests(PersonasTestCase):
    def members(self, town: Organisation) -> set[str]:
        group = Group.objects.get(name=hr_group_name(town))
        return set(group.user_set.values_list("username", flat=True))

    def test_each_towns_hr_admins_are_in_its_hr_group_only(self) -> None:
        """Cleo is in Saint-Aubin's HR group, Hugo in Montval's; nobody else is."""
        self.assertEqual(self.members(self.town), {"cleo"})
        self.assertEqual(self.members(self.other_town), {"hugo"})

    def test_the_group_follows_the_hr_flag(self) -> None:
        """Making Ada an HR admin adds her; taking the flag away removes her."""
        self.ada.is_hr_admin = True
        self.ada.save()
        self.assertIn("ada", self.members(self.town))
        self.ada.is_hr_admin = False
        self.ada.save()
        self.assertNotIn("ada", self.members(self.town))

    def test_a_deactivated_hr_admin_leaves_the_group(self) -> None:
        """An HR admin whose account is closed keeps no rights on the media."""
        self.cleo.is_active = False
        self.cleo.save(update_fields=["is_active"])
        self.assertEqual(self.members(self.town), set())

    def test_moving_town_moves_the_hr_group(self) -> None:
        """An HR admin moved to Montval leaves Saint-Aubin's group for Montval's."""
        self.cleo.organisation = self.other_town
        self.cleo.department = None
        self.cleo.save()
        self.assertEqual(self.members(self.town), set())
        self.assertEqual(self.members(self.other_town), {"cleo", "hugo"})

    def test_a_sign_in_or_a_new_learner_costs_no_group_query(self) -> None:
        """A save of ``last_login`` alone, or of a new person who is not an HR
        admin, leaves the groups alone without a query."""
        with self.assertNumQueries(0):
            sync_hr_membership(self.cleo, update_fields=["last_login"])
            sync_hr_membership(self.ada, created=True)

    def test_hr_rights_are_on_the_own_collection_and_choose_on_the_shared_one(
        self,
    ) -> None:
        """Cleo may add and change in Saint-Aubin's collection, and choose there
        and in the shared one; never in Montval's. Hugo the other way round; Ada,
        a learner, nowhere."""
        shared = shared_collection()
        for policy in (image_policy(), document_policy()):
            for action in ("add", "change"):
                self.assertEqual(
                    set(policy.collections_user_has_permission_for(self.cleo, action)),
                    {self.town.collection},
                )
                self.assertEqual(
                    set(policy.collections_user_has_permission_for(self.hugo, action)),
                    {self.other_town.collection},
                )
            self.assertEqual(
                set(policy.collections_user_has_permission_for(self.cleo, "choose")),
                {self.town.collection, shared},
            )
            self.assertFalse(
                policy.collections_user_has_any_permission_for(
                    self.ada, ["add", "change", "choose"]
                ).exists()
            )


class MediaAdminTests(PersonasTestCase):
    """Wagtail's own images and documents admin, requested as each persona."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.own_image = make_image(cls.town.collection, "Saint-Aubin town hall")
        cls.other_image = make_image(cls.other_town.collection, "Montval bridge")
        cls.shared_image = make_image(shared_collection(), "Network logo")
        cls.own_document = make_document(cls.town.collection, "Saint-Aubin payroll")
        cls.other_document = make_document(cls.other_town.collection, "Montval payroll")
        cls.shared_document = make_document(shared_collection(), "Network charter")

    def get(self, person: Any, url: str, **params: Any) -> Any:
        self.client.force_login(person)
        return self.client.get(url, params)

    def assert_hidden(self, response: Any, title: str) -> None:
        """Refused (Wagtail sends a refused person back to the dashboard, or to
        sign in), and nothing of the item shown on the way."""
        self.assertIn(response.status_code, {302, 403, 404}, response)
        self.assertNotContains(response, title, status_code=response.status_code)
        if response.status_code == 302:
            self.assertIn(
                response["Location"].split("?")[0],
                {reverse("wagtailadmin_home"), reverse("login")},
            )
            landing = self.client.get(response["Location"])
            self.assertNotContains(landing, title, status_code=landing.status_code)

    def test_the_images_list_shows_the_own_towns_images_only(self) -> None:
        """Hugo lists Montval's images, not Saint-Aubin's; Cleo the other way
        round; neither lists the shared ones, which they may only choose."""
        response = self.get(self.hugo, reverse("wagtailimages:index"))
        self.assertContains(response, "Montval bridge")
        self.assertNotContains(response, "Saint-Aubin town hall")
        self.assertNotContains(response, "Network logo")
        response = self.get(self.cleo, reverse("wagtailimages:index"))
        self.assertContains(response, "Saint-Aubin town hall")
        self.assertNotContains(response, "Montval bridge")

    def test_the_documents_list_shows_the_own_towns_documents_only(self) -> None:
        """Hugo lists Montval's documents, not Saint-Aubin's; Cleo the other way."""
        response = self.get(self.hugo, reverse("wagtaildocs:index"))
        self.assertContains(response, "Montval payroll")
        self.assertNotContains(response, "Saint-Aubin payroll")
        response = self.get(self.cleo, reverse("wagtaildocs:index"))
        self.assertContains(response, "Saint-Aubin payroll")
        self.assertNotContains(response, "Montval payroll")

    def test_another_towns_image_cannot_be_opened_by_id(self) -> None:
        """Every image view of Saint-Aubin's image refuses Hugo and shows nothing
        of it; Cleo opens the same edit page."""
        pk = self.own_image.pk
        for url in (
            reverse("wagtailimages:edit", args=[pk]),
            reverse("wagtailimages:delete", args=[pk]),
            reverse("wagtailimages:image_usage", args=[pk]),
            reverse("wagtailimages:url_generator", args=[pk]),
            reverse("wagtailimages:preview", args=[pk, "original"]),
            reverse("wagtailimages_chooser:chosen", args=[pk]),
        ):
            with self.subTest(url=url):
                self.assert_hidden(self.get(self.hugo, url), "Saint-Aubin town hall")
        response = self.get(self.cleo, reverse("wagtailimages:edit", args=[pk]))
        self.assertContains(response, "Saint-Aubin town hall")

    def test_another_towns_image_cannot_be_deleted(self) -> None:
        """Hugo's delete request leaves Saint-Aubin's image in place."""
        self.client.force_login(self.hugo)
        self.client.post(reverse("wagtailimages:delete", args=[self.own_image.pk]))
        self.client.post(
            reverse("wagtailimages:delete_multiple", args=[self.own_image.pk])
        )
        response = self.client.post(
            reverse("wagtailimages:edit_multiple", args=[self.own_image.pk]),
            {f"image-{self.own_image.pk}-title": "Hacked"},
        )
        self.assert_hidden(response, "Saint-Aubin town hall")
        self.own_image.refresh_from_db()
        self.assertEqual(self.own_image.title, "Saint-Aubin town hall")
        self.assertTrue(get_image_model().objects.filter(pk=self.own_image.pk).exists())

    def test_another_towns_document_cannot_be_opened_by_id(self) -> None:
        """Every document view of Saint-Aubin's document refuses Hugo and shows
        nothing of it; Cleo opens the same edit page."""
        pk = self.own_document.pk
        for url in (
            reverse("wagtaildocs:edit", args=[pk]),
            reverse("wagtaildocs:delete", args=[pk]),
            reverse("wagtaildocs:document_usage", args=[pk]),
            reverse("wagtaildocs_chooser:chosen", args=[pk]),
        ):
            with self.subTest(url=url):
                self.assert_hidden(self.get(self.hugo, url), "Saint-Aubin payroll")
        response = self.get(self.cleo, reverse("wagtaildocs:edit", args=[pk]))
        self.assertContains(response, "Saint-Aubin payroll")

    def test_another_towns_document_cannot_be_changed_or_deleted(self) -> None:
        """Hugo's edit and delete requests leave Saint-Aubin's document as it was."""
        self.client.force_login(self.hugo)
        pk = self.own_document.pk
        self.client.post(reverse("wagtaildocs:edit", args=[pk]), {"title": "Hacked"})
        self.client.post(reverse("wagtaildocs:delete", args=[pk]))
        self.client.post(reverse("wagtaildocs:delete_multiple", args=[pk]))
        self.client.post(
            reverse("wagtaildocs:edit_multiple", args=[pk]),
            {f"doc-{pk}-title": "Hacked"},
        )
        self.own_document.refresh_from_db()
        self.assertEqual(self.own_document.title, "Saint-Aubin payroll")

    def test_choosers_offer_the_own_town_and_the_shared_collection(self) -> None:
        """Hugo's image and document choosers list Montval's items and the shared
        ones, never Saint-Aubin's."""
        response = self.get(self.hugo, reverse("wagtailimages_chooser:choose"))
        self.assertContains(response, "Montval bridge")
        self.assertContains(response, "Network logo")
        self.assertNotContains(response, "Saint-Aubin town hall")
        response = self.get(self.hugo, reverse("wagtaildocs_chooser:choose"))
        self.assertContains(response, "Montval payroll")
        self.assertContains(response, "Network charter")
        self.assertNotContains(response, "Saint-Aubin payroll")

    def test_a_shared_item_may_be_chosen_but_not_edited(self) -> None:
        """The shared collection is read-only for towns: Cleo may not edit its
        image or document; a platform admin may."""
        for url in (
            reverse("wagtailimages:edit", args=[self.shared_image.pk]),
            reverse("wagtaildocs:edit", args=[self.shared_document.pk]),
        ):
            with self.subTest(url=url):
                self.assertIn(self.get(self.cleo, url).status_code, {302, 403})
                self.assertEqual(self.get(self.root, url).status_code, 200)

    def test_uploads_go_to_the_own_towns_collection_only(self) -> None:
        """The upload pages offer Hugo Montval's collection alone."""
        for url in (
            reverse("wagtailimages:add_multiple"),
            reverse("wagtaildocs:add_multiple"),
        ):
            with self.subTest(url=url):
                response = self.get(self.hugo, url)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Saint-Aubin")
                self.assertNotContains(response, SHARED_COLLECTION_NAME)

    def test_an_upload_to_another_towns_collection_is_refused(self) -> None:
        """Hugo posting a document into Saint-Aubin's collection puts nothing there
        (Wagtail files it in the one collection he may add to, Montval's)."""
        self.client.force_login(self.hugo)
        self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Planted",
                "collection": self.town.collection_id,
                "file": make_upload("planted.txt"),
            },
        )
        self.assertFalse(
            get_document_model()
            .objects.filter(collection=self.town.collection, title="Planted")
            .exists()
        )

    def test_the_admin_api_lists_only_what_the_person_may_use(self) -> None:
        """The admin API's document and image listings give Hugo Montval's items
        and the shared ones; Saint-Aubin's are neither listed nor found by id."""
        for endpoint, own, other, shared in (
            ("documents", self.other_document, self.own_document, self.shared_document),
            ("images", self.other_image, self.own_image, self.shared_image),
        ):
            with self.subTest(endpoint=endpoint):
                listing = self.get(self.hugo, f"/admin/api/main/{endpoint}/").json()
                ids = {item["id"] for item in listing["items"]}
                self.assertEqual(ids, {own.pk, shared.pk})
                self.assert_hidden(
                    self.get(self.hugo, f"/admin/api/main/{endpoint}/{other.pk}/"),
                    other.title,
                )
                listing = self.get(self.root, f"/admin/api/main/{endpoint}/").json()
                self.assertIn(other.pk, {item["id"] for item in listing["items"]})

    def test_a_learner_reaches_no_media_admin(self) -> None:
        """Ada, a learner, is kept out of the images and documents admin."""
        for url in (reverse("wagtailimages:index"), reverse("wagtaildocs:index")):
            with self.subTest(url=url):
                self.assert_hidden(self.get(self.ada, url), "Saint-Aubin")


def make_upload(name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"planted", content_type="text/plain")


class TownCollectionsMigrationTests(PersonasTestCase):
    """``lms/migrations/0003_town_collections``, run on a database as it was."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        root = Collection.get_first_root_node()
        cls.lavaux = Organisation.objects.create(name="Lavaux", slug="lavaux")
        cls.lea = make_person("lea", cls.lavaux)
        # As before the migration: a flag set with no HR group to mirror it.
        type(cls.lea).objects.filter(pk=cls.lea.pk).update(is_hr_admin=True)
        cls.lou = make_person("lou", cls.lavaux, is_author=True)
        cls.authors = Group.objects.create(name="Authors — lavaux")
        cls.lou.groups.add(cls.authors)
        cls.editors, _ = Group.objects.get_or_create(name="Editors")
        cls.moderators, _ = Group.objects.get_or_create(name="Moderators")
        for group in (cls.authors, cls.editors, cls.moderators):
            for codename in ("add_document", "choose_document", "add_image"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=Permission.objects.get(codename=codename),
                )
        for group in (cls.editors, cls.moderators):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=Page.get_first_root_node(),
                permission=Permission.objects.get(codename="change_page"),
            )
            group.permissions.add(Permission.objects.get(codename="change_document"))
        cls.moderator = make_person("mo", cls.lavaux)
        cls.moderator.groups.add(cls.moderators)  # Editors stays empty
        cls.review = GroupApprovalTask.objects.create(name="Review")
        cls.review.groups.add(cls.editors, cls.moderators)
        cls.lavaux_document = make_document(root, "Lavaux minutes", uploaded_by=cls.lou)
        cls.lavaux_image = make_image(root, "Lavaux square", uploaded_by=cls.lea)
        cls.admin_document = make_document(root, "Platform guide", uploaded_by=cls.root)
        cls.town_admin = make_person(
            "alex", cls.lavaux, is_superuser=True, is_staff=True
        )
        cls.town_admin_image = make_image(
            root, "Admin banner", uploaded_by=cls.town_admin
        )
        cls.unknown_image = make_image(root, "Old banner")
        cls.montval_document = make_document(
            cls.other_town.collection, "Montval minutes", uploaded_by=cls.hugo
        )
        cls.collections_before = Collection.objects.count()
        town_collections.forwards(apps, None)
        cls.lavaux.refresh_from_db()

    def test_a_town_without_a_collection_gets_one(self) -> None:
        """Lavaux, which had none, now has its own collection under the root,
        restricted to signed-in people; the towns that had one keep it."""
        collection = self.lavaux.collection
        self.assertEqual(collection.name, "Lavaux")
        self.assertEqual(collection.get_parent(), Collection.get_first_root_node())
        self.assertEqual(Collection.objects.count(), self.collections_before + 1)
        self.assertTrue(
            CollectionViewRestriction.objects.filter(
                collection=collection, restriction_type="login"
            ).exists()
        )

    def test_the_collection_tree_stays_valid(self) -> None:
        """The paths written by hand satisfy treebeard: a new child can be added
        through the tree API afterwards."""
        self.assertEqual(Collection.find_problems(), ([], [], [], [], []))
        Collection.get_first_root_node().add_child(instance=Collection(name="Later"))

    def test_root_items_move_to_the_town_of_whoever_uploaded_them(self) -> None:
        """A Lavaux person's document and image move to Lavaux's collection."""
        self.lavaux_document.refresh_from_db()
        self.lavaux_image.refresh_from_db()
        self.assertEqual(self.lavaux_document.collection, self.lavaux.collection)
        self.assertEqual(self.lavaux_image.collection, self.lavaux.collection)

    def test_nothing_else_moves(self) -> None:
        """Platform admins' items (even one attached to Lavaux) and an unknown
        uploader's stay in the root; Montval's document stays in Montval's."""
        root = Collection.get_first_root_node()
        for item in (self.admin_document, self.town_admin_image, self.unknown_image):
            item.refresh_from_db()
            self.assertEqual(item.collection, root, item.title)
        self.montval_document.refresh_from_db()
        self.assertEqual(self.montval_document.collection, self.other_town.collection)

    def test_the_author_group_now_holds_rights_on_its_own_town_only(self) -> None:
        """Lavaux's author group loses the root and gets add/change/choose on
        Lavaux's collection and choose on the shared one."""
        grants = set(
            GroupCollectionPermission.objects.filter(group=self.authors).values_list(
                "collection__name", "permission__codename"
            )
        )
        self.assertEqual(
            grants,
            {
                ("Lavaux", codename)
                for codename in (
                    "add_document",
                    "change_document",
                    "choose_document",
                    "add_image",
                    "change_image",
                    "choose_image",
                )
            }
            | {
                (SHARED_COLLECTION_NAME, "choose_document"),
                (SHARED_COLLECTION_NAME, "choose_image"),
            },
        )

    def test_the_towns_hr_admins_get_an_hr_group(self) -> None:
        """Lea, Lavaux's HR admin, is in Lavaux's new HR group, which holds the
        same rights as the author group; Lou, an author, is not in it."""
        group = Group.objects.get(name="HR — lavaux")
        self.assertEqual(
            set(group.user_set.values_list("username", flat=True)), {"lea"}
        )
        self.assertEqual(
            set(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection__name", "permission__codename"
                )
            ),
            set(
                GroupCollectionPermission.objects.filter(
                    group=self.authors
                ).values_list("collection__name", "permission__codename")
            ),
        )

    def test_an_empty_default_group_is_deleted(self) -> None:
        """Editors, which nobody was in, is gone with its permissions."""
        self.assertFalse(Group.objects.filter(pk=self.editors.pk).exists())
        self.assertFalse(
            GroupPagePermission.objects.filter(group_id=self.editors.pk).exists()
        )

    def test_a_default_group_with_members_keeps_them_but_reaches_no_town(
        self,
    ) -> None:
        """Moderators, which Mo is in, stays with Mo, but holds no page,
        collection, image or document permission and moderates nothing: Mo sees
        no town's image, document or page, and may not open a page in review."""
        self.assertIn(self.moderator, self.moderators.user_set.all())
        self.assertFalse(
            GroupPagePermission.objects.filter(group=self.moderators).exists()
        )
        self.assertFalse(
            GroupCollectionPermission.objects.filter(group=self.moderators).exists()
        )
        self.assertFalse(
            self.moderators.permissions.filter(
                content_type__app_label__in=["wagtaildocs", "wagtailimages"]
            ).exists()
        )
        self.assertFalse(
            GroupApprovalTask.objects.filter(groups=self.moderators).exists()
        )
        for policy in (document_policy(), image_policy()):
            self.assertFalse(
                policy.instances_user_has_any_permission_for(
                    self.moderator, ["change", "choose"]
                ).exists()
            )
        root_page = Page.get_first_root_node()
        self.assertFalse(root_page.permissions_for_user(self.moderator).can_edit())
        self.assertFalse(self.review.user_can_access_editor(root_page, self.moderator))

    def test_nobody_holds_a_right_on_the_root_collection(self) -> None:
        """After the migration no group is granted anything on the root."""
        self.assertFalse(
            GroupCollectionPermission.objects.filter(
                collection=Collection.get_first_root_node()
            ).exists()
        )


class OrganisationAdminTests(PersonasTestCase):
    def test_a_town_created_in_the_admin_gets_its_collection(self) -> None:
        self.client.force_login(self.root)
        response = self.client.post(
            reverse("organisations:add"),
            {"name": "Beaulieu", "slug": "beaulieu", "kind": "town"},
        )
        self.assertEqual(response.status_code, 302)
        town = Organisation.objects.get(slug="beaulieu")
        self.assertIsNotNone(town.collection)

    def test_hr_admins_cannot_create_towns(self) -> None:
        self.client.force_login(self.cleo)
        self.client.post(
            reverse("organisations:add"),
            {"name": "Takeover", "slug": "takeover", "kind": "town"},
        )
        self.assertFalse(Organisation.objects.filter(slug="takeover").exists())
