"""Back office: HR imports a town's own competence framework (CSV or JSON)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.http import AuthenticatedHttpRequest
from lms.models import Organisation
from lms.queries import organisations_administered_by
from skills.actions import load_framework
from skills.framework_files import FrameworkFileError, read_framework_file
from skills.queries import frameworks_of, slug_free_for

MAX_BYTES = 2 * 1024 * 1024


class FrameworkUploadForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    slug = forms.SlugField(label=gettext_lazy("Short name (letters, digits, dashes)"))
    version = forms.CharField(label=gettext_lazy("Version"), max_length=40, initial="1")
    file = forms.FileField(label=gettext_lazy("Framework file (.csv or .json)"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if (
            not upload.name.lower().endswith((".csv", ".json"))
            or upload.size > MAX_BYTES
        ):
            raise forms.ValidationError(
                _("Upload a .csv or .json file of 2 MB at most.")
            )
        return upload

    def clean(self) -> dict[str, Any] | None:
        """Once every field is valid: the short name is free, or the town's own."""
        cleaned = super().clean()
        if not self.errors and not slug_free_for(
            self.cleaned_data["slug"], self.organisation
        ):
            self.add_error("slug", _("This short name is taken by another framework."))
        return cleaned

    def framework_data(self) -> dict[str, Any]:
        """The uploaded framework as ``load_framework`` takes it; raises
        ``FrameworkFileError`` listing what is wrong with the file."""
        upload = self.cleaned_data["file"]
        data = read_framework_file(upload.name, upload.read())
        return {
            **data,
            "slug": self.cleaned_data["slug"],
            "name": self.cleaned_data["name"],
            "version": self.cleaned_data["version"],
        }


def framework_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = organisations_administered_by(request.user).first()
    if organisation is None:
        raise PermissionDenied
    form = FrameworkUploadForm(
        request.POST or None, request.FILES or None, organisation=organisation
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = load_framework(form.framework_data(), organisation=organisation)
        except FrameworkFileError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _("%(framework)s imported: %(count)s competences.")
                % {"framework": version, "count": version.competences.count()},
            )
            return redirect("skills_admin:framework-import")
    return render(
        request,
        "skills/admin/framework_import.html",
        {"form": form, "problems": problems, "frameworks": frameworks_of(organisation)},
    )
