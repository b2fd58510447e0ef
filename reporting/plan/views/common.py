"""What the plan's pages share: errors in messages, the form page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import render

from lms.http import AuthenticatedHttpRequest


def _error(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _form_page(
    request: AuthenticatedHttpRequest, form: BaseForm, *, title: str, back: str
) -> HttpResponse:
    status = 400 if form.is_bound else 200
    return render(
        request,
        "plan/form.html",
        {"form": form, "title": title, "back": back},
        status=status,
    )


def _apply_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
