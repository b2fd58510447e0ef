"""Forms of the plan. Every choice of a department, person, pilot, plan or
course is limited to the asking HR admin's own town, so a forged id of another
town's object is refused as an invalid choice before any write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.models import Department, User
from reporting.plan.models import Action, Comment, Pilot, Plan, Practice
from reporting.plan.queries import (
    appointable_people,
    communities_for_practice,
    departments_of,
    people_of,
    staff_of,
    suggested_community,
    town_id,
)
from skills.models import Competence
from skills.queries import current_framework_version

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - programming error
    field.queryset = queryset


def _competences() -> Any:
    version = current_framework_version()
    if version is None:
        return Competence.objects.none()
    return Competence.objects.filter(version=version).order_by("code")


class PilotForm(forms.ModelForm):
    class Meta:
        model = Pilot
        fields = [
            "title",
            "department",
            "assumption",
            "experiment_type",
            "starts_on",
            "ends_on",
            "budget",
            "team",
            "competences",
            "indicators",
            "results",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "department", departments_of(user))
        _limit(self, "team", staff_of(user))
        _limit(self, "competences", _competences())


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[c for c in Pilot.Decision.choices if c[0]],
    )
    results = forms.CharField(
        label=_("results"), widget=forms.Textarea(attrs={"rows": 4})
    )


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "starts_on", "ends_on", "vision"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class ActionForm(forms.ModelForm):
    """The action, and the competences it needs at one level (each can be
    changed later from the action's page by editing it again)."""

    competences = forms.ModelMultipleChoiceField(
        label=_("competences the action needs"),
        queryset=Competence.objects.none(),
        required=False,
    )
    level = forms.IntegerField(
        label=_("level its staff should reach"), min_value=1, max_value=8, initial=3
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "department",
            "starts_on",
            "ends_on",
            "cost",
            "funding_source",
            "indicator",
            "target",
            "risk",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "department", departments_of(user))
        _limit(self, "competences", _competences())
        if self.instance.pk:
            needs = list(self.instance.needs.all())
            self.initial.setdefault("competences", [n.competence_id for n in needs])
            if needs:
                self.initial.setdefault("level", needs[0].level)


class ScaleForm(ActionForm):
    """A scaled pilot becomes an action of one of the town's plans."""

    plan = forms.ModelChoiceField(label=_("plan"), queryset=Plan.objects.none())

    field_order = ["plan"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        _limit(self, "plan", Plan.objects.filter(organisation_id=town_id(user)))

    @classmethod
    def for_pilot(
        cls, data: QueryDict | None, pilot: Pilot, *, user: User
    ) -> ScaleForm:
        """A new action, filled in from the pilot: title, department, budget,
        competences."""
        initial = {
            "title": pilot.title,
            "department": pilot.department_id,
            "cost": pilot.budget,
            "competences": [c.pk for c in pilot.competences.all()],
        }
        return cls(data, instance=Action(), user=user, initial=initial)


class AdoptForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("into my plan"), queryset=Plan.objects.none())
    department = forms.ModelChoiceField(
        label=_("owner department"), queryset=Department.objects.none()
    )
    starts_on = forms.DateField(label=_("start"), widget=DATE)
    ends_on = forms.DateField(label=_("end"), widget=DATE)
    target = forms.DecimalField(label=_("target"), min_value=0, decimal_places=2)
    level = forms.IntegerField(
        label=_("level its staff should reach"), min_value=1, max_value=8, initial=3
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on"):
            if data["ends_on"] < data["starts_on"]:
                self.add_error("ends_on", _("The end date comes after the start."))
        return data

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "plan", Plan.objects.filter(organisation_id=town_id(user)))
        _limit(self, "department", departments_of(user))


def _limit_communities(form: forms.BaseForm, user: User, pilot: Pilot) -> None:
    """Communities the practice may name, most shared competences first; the
    best one (sharing at least one competence) is proposed."""
    _limit(form, "community", communities_for_practice(user, pilot))
    field = form.fields["community"]
    field.help_text = _(
        "Where colleagues of the network discuss it. Communities sharing the "
        "most competences with the pilot come first."
    )
    if not form.is_bound and not form.initial.get("community"):
        suggested = suggested_community(user, pilot)
        if suggested is not None:
            form.initial["community"] = suggested.pk


class PublishForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["summary", "community"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: User, pilot: Pilot, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_communities(self, user, pilot)


class PracticeCommunityForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["community"]

    def __init__(self, *args: Any, user: User, pilot: Pilot, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_communities(self, user, pilot)


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("milestone"), max_length=200)
    due_on = forms.DateField(label=_("due"), widget=DATE)


class ValueForm(forms.Form):
    measured_on = forms.DateField(label=_("measured on"), widget=DATE)
    value = forms.DecimalField(label=_("value"), min_value=0, decimal_places=2)


class AssignForm(forms.Form):
    """One step: a proposed course becomes mandatory for the owner department."""

    course = forms.ModelChoiceField(
        label=_("course"), queryset=CoursePage.objects.none()
    )
    due_date = forms.DateField(label=_("due date"), widget=DATE)

    def __init__(self, *args: Any, courses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "course", courses)

    def clean_due_date(self) -> dt.date:
        due: dt.date = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        return due


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} — {obj.department}" if obj.department_id else name


class PlanManagerForm(forms.Form):
    """The person HR names plan manager: shown, the town's active people not
    named yet; accepted, any active person of the town (the action refuses a
    second appointment and says so)."""

    person = PersonChoiceField(
        label=_("person"),
        queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _(
                "This person is not an active person of your own town: nobody "
                "was named."
            )
        },
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_of(user) if self.is_bound else appointable_people(user)
        _limit(self, "person", people.select_related("department"))
