"""Back office: authors import H5P content and see how learners fare with it."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.h5p.importing import import_h5p
from courses.h5p.models import H5PPackage
from courses.h5p.permission_policies import h5p_package_policy
from courses.h5p.queries import (
    h5p_statistics,
    installed_libraries,
    recent_h5p_packages_for,
)
from courses.packages.admin import PackageUploadForm, require_author, upload_page
from lms.http import AuthenticatedHttpRequest
from lms.models import User


class H5PUploadForm(PackageUploadForm):
    extension = ".h5p"


# Names listed in the message about files left out; a folder of archive
# leftovers may hold hundreds.
LEFT_OUT_LISTED = 10


def left_out_message(names: list[str]) -> str:
    """What the author reads after an import that left files out."""
    listed = ", ".join(names[:LEFT_OUT_LISTED])
    more = len(names) - LEFT_OUT_LISTED
    if more > 0:
        listed += " " + ngettext("and %(count)s more", "and %(count)s more", more) % {
            "count": more
        }
    return ngettext(
        "Imported without %(count)s file that this platform never stores (Flash, "
        "or files the zip tool added): %(files)s",
        "Imported without %(count)s files that this platform never stores (Flash, "
        "or files the zip tool added): %(files)s",
        len(names),
    ) % {"count": len(names), "files": listed}


def h5p_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Import an .h5p package; files left out are named in a warning."""

    def report(left_out: list[str]) -> None:
        messages.warning(request, left_out_message(left_out))

    return upload_page(
        request,
        form_class=H5PUploadForm,
        # Libraries are shared by every town: only platform admins add them.
        importer=functools.partial(
            import_h5p,
            may_install_libraries=request.user.is_superuser,
            report_left_out=report,
        ),
        context=_upload_context(request.user),
    )


def _upload_context(user: User) -> dict[str, object]:
    return {
        "heading": _("Import H5P content"),
        "intro": _(
            "Upload a package exported from h5p.org, Lumi or another platform. "
            "It is checked whole before anything is stored; then add it to a "
            "lesson with the “H5P interactive content” block."
        ),
        "packages": recent_h5p_packages_for(user),
        "statistics_url": "h5p_admin:statistics",
    }


def h5p_statistics_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_author(request.user)
    package = get_object_or_404(
        h5p_package_policy.visible_to(
            request.user, H5PPackage.objects.select_related("main_library")
        ),
        pk=pk,
    )
    return render(
        request,
        "h5p/admin/statistics.html",
        {"package": package, "stats": h5p_statistics(package, request.user)},
    )


def h5p_libraries(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Which library versions are installed, from which package, by whom, when
    (platform admins: they alone install them)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    return render(
        request, "h5p/admin/libraries.html", {"libraries": installed_libraries()}
    )
