"""Back-office forms (scoped to the person's town) and the learner-side forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models import CoursePage
from courses.training.models import Attendance, SatisfactionAnswer, Training
from lms.models import Organisation, User

if TYPE_CHECKING:
    from courses.training.models import Registration, SessionSlot
    from courses.training.queries import SheetLine
    from skills.models import Competence


def _towns_of(user: User) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    if user.organisation_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=user.organisation_id)


class TrainingForm(WagtailAdminModelForm):
    """Only the person's own town, and its own courses, can be chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        towns = _towns_of(self.for_user)
        self.fields["organisation"].queryset = towns
        self.fields["course"].queryset = CoursePage.objects.filter(
            organisation__in=towns
        )


class TrainingSessionForm(WagtailAdminModelForm):
    """Only the town's trainings; trainers and open seats within the network."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        towns = _towns_of(self.for_user)
        self.fields["training"].queryset = Training.objects.filter(
            organisation__in=towns
        )
        networks = towns.exclude(network=None).values("network")
        # Trainers are the town's own people: another town's staff list is not
        # this town's to browse (someone from elsewhere is a named outsider).
        self.fields["trainers"].queryset = User.objects.filter(
            organisation__in=towns, is_active=True
        )
        seats = self.formsets.get("open_seats")
        if seats is not None:
            others = Organisation.objects.filter(network__in=networks).exclude(
                pk__in=towns
            )
            for form in [*seats.forms, seats.empty_form]:
                form.fields["organisation"].queryset = others


class NominateForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Person"))

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required to refuse)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttendanceForm(forms.Form):
    """One choice per (participant, slot): ``mark-<registration>-<slot>``, and
    the minutes attended when partly present: ``minutes-<registration>-<slot>``."""

    def __init__(
        self,
        *args: Any,
        lines: list[SheetLine],
        slots: list[SessionSlot],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lines, self.slots = lines, slots
        self.keys: list[tuple[int, int]] = []
        for line in lines:
            for slot in slots:
                key = f"{line.registration.pk}-{slot.pk}"
                self.fields[f"mark-{key}"] = forms.ChoiceField(
                    label=f"{line.registration.user} – {slot}",
                    choices=[("", "—"), *Attendance.Status.choices],
                    required=False,
                    initial=line.marks.get(slot.pk, ""),
                )
                self.fields[f"minutes-{key}"] = forms.IntegerField(
                    label=_("Minutes attended (if partly present)"),
                    required=False,
                    min_value=1,
                    max_value=24 * 60,
                    initial=line.minutes.get(slot.pk),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
                self.keys.append((line.registration.pk, slot.pk))

    def marks(self) -> dict[tuple[int, int], str]:
        return {
            key: self.cleaned_data[f"mark-{key[0]}-{key[1]}"]
            for key in self.keys
            if self.cleaned_data.get(f"mark-{key[0]}-{key[1]}")
        }

    def minutes(self) -> dict[tuple[int, int], int]:
        return {
            key: self.cleaned_data[f"minutes-{key[0]}-{key[1]}"]
            for key in self.keys
            if self.cleaned_data.get(f"minutes-{key[0]}-{key[1]}") is not None
        }

    def grid(
        self,
    ) -> list[tuple[SheetLine, list[tuple[SessionSlot, BoundField, BoundField]]]]:
        """Each participant's line with, per slot, its mark and minutes fields."""
        return [
            (
                line,
                [
                    (
                        slot,
                        self[f"mark-{line.registration.pk}-{slot.pk}"],
                        self[f"minutes-{line.registration.pk}-{slot.pk}"],
                    )
                    for slot in self.slots
                ],
            )
            for line in self.lines
        ]


class ObservedLevelsForm(forms.Form):
    """A level of the framework's scale per (participant, targeted competence):
    ``level-<registration>-<competence>``; empty records nothing."""

    note = forms.CharField(
        label=_("Note (optional, kept with the evidence)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        participants: list[Registration],
        competences: list[Competence],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.participants, self.competences = participants, competences
        self.keys: list[tuple[int, int]] = []
        for registration in participants:
            for competence in competences:
                self.fields[f"level-{registration.pk}-{competence.pk}"] = (
                    forms.TypedChoiceField(
                        label=str(competence),
                        choices=[
                            ("", "—"),
                            *[
                                (level.number, str(level))
                                for level in competence.version.levels.all()
                            ],
                        ],
                        coerce=int,
                        empty_value=None,
                        required=False,
                    )
                )
                self.keys.append((registration.pk, competence.pk))

    def levels(self) -> dict[tuple[int, int], int]:
        return {
            key: self.cleaned_data[f"level-{key[0]}-{key[1]}"]
            for key in self.keys
            if self.cleaned_data.get(f"level-{key[0]}-{key[1]}") is not None
        }

    def grid(
        self, seen: dict[tuple[int, int], int]
    ) -> list[tuple[Registration, list[tuple[Competence, BoundField, int | None]]]]:
        """Each participant with, per competence, its level field and the level
        already observed (``seen``, by person id and competence id)."""
        return [
            (
                registration,
                [
                    (
                        competence,
                        self[f"level-{registration.pk}-{competence.pk}"],
                        seen.get((registration.user_id, competence.pk)),
                    )
                    for competence in self.competences
                ],
            )
            for registration in self.participants
        ]


class SignedSheetForm(forms.Form):
    file = forms.FileField(
        label=_("Scan of the signed sheet (PDF, PNG or JPEG, 10 MB at most)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/png,image/jpeg"}
        ),
    )


SCALE = [(n, str(n)) for n in range(1, 6)]


class SatisfactionForm(forms.Form):
    """The questionnaire: five statements from 1 (disagree) to 5 (agree)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in SatisfactionAnswer.QUESTIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment (optional)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def scores(self) -> dict[str, int]:
        return {
            name: self.cleaned_data[name] for name, _l in SatisfactionAnswer.QUESTIONS
        }


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
