"""Guards in front of Wagtail page views that would name other towns' pages.

The chooser's listings go through the ``construct_page_chooser_queryset`` hook
(``courses.wagtail_hooks``). These views take a page by id and show it before
(or without) asking whether the person may: browsing into a page in the chooser,
"chosen" pages, the move confirmation, the page-types report (which names
the latest edited page of each type, whatever its town), simple_translation's
"Translate" form (whose refusal would otherwise be a redirect naming the page)
and the page explorer. Included by the root URLconf ahead of Wagtail's admin
URLs; each guard then hands over to Wagtail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls.pages import urlpatterns as wagtail_page_urls
from wagtail.admin.views.chooser import (
    BrowseView,
    ChosenMultipleView,
    ExternalLinkView,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.utils.urlpatterns import decorate_urlpatterns

from courses.queries import pages_hidden_from
from lms.http import AuthenticatedHttpRequest

wagtail_browse = BrowseView.as_view()
wagtail_chosen_multiple = ChosenMultipleView.as_view()
wagtail_external_link = ExternalLinkView.as_view()
wagtail_page_types = PageTypesUsageReportView.as_view()
wagtail_page_types_results = PageTypesUsageReportView.as_view(results_only=True)
wagtail_translate_page = SubmitPageTranslationView.as_view()
wagtail_explore = page_viewset_registry.as_view(
    "index", parent_page_id_kwarg="parent_page_id"
)
wagtail_explore_results = page_viewset_registry.as_view(
    "index_results", parent_page_id_kwarg="parent_page_id"
)
wagtail_move_confirm = next(
    pattern.callback
    for pattern in wagtail_page_urls
    if getattr(pattern, "name", None) == "move_confirm"
)


def _is_hidden(request: AuthenticatedHttpRequest, ids: list[str]) -> bool:
    """Whether any of ``ids`` is a page hidden from the person; 404 for an id no
    page could have (Wagtail would fail on it)."""
    if not all(pk.isascii() and pk.isdigit() and len(pk) < 19 for pk in ids):
        raise Http404
    hidden = pages_hidden_from(request.user)
    return hidden is not None and Page.objects.filter(hidden, pk__in=ids).exists()


@require_admin_access
def choose_page_child(
    request: AuthenticatedHttpRequest, parent_page_id: int
) -> HttpResponse:
    if _is_hidden(request, [str(parent_page_id)]):
        raise Http404
    return wagtail_browse(request, parent_page_id=parent_page_id)


@require_admin_access
def chosen_pages(request: AuthenticatedHttpRequest) -> HttpResponse:
    if _is_hidden(request, request.GET.getlist("id")):
        raise Http404
    return wagtail_chosen_multiple(request)


@require_admin_access
def move_confirm(
    request: AuthenticatedHttpRequest, page_to_move_id: int, destination_id: int
) -> HttpResponse:
    """Only a page the person may move, to a page they may see."""
    page = Page.objects.filter(pk=page_to_move_id).first()
    if (
        page is None
        or not page.permissions_for_user(request.user).can_move()
        or _is_hidden(request, [str(destination_id)])
    ):
        raise Http404
    return wagtail_move_confirm(
        request, page_to_move_id=page_to_move_id, destination_id=destination_id
    )


@require_admin_access
def translate_page(request: AuthenticatedHttpRequest, page_id: int) -> HttpResponse:
    """Only a page the person may edit: their own town's (404 for another's)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.permissions_for_user(request.user).can_edit():
        raise Http404
    return wagtail_translate_page(request, page_id=page_id)


@require_admin_access
def explore(
    request: AuthenticatedHttpRequest, parent_page_id: int, results: bool = False
) -> HttpResponse:
    """Only pages the person may explore: those they may edit and the pages above
    them. Wagtail shows any page below the first common ancestor of those; with a
    town's section in each content language, that ancestor is the tree's root."""
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    if not explorable.filter(pk=parent_page_id).exists():
        raise Http404
    view = wagtail_explore_results if results else wagtail_explore
    return view(request, parent_page_id=parent_page_id)


@require_admin_access
def page_types_report(
    request: AuthenticatedHttpRequest, results: bool = False
) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    view = wagtail_page_types_results if results else wagtail_page_types
    return view(request)


@require_admin_access
def external_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Wagtail's form fails with a server error when its URL field is missing."""
    if request.method == "POST" and "external-link-chooser-url" not in request.POST:
        return HttpResponseBadRequest()
    return wagtail_external_link(request)


urlpatterns = decorate_urlpatterns(
    [
        path(
            "choose-page/<int:parent_page_id>/",
            choose_page_child,
            name="wagtailadmin_choose_page_child",
        ),
        path(
            "choose-page/chosen-multiple/",
            chosen_pages,
            name="wagtailadmin_choose_page_chosen_multiple",
        ),
        path(
            "choose-external-link/",
            external_link,
            name="wagtailadmin_choose_page_external_link",
        ),
        path(
            "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
            move_confirm,
        ),
        path("translation/submit/page/<int:page_id>/", translate_page),
        path("pages/<int:parent_page_id>/", explore),
        path("pages/<int:parent_page_id>/results/", explore, {"results": True}),
        path("reports/page-types-usage/", page_types_report),
        path(
            "reports/page-types-usage/results/",
            page_types_report,
            {"results": True},
        ),
    ],
    # As Wagtail decorates its own admin URLs.
    never_cache,
)
