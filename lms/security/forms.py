from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The 6-digit code an authenticator app shows; spaces are ignored."""

    code = forms.CharField(
        label=_("6-digit code"),
        max_length=12,
        error_messages={"required": _("Enter the 6-digit code your app shows.")},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isascii() or not code.isdigit():
            raise forms.ValidationError(
                _("Enter the 6 digits your app shows, without letters.")
            )
        return code
