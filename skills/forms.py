from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skills.models import Competence


class LevelsForm(forms.Form):
    """One optional level field per competence: ``c<competence id>``."""

    def __init__(
        self, *args: Any, competences: list[Competence], top: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competences = competences
        for competence in competences:
            self.fields[f"c{competence.pk}"] = forms.TypedChoiceField(
                label=str(competence),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[
                    ("", _("Not assessed")),
                    *((n, str(n)) for n in range(1, top + 1)),
                ],
            )

    def chosen_levels(self) -> dict[Competence, int]:
        return {
            competence: self.cleaned_data[f"c{competence.pk}"]
            for competence in self.competences
            if self.cleaned_data.get(f"c{competence.pk}")
        }


class ValidationForm(forms.Form):
    competence = forms.ModelChoiceField(queryset=Competence.objects.none())
    level = forms.IntegerField(min_value=1)
    note = forms.CharField(required=False, max_length=500)

    def __init__(self, *args: Any, version: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = Competence.objects.filter(version=version)
        self.fields["level"] = forms.IntegerField(
            label=_("Level"), min_value=1, max_value=version.levels.count()
        )
