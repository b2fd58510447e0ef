"""Back office: authors import SCORM packages and see how learners fare with them."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from courses.packages.admin import PackageUploadForm, require_author, upload_page
from courses.scorm.actions import import_scorm
from courses.scorm.models import ScormPackage
from courses.scorm.permission_policies import scorm_package_policy
from courses.scorm.queries import scorm_statistics
from lms.http import AuthenticatedHttpRequest


class ScormUploadForm(PackageUploadForm):
    extension = ".zip"


def scorm_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    return upload_page(
        request,
        form_class=ScormUploadForm,
        importer=functools.partial(_import_and_say_where_it_loads_from, request),
        context={
            "heading": _("Import a SCORM package"),
            "intro": _(
                "Upload a SCORM 1.2 or SCORM 2004 zip, as your authoring tool or "
                "supplier exported it (imsmanifest.xml at the root). It is checked "
                "whole before anything is stored; then add it to a lesson with the "
                "“SCORM package” block."
            ),
            "packages": scorm_package_policy.visible_to(
                request.user, ScormPackage.objects.all()
            )[:20],
            "statistics_url": "scorm_admin:statistics",
        },
    )


def scorm_statistics_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_author(request.user)
    package = get_object_or_404(
        scorm_package_policy.visible_to(request.user, ScormPackage.objects.all()),
        pk=pk,
    )
    return render(
        request,
        "scorm/admin/statistics.html",
        {"package": package, "stats": scorm_statistics(package, request.user)},
    )


def _import_and_say_where_it_loads_from(
    request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any
) -> ScormPackage:
    """Import, and tell the author which other sites the package loads from
    (its content may: see docs/scorm.md)."""
    package = import_scorm(*args, **kwargs)
    if package.outside_hosts:
        messages.info(
            request,
            _("This package loads scripts, styles or media from: %(hosts)s.")
            % {"hosts": ", ".join(package.outside_hosts)},
        )
    return package
