"""Guards in front of Wagtail's page chooser, which would name other towns' pages.

The chooser's listings go through the ``construct_page_chooser_queryset`` hook
(``courses.wagtail_hooks``); browsing *into* a page also shows that page's own
title, so a hidden page is refused before Wagtail's view runs. Included by the
root URLconf ahead of Wagtail's admin URLs.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from courses.queries import pages_hidden_from

wagtail_browse = BrowseView.as_view()


@require_admin_access
def choose_page_child(request: HttpRequest, parent_page_id: int) -> HttpResponse:
    hidden = pages_hidden_from(request.user)
    if hidden is not None and Page.objects.filter(hidden, pk=parent_page_id).exists():
        raise Http404
    return wagtail_browse(request, parent_page_id=parent_page_id)


urlpatterns = [
    path(
        "choose-page/<int:parent_page_id>/",
        choose_page_child,
        name="wagtailadmin_choose_page_child",
    ),
]
