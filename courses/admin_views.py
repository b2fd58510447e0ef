"""Back office: authors upload H5P and SCORM packages, and see how learners fare
with H5P content."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.actions import import_h5p, import_scorm
from courses.models import H5PPackage, ScormPackage
from courses.packages import PackageError
from courses.permission_policies import h5p_package_policy, scorm_package_policy
from courses.queries import h5p_statistics


class PackageUploadForm(forms.Form):
    extension = ""
    file = forms.FileField(label=gettext_lazy("Package"))
    title = forms.CharField(
        label=gettext_lazy("Title (optional)"), required=False, max_length=255
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if not upload.name.lower().endswith(self.extension) or upload.size > limit:
            raise forms.ValidationError(
                _("Upload a %(extension)s file of %(size)s MB at most.")
                % {"extension": self.extension, "size": limit // (1024 * 1024)}
            )
        return upload


class H5PUploadForm(PackageUploadForm):
    extension = ".h5p"


class ScormUploadForm(PackageUploadForm):
    extension = ".zip"


def _require_author(user: Any) -> None:
    if not (user.is_superuser or user.is_author or user.is_hr_admin):
        raise PermissionDenied


def _upload(
    request: HttpRequest,
    *,
    form_class: type[PackageUploadForm],
    importer: Callable[..., Any],
    context: dict[str, Any],
) -> HttpResponse:
    """The upload page of either kind: a package is imported whole, or refused
    with every reason and nothing kept."""
    user = request.user
    _require_author(user)
    form = form_class(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            package = importer(
                form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                organisation=user.organisation,
                uploaded_by=user,
            )
        except PackageError as error:
            problems = error.problems
        else:
            messages.success(
                request, _("“%(title)s” imported.") % {"title": package.title}
            )
            return redirect(request.path)
    return render(
        request,
        "courses/admin/package_upload.html",
        {"form": form, "problems": problems, **context},
    )


def h5p_upload(request: HttpRequest) -> HttpResponse:
    return _upload(
        request,
        form_class=H5PUploadForm,
        importer=import_h5p,
        context={
            "heading": _("Import H5P content"),
            "intro": _(
                "Upload a package exported from h5p.org, Lumi or another platform. "
                "It is checked whole before anything is stored; then add it to a "
                "lesson with the “H5P interactive content” block."
            ),
            "packages": h5p_package_policy.visible_to(
                request.user, H5PPackage.objects.select_related("main_library")
            )[:20],
            "statistics_url": "courses_admin:h5p-statistics",
        },
    )


def scorm_upload(request: HttpRequest) -> HttpResponse:
    return _upload(
        request,
        form_class=ScormUploadForm,
        importer=import_scorm,
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
        },
    )


def h5p_statistics_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_author(request.user)
    package = get_object_or_404(
        h5p_package_policy.visible_to(
            request.user, H5PPackage.objects.select_related("main_library")
        ),
        pk=pk,
    )
    return render(
        request,
        "courses/admin/h5p_statistics.html",
        {"package": package, "stats": h5p_statistics(package, request.user)},
    )
