"""The satisfaction questionnaire: a participant answers once, the organiser
reads the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.training import actions
from courses.training.forms import SatisfactionForm
from courses.training.models import SatisfactionAnswer
from courses.training.queries import (
    access_managed_session_for,
    access_session_for,
    may_answer_satisfaction,
    registration_of,
    satisfaction_results,
)
from courses.training.views.feedback import report_error
from lms.http import AuthenticatedHttpRequest


@require_http_methods(["GET", "POST"])
@login_required
def satisfaction(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A participant who attended answers the questionnaire, once."""
    session = access_session_for(request.user, pk)
    registration = registration_of(request.user, session)
    if registration is None or not may_answer_satisfaction(request.user, session):
        messages.info(request, _("There is no questionnaire for you to answer here."))
        return redirect(session.get_absolute_url())
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_satisfaction(
                registration,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Thank you for your answer."))
        return redirect(session.get_absolute_url())
    return render(
        request, "training/satisfaction.html", {"session": session, "form": form}
    )


@require_GET
@login_required
def satisfaction_results_view(
    request: AuthenticatedHttpRequest, pk: int
) -> HttpResponse:
    session = access_managed_session_for(request.user, pk)
    return render(
        request,
        "training/satisfaction_results.html",
        {
            "session": session,
            "results": satisfaction_results(session),
            "questions": len(SatisfactionAnswer.QUESTIONS),
        },
    )
