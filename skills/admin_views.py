"""Back office: HR imports a town's own competence framework (CSV or JSON)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.queries import organisations_administered_by
from skills.actions import load_framework
from skills.framework_files import FrameworkFileError, read_framework_file
from skills.models import Framework

MAX_BYTES = 2 * 1024 * 1024


class FrameworkUploadForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    slug = forms.SlugField(label=gettext_lazy("Short name (letters, digits, dashes)"))
    version = forms.CharField(label=gettext_lazy("Version"), max_length=40, initial="1")
    file = forms.FileField(label=gettext_lazy("Framework file (.csv or .json)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if (
            not upload.name.lower().endswith((".csv", ".json"))
            or upload.size > MAX_BYTES
        ):
            raise forms.ValidationError(
                _("Upload a .csv or .json file of 2 MB at most.")
            )
        return upload


def framework_import(request: HttpRequest) -> HttpResponse:
    organisation = organisations_administered_by(request.user).first()
    if organisation is None:
        raise PermissionDenied
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        slug = form.cleaned_data["slug"]
        owner = (
            Framework.objects.filter(slug=slug)
            .values_list("organisation_id", flat=True)
            .first()
        )
        if Framework.objects.filter(slug=slug).exists() and owner != organisation.pk:
            form.add_error("slug", _("This short name is taken by another framework."))
        else:
            upload = form.cleaned_data["file"]
            try:
                data = read_framework_file(upload.name, upload.read())
            except FrameworkFileError as error:
                problems = error.problems
            else:
                version = load_framework(
                    {
                        **data,
                        "slug": slug,
                        "name": form.cleaned_data["name"],
                        "version": form.cleaned_data["version"],
                    },
                    organisation=organisation,
                )
                messages.success(
                    request,
                    _("%(framework)s imported: %(count)s competences.")
                    % {"framework": version, "count": version.competences.count()},
                )
                return redirect("skills_admin:framework-import")
    frameworks = Framework.objects.filter(organisation=organisation).prefetch_related(
        "versions"
    )
    return render(
        request,
        "skills/admin/framework_import.html",
        {"form": form, "problems": problems, "frameworks": frameworks},
    )
