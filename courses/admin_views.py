"""Back office: authors upload .h5p packages and see how learners fare with them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.actions import import_h5p
from courses.h5p import H5PError
from courses.models import H5PPackage
from courses.queries import h5p_statistics

MAX_UPLOAD = 300 * 1024 * 1024


class H5PUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy(".h5p file"))
    title = forms.CharField(
        label=gettext_lazy("Title (optional)"), required=False, max_length=255
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".h5p") or upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Upload an .h5p file of 300 MB at most."))
        return upload


def _require_author(user: Any) -> None:
    if not (user.is_superuser or user.is_author or user.is_hr_admin):
        raise PermissionDenied


def h5p_upload(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_author(user)
    form = H5PUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            package = import_h5p(
                form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                organisation=user.organisation,
                uploaded_by=user,
            )
        except H5PError as error:
            problems = error.problems
        else:
            messages.success(
                request, _("“%(title)s” imported.") % {"title": package.title}
            )
            return redirect("courses_admin:h5p-upload")
    packages = H5PPackage.objects.select_related("main_library")[:20]
    return render(
        request,
        "courses/admin/h5p_upload.html",
        {"form": form, "problems": problems, "packages": packages},
    )


def h5p_statistics_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_author(request.user)
    package = get_object_or_404(
        H5PPackage.objects.select_related("main_library"), pk=pk
    )
    return render(
        request,
        "courses/admin/h5p_statistics.html",
        {"package": package, "stats": h5p_statistics(package, request.user)},
    )
