from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AnonymiseForm(forms.Form):
    """The confirmation step: nothing happens unless HR ticks the box."""

    confirm = forms.BooleanField(
        label=_(
            "I confirm that this person has left and that their records must no "
            "longer name them. This cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )
