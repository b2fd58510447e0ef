"""Who may download a document: Wagtail asks ``before_serve_document`` before it
serves ``/documents/<id>/<filename>``.

- Nobody anonymously: the visitor is sent to sign in.
- A platform admin: any document.
- A document in a town's collection: that town's people, and people of another
  town who may take a live course of that town (one it shares with the network)
  whose live pages use the document. Uses are read from Wagtail's reference
  index, which the task worker updates after each save. Apps above the course
  core grant more through the ``document_download_granted`` hook (a function
  of the user and the document returning True to allow): communities let who
  may read a post download its attachments.
- Any other document (the shared collection, or a collection a platform admin
  made outside the towns'): any signed-in person.

Anyone else gets a 404, which tells them nothing about the document.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page, ReferenceIndex

from courses.queries import courses_visible_to
from lms.collections import town_of_collection
from lms.models import Organisation, User


def may_download(user: User | AnonymousUser, document: AbstractDocument) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    town = town_of_collection(document.collection)
    if town is None or user.organisation_id == town.pk:
        return True
    return _used_in_a_course_of(town, document, user) or any(
        grant(user, document) for grant in hooks.get_hooks("document_download_granted")
    )


def _used_in_a_course_of(
    town: Organisation, document: AbstractDocument, user: User
) -> bool:
    """Whether a live page of a live course of ``town`` that ``user`` may take
    uses ``document`` (the course page itself or one of its lessons)."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    paths = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])
    # A course is one of the page's ancestors (or the page): its path a prefix.
    prefixes = {
        path[:end]
        for path in paths.values_list("path", flat=True)
        for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    return (
        bool(prefixes)
        and courses_visible_to(user)
        .filter(organisation=town, path__in=prefixes)
        .exists()
    )


@hooks.register("before_serve_document")
def serve_only_to_who_may_download(
    document: AbstractDocument, request: HttpRequest
) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_download(request.user, document):
        raise Http404
    return None
