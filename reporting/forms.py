from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.models import Department, JobRole, Organisation

# (code, name, area code, area name), as ``reporting.queries.framework_labels``.
CompetenceRow = tuple[str, str, str, str]


class DepartmentChoiceField(forms.ModelChoiceField):
    """The department tree, each level indented under its parent."""

    def label_from_instance(self, obj: Any) -> str:
        return "\u00a0\u00a0\u00a0" * (obj.depth - 1) + obj.name


class DashboardFilterForm(forms.Form):
    department = DepartmentChoiceField(
        label=_("Department (with its sub-departments)"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
    )
    job_role = forms.ModelChoiceField(
        label=_("Job role"),
        queryset=JobRole.objects.none(),
        required=False,
        empty_label=_("All job roles"),
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
        self,
        *args: Any,
        organisation: Organisation | None,
        competences: list[CompetenceRow] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        """``competences``: the current framework's, with their areas. The
        competence list holds the chosen area's (all of them, by area, when none
        is chosen); a competence left over from another area is dropped."""
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            organisation=organisation
        ).order_by("path")
        self.fields["job_role"].queryset = JobRole.objects.filter(
            organisation=organisation
        ).order_by("name")
        areas = dict.fromkeys((code, name) for _c, _n, code, name in competences)
        self.fields["area"].choices = [
            ("", _("All areas")),
            *((code, f"{code} {name}") for code, name in areas),
        ]
        area = self.data.get("area", "") if self.is_bound else ""
        if area not in {code for code, _name in areas}:
            area = ""
        chosen = [c for c in competences if not area or c[2] == area]
        self.fields["competence"].choices = [
            ("", _("All competences")),
            *((code, f"{code} {name}") for code, name, _a, _n in chosen),
        ]
        if self.is_bound and self.data.get("competence") not in {
            "",
            None,
            *(c[0] for c in chosen),
        }:
            data: Any = self.data.copy()  # type: ignore[attr-defined]
            data["competence"] = ""
            self.data = data
        self.competence_map = {
            code: [[c, f"{c} {n}"] for c, n, a, _an in competences if a == code]
            for code, _name in areas
        }
