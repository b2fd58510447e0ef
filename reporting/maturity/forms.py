from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import User
from reporting.maturity.models import TOP, Dimension, Group, Question, ScaleLevel

DONT_KNOW = "x"


class OpenForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ClosingDateForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Closing date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Those who have not answered are reminded by e-mail 7 days and 1 day "
            "before it. Leave empty for no scheduled reminder."
        ),
    )


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    group = forms.ChoiceField(label=_("Respondent group"), choices=Group.choices)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrowing
        field.queryset = people


class TownQuestionForm(forms.Form):
    dimension = forms.ModelChoiceField(
        label=_("Dimension"), queryset=Dimension.objects.none()
    )
    text_fr = forms.CharField(
        label=_("Question (French)"), max_length=500, required=False
    )
    text_en = forms.CharField(
        label=_("Question (English)"), max_length=500, required=False
    )
    groups = forms.MultipleChoiceField(
        label=_("Asked of"),
        choices=Group.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, dimensions: QuerySet[Dimension], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["dimension"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrowing
        field.queryset = dimensions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text_fr") or data.get("text_en")):
            raise forms.ValidationError(_("Write the question in French or English."))
        return data


class AnswerForm(forms.Form):
    """One radio group per question: a level of the dimension's scale, or "I
    don't know". Unanswered questions are simply left out (kept for later)."""

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        levels: dict[int, list[ScaleLevel]],
        initial_levels: dict[int, int | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.scales = levels
        for question in questions:
            choices = [
                (str(level.number), f"{level.number} — {level.text}")
                for level in levels.get(question.dimension_id, [])
            ] or [(str(n), str(n)) for n in range(TOP + 1)]
            choices.append((DONT_KNOW, str(_("I don't know"))))
            known = initial_levels.get(question.pk, "")
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=(
                    DONT_KNOW
                    if question.pk in initial_levels and known is None
                    else ("" if known == "" else str(known))
                ),
            )

    def sections(
        self, dimensions: list[Dimension]
    ) -> list[tuple[Dimension, list[ScaleLevel], list[BoundField]]]:
        """Per dimension: its scale and the fields of its questions."""
        return [
            (
                d,
                self.scales[d.pk],
                [self[f"q{q.pk}"] for q in self.questions if q.dimension_id == d.pk],
            )
            for d in dimensions
        ]

    def levels(self) -> dict[int, int | None]:
        """Question id → level (None: "I don't know"), for the answered ones."""
        given: dict[int, int | None] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if value == DONT_KNOW:
                given[question.pk] = None
            elif value not in (None, ""):
                given[question.pk] = int(value)
        return given
