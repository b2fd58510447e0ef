"""Each town gets its own collection of images and documents; cross-town grants go.

- One collection per organisation (a child of the root, named after it) and one
  shared collection, "Partagé / Shared"; each of them and the root carry a
  "signed-in people only" view restriction, so no document is served anonymously.
- Images and documents in the root collection move to the collection of the town
  of the person who uploaded them. Those uploaded by platform admins (even one
  attached to a town) or by nobody known stay in the root, which only platform
  admins reach; nothing else moves.
- Each town's author group ("Authors — <slug>") loses its permissions on the root
  collection and gets add, change and choose on its own town's collection and
  choose on the shared one. Each town gets an HR group ("HR — <slug>") with the
  same rights, whose members are the town's active HR admins.
- Wagtail's default "Moderators" and "Editors" groups reach no town any more:
  they lose every page and collection permission and their image and document
  model permissions, and leave every approval task (Wagtail's default "Moderators
  approval" workflow lets its group open any page submitted to it, whatever the
  town; platform admins still moderate). A group nobody is in is deleted; one
  with members stays, emptied of those rights, so no member loses anything else.

Written against historical models, as the code in ``lms.collections`` may change.
"""

from django.db import migrations

SHARED_COLLECTION_NAME = "Partagé / Shared"
TOWN_PERMISSIONS = (
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
)
SHARED_PERMISSIONS = (
    ("wagtaildocs", "document", "choose_document"),
    ("wagtailimages", "image", "choose_image"),
)
DEFAULT_GROUPS = ("Moderators", "Editors")
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _add_child(Collection, parent, name):
    """Append a child as treebeard would (materialised path, counts kept)."""
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    index = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(
        name=name, path=parent.path + _step(index), depth=parent.depth + 1, numchild=0
    )
    parent.numchild += 1
    parent.save(update_fields=["numchild"])
    return child


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def _grant(apps, group, town, shared):
    Grant = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Grant.objects.filter(group=group).delete()
    for collection, pairs in ((town, TOWN_PERMISSIONS), (shared, SHARED_PERMISSIONS)):
        for app_label, model, codename in pairs:
            Grant.objects.create(
                group=group,
                collection=collection,
                permission=_permission(apps, app_label, model, codename),
            )


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Grant = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    Organisation = apps.get_model("lms", "Organisation")
    User = apps.get_model("lms", "User")
    Document = apps.get_model("wagtaildocs", "Document")
    Image = apps.get_model("wagtailimages", "Image")

    defaults = Group.objects.filter(name__in=DEFAULT_GROUPS)
    GroupPagePermission.objects.filter(group__in=defaults).delete()
    Grant.objects.filter(group__in=defaults).delete()
    for group in defaults:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label__in=["wagtaildocs", "wagtailimages"]
            )
        )
    for task in GroupApprovalTask.objects.filter(groups__in=defaults).distinct():
        task.groups.remove(*defaults)
    defaults.filter(user__isnull=True).delete()

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Root", path=_step(1), depth=1)
    shared = Collection.objects.filter(
        path__startswith=root.path, depth=2, name=SHARED_COLLECTION_NAME
    ).first() or _add_child(Collection, root, SHARED_COLLECTION_NAME)
    for collection in (root, shared):
        Restriction.objects.get_or_create(
            collection=collection, restriction_type="login"
        )

    for town in Organisation.objects.order_by("pk"):
        if town.collection_id is None:
            town.collection = _add_child(Collection, root, town.name)
            town.save(update_fields=["collection"])
        Restriction.objects.get_or_create(
            collection_id=town.collection_id, restriction_type="login"
        )
        for model in (Document, Image):
            model.objects.filter(
                collection=root,
                uploaded_by_user__organisation=town,
                uploaded_by_user__is_superuser=False,
            ).update(collection_id=town.collection_id)
        authors = Group.objects.filter(name=f"Authors — {town.slug}").first()
        if authors is not None:
            _grant(apps, authors, town.collection, shared)
        hr, _ = Group.objects.get_or_create(name=f"HR — {town.slug}")
        _grant(apps, hr, town.collection, shared)
        hr.user_set.set(
            User.objects.filter(organisation=town, is_hr_admin=True, is_active=True)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_organisation_collection"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
