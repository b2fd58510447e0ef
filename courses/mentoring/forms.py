from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.mentoring.models import LANGUAGES, MAX_CAPACITY, MentoringProfile, OptIn
from lms.models import Network
from skills.models import Competence


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages I can mentor or be mentored in"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        label=_("Mentees at most (as a mentor)"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=1,
    )

    class Meta:
        model = MentoringProfile
        fields = [
            "languages",
            "availability",
            "hours_per_month",
            "town_preference",
            "capacity",
        ]
        widgets = {"town_preference": forms.RadioSelect}


class CompetenceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


class OptInForm(forms.Form):
    competence = CompetenceChoice(
        label=_("Competence"), queryset=Competence.objects.none()
    )
    role = forms.ChoiceField(
        label=_("I want to"),
        choices=[
            (OptIn.Role.MENTOR, _("mentor a colleague")),
            (OptIn.Role.MENTEE, _("be mentored")),
        ],
        widget=forms.RadioSelect,
    )
    target_level = forms.IntegerField(
        label=_("Level I want to reach (as a mentee)"),
        min_value=1,
        max_value=8,
        required=False,
    )

    def __init__(self, *args: Any, competences: QuerySet[Competence], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["competence"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = competences

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == OptIn.Role.MENTEE and not data.get("target_level"):
            self.add_error("target_level", _("Say which level you want to reach."))
        return data


class RunRoundForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = networks


class GoalForm(forms.Form):
    goal = forms.CharField(
        label=_("Goal of the mentoring"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=480
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["minutes"].initial = 60


class FinishForm(forms.Form):
    level_reached = forms.IntegerField(
        label=_("Level the mentee reached"), min_value=1, max_value=8
    )
