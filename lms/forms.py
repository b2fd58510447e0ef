from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.models import Department, JobRole, Organisation, User
from lms.people_file import MAX_FILE_BYTES, management_chain_loops
from lms.queries import organisations_administered_by


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class OrganisationScopedForm(WagtailAdminModelForm):
    """Limit every organisation-bound choice to what the signed-in person administers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_administered_by(self.for_user)
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = organisations
            if organisations.count() == 1:
                self.fields["organisation"].initial = organisations.first()
        for name, model in (
            ("parent", Department),
            ("department", Department),
            ("job_role", JobRole),
        ):
            if name in self.fields:
                self.fields[name].queryset = model.objects.filter(
                    organisation__in=organisations
                )
        if "manager" in self.fields:
            self.fields["manager"].queryset = User.objects.filter(
                organisation__in=organisations, kind=User.Kind.STAFF
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        organisation = cleaned.get("organisation") or getattr(
            self.instance, "organisation", None
        )
        for name in ("parent", "department", "job_role", "manager"):
            value = cleaned.get(name)
            if value is not None and organisation is not None:
                if value.organisation_id != organisation.pk:
                    self.add_error(
                        name, _("Choose one of this organisation's own entries.")
                    )
        return cleaned


class DepartmentForm(OrganisationScopedForm):
    parent = forms.ModelChoiceField(
        label=_("Parent department"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Leave empty for a top-level direction."),
    )

    class Meta:
        model = Department
        fields = ["organisation", "parent", "code", "name", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                path__startswith=self.instance.path
            )

    def clean_parent(self) -> Department | None:
        parent = self.cleaned_data.get("parent")
        if (
            parent is not None
            and self.instance.pk
            and parent.path.startswith(self.instance.path)
        ):
            raise forms.ValidationError(_("A department cannot sit below itself."))
        return parent


class JobRoleForm(OrganisationScopedForm):
    class Meta:
        model = JobRole
        fields = ["organisation", "code", "name"]


class PersonForm(OrganisationScopedForm):
    class Meta:
        model = User
        fields = [
            "organisation",
            "employee_number",
            "username",
            "first_name",
            "last_name",
            "email",
            "kind",
            "department",
            "job_role",
            "manager",
            "hire_date",
            "preferred_language",
            "is_active",
            "is_hr_admin",
            "is_author",
        ]

    def clean_manager(self) -> User | None:
        """Refuse a manager who reports to this person, directly or not (the
        import's own check, walking the chain as it is in the database)."""
        manager = self.cleaned_data.get("manager")
        if manager is not None and self.instance.pk:
            if management_chain_loops(self.instance.pk, manager.pk, _manager_id):
                raise forms.ValidationError(
                    _("Management chain loops back to this person.")
                )
        return manager


def _manager_id(pk: int) -> int | None:
    return User.objects.filter(pk=pk).values_list("manager_id", flat=True).first()


class PeopleImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    file = forms.FileField(
        label=_("People file (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    deactivate_missing = forms.BooleanField(
        label=_("Deactivate people who are not in this file"), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_administered_by(user)
        self.fields["organisation"].queryset = organisations
        if user.organisation_id and not user.is_superuser:
            self.fields["organisation"].initial = user.organisation_id
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
