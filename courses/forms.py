from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from courses.choices import Audience


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any")), ("fr", "Français"), ("en", "English")],
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("Any")), *Audience.choices[:2]],
    )
    max_minutes = forms.TypedChoiceField(
        label=_("Duration"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any")),
            (30, _("30 minutes or less")),
            (60, _("1 hour or less")),
            (180, _("3 hours or less")),
        ],
    )
    competence = forms.ChoiceField(label=_("Competence"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tags = Tag.objects.filter(courses_coursetag_items__isnull=False).distinct()
        competence = cast(forms.ChoiceField, self.fields["competence"])
        competence.choices = [
            ("", _("Any")),
            *((tag.slug, tag.name) for tag in tags.order_by("name")),
        ]


class QuizAnswersForm(forms.Form):
    """The quiz's fixed fields; the answers are read per question by ``answers``."""

    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, quiz: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quiz = quiz

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        answers: dict[int, list[int]] = {}
        for index, _question in enumerate(self.quiz["questions"]):
            raw = (
                self.data.getlist(f"q{index}") if hasattr(self.data, "getlist") else []
            )
            try:
                chosen = sorted({int(value) for value in raw})
            except ValueError:
                raise forms.ValidationError(
                    _("These answers do not fit the quiz.")
                ) from None
            if chosen:
                answers[index] = chosen
        if not answers:
            raise forms.ValidationError(_("Answer at least one question."))
        cleaned["answers"] = answers
        return cleaned

    @staticmethod
    def new_token() -> uuid.UUID:
        return uuid.uuid4()
