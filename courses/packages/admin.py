"""The upload page every package kind shares: a package is imported whole, or
refused with every reason and nothing kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.packages.checks import PackageError
from lms.http import AuthenticatedHttpRequest
from lms.models import User


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


def require_author(user: User) -> None:
    if not (user.is_superuser or user.is_author or user.is_hr_admin):
        raise PermissionDenied


def upload_page(
    request: AuthenticatedHttpRequest,
    *,
    form_class: type[PackageUploadForm],
    importer: Callable[..., Any],
    context: dict[str, Any],
) -> HttpResponse:
    """The upload page of a package kind."""
    require_author(request.user)
    form = form_class(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            package = importer(
                form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                organisation=request.user.organisation,
                uploaded_by=request.user,
            )
        except PackageError as error:
            problems = error.problems
        else:
            messages.success(request, _("“%(title)s” imported.") % {"title": package})
            return redirect(request.path)
    context = {"form": form, "problems": problems, **context}
    return render(request, "courses/admin/package_upload.html", context)
