from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.models import Department, JobRole, Organisation
from skills.models import CompetenceArea


class DashboardFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department (with its sub-departments)"),
        queryset=Department.objects.none(),
        required=False,
    )
    job_role = forms.ModelChoiceField(
        label=_("Job role"), queryset=JobRole.objects.none(), required=False
    )
    area = forms.ChoiceField(label=_("Competence area"), required=False)
    competence = forms.ChoiceField(label=_("Competence"), required=False)
    months = forms.IntegerField(
        label=_("Period (months)"),
        min_value=3,
        max_value=60,
        initial=12,
        required=False,
    )

    def __init__(
        self, *args: Any, organisation: Organisation | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            organisation=organisation
        )
        self.fields["job_role"].queryset = JobRole.objects.filter(
            organisation=organisation
        )
        areas = CompetenceArea.objects.filter(
            version__is_current=True, version__framework__slug="digcomp"
        )
        self.fields["area"].choices = [
            ("", _("All")),
            *((a.code, str(a)) for a in areas),
        ]
