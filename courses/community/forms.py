"""Forms of communities; choices are scoped to the person asking, and the
actions check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.community.models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    ATTACHMENTS_PER_POST,
    BODY_MAX,
    TITLE_MAX,
    Community,
    Exchange,
    Preference,
    Subscription,
    Thread,
)
from courses.community.queries import competence_choices_for
from lms.models import Organisation, User
from skills.models import Competence

LEVELS = [(n, str(n)) for n in range(1, 9)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _attachments_help() -> str:
    """Translated when the form is shown, not when the module is imported."""
    return gettext(
        "Optional: up to %(n)s files (%(types)s), %(size)s MB each. They are "
        "kept in your town's documents; whoever may read the message may "
        "download them."
    ) % {
        "n": ATTACHMENTS_PER_POST,
        "types": ", ".join(ATTACHMENT_TYPES),
        "size": ATTACHMENT_MAX_BYTES // (1024 * 1024),
    }


class AttachmentsField(forms.FileField):
    """Up to ``ATTACHMENTS_PER_POST`` files; their type, content and size are
    checked by the action (``actions.check_attachments``), which writes nothing
    when one is refused."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ",".join(f".{t}" for t in ATTACHMENT_TYPES)}
            ),
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("help_text", lazy(_attachments_help, str)())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["helps_network", "delivery"]
        widgets = {"delivery": forms.RadioSelect}


class CommunityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("What it is about"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scope = forms.ChoiceField(
        label=_("Open to"), choices=Community.Scope, widget=forms.RadioSelect
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences"), queryset=Competence.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = competence_choices_for(user)  # type: ignore[attr-defined]


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Thread.Kind,
        initial=Thread.Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Mention a member with @username."),
    )
    competence = forms.ModelChoiceField(
        label=_("Competence"), queryset=Competence.objects.none(), required=False
    )
    needed_level = forms.TypedChoiceField(
        label=_("Level needed"),
        choices=[("", "—"), *LEVELS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    asks_network = forms.BooleanField(
        label=_("Ask colleagues of other towns who hold this competence"),
        required=False,
    )
    attachments = AttachmentsField()

    def __init__(self, *args: Any, user: User, community: Community, **kwargs: Any):
        super().__init__(*args, **kwargs)
        competences = competence_choices_for(user)
        tagged = community.competences.all()
        if tagged.exists():
            competences = competences.filter(pk__in=tagged)
        self.fields["competence"].queryset = competences  # type: ignore[attr-defined]
        if community.scope != Community.Scope.NETWORK:
            del self.fields["asks_network"]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text. Mention a member with @username."),
    )
    attachments = AttachmentsField()


class SubscriptionForm(forms.Form):
    state = forms.ChoiceField(choices=Subscription.State)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=500)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class SheetForm(forms.Form):
    title = forms.CharField(label=_("Title of the sheet"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("The practice, in a few lines"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ChallengeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("What the town wants to achieve"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences"), queryset=Competence.objects.none()
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = competence_choices_for(user)  # type: ignore[attr-defined]


class ExchangeForm(forms.Form):
    with_organisation = forms.ModelChoiceField(
        label=_("With the town"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Exchange.Kind)
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, town: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = (
            Organisation.objects.filter(network_id=town.network_id).exclude(pk=town.pk)
            if town.network_id
            else Organisation.objects.none()
        )
        self.fields["with_organisation"].queryset = others  # type: ignore[attr-defined]
