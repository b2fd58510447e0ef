"""The maturity diagnosis's pages: the list (invitations, assessments), HR's
assessment page (invite, close), the respondent's form, the results, and the
town's own questions."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import AuthenticatedHttpRequest
from lms.models import User
from reporting import charts
from reporting.dashboard import separators
from reporting.maturity import actions, scoring
from reporting.maturity.forms import (
    AnswerForm,
    ClosingDateForm,
    InviteForm,
    OpenForm,
    TownQuestionForm,
)
from reporting.maturity.models import Assessment, Dimension, Invitation, Question
from reporting.maturity.queries import (
    access_assessment_for,
    access_invitation_for,
    assessments_visible_to,
    dimensions_of,
    given_levels,
    invitations_of,
    may_manage,
    may_read_results,
)
from reporting.maturity.summary import plain_words
from reporting.views import chart_page


def _error(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _people(user: User) -> QuerySet[User]:
    return User.objects.filter(organisation=user.organisation, is_active=True)


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "maturity/home.html",
        {
            "invitations": invitations_of(request.user),
            "assessments": assessments_visible_to(request.user),
            "may_manage": may_manage(request.user),
            "may_read": may_read_results(request.user),
            "form": OpenForm() if may_manage(request.user) else None,
        },
    )


@require_POST
@login_required
def open_assessment(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_manage(request.user):
        raise PermissionDenied
    form = OpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("year", [])))
        return redirect("maturity:home")
    try:
        assessment = actions.open_assessment(
            request.user, year=form.cleaned_data["year"]
        )
    except ValidationError as error:
        _error(request, error)
        return redirect("maturity:home")
    return redirect("maturity:assessment", pk=assessment.pk)


@require_GET
@login_required
def assessment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for(request.user, pk, manage=True)
    return render(
        request,
        "maturity/assessment.html",
        {
            "assessment": assessment,
            "invitations": assessment.invitations.select_related("person")
            .annotate(last_reminded=Max("reminders__day"))
            .order_by("group", "person__last_name"),
            "form": InviteForm(people=_people(request.user)),
            "closing_form": ClosingDateForm(
                initial={"closes_on": assessment.closes_on}, prefix="c"
            ),
        },
    )


@require_POST
@login_required
def closing_date(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """HR sets the closing date the scheduled reminders count from."""
    assessment = access_assessment_for(request.user, pk, manage=True)
    form = ClosingDateForm(request.POST, prefix="c")
    if not form.is_valid():
        messages.error(request, _("Give the closing date as a date."))
        return redirect("maturity:assessment", pk=pk)
    try:
        actions.set_closing_date(assessment, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Closing date saved."))
    return redirect("maturity:assessment", pk=pk)


@require_POST
@login_required
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for(request.user, pk, manage=True)
    form = InviteForm(request.POST, people=_people(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a person of your town and a group."))
        return redirect("maturity:assessment", pk=pk)
    try:
        actions.invite(assessment, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Invitation recorded."))
    return redirect("maturity:assessment", pk=pk)


@require_POST
@login_required
def remind(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One click: remind the respondents who have not answered (once a day)."""
    assessment = access_assessment_for(request.user, pk, manage=True)
    try:
        count = actions.remind_respondents(assessment, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        if count:
            messages.success(
                request,
                ngettext(
                    "%(n)s respondent reminded.", "%(n)s respondents reminded.", count
                )
                % {"n": count},
            )
        else:
            messages.info(
                request,
                _("Nobody to remind: everyone has answered or was reminded today."),
            )
    return redirect("maturity:assessment", pk=pk)


@require_POST
@login_required
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for(request.user, pk, manage=True)
    try:
        actions.close_assessment(assessment)
    except ValidationError as error:
        _error(request, error)
        return redirect("maturity:assessment", pk=pk)
    messages.success(request, _("Assessment closed: its scores are kept."))
    return redirect("maturity:results", pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A respondent's own form: answers are kept at every save, submitted or not."""
    invitation = access_invitation_for(request.user, pk)
    questions = actions.questions_for(invitation)
    dimensions = dimensions_of(questions)
    given = given_levels(invitation)
    form = AnswerForm(
        request.POST or None,
        questions=questions,
        levels={d.pk: list(d.levels.all()) for d in dimensions},
        initial_levels=given,
    )
    if request.method == "POST" and form.is_valid():
        if _save_answers(request, invitation, form):
            return redirect("maturity:respond", pk=pk)
    return render(
        request,
        "maturity/respond.html",
        {
            "invitation": invitation,
            "form": form,
            "sections": form.sections(dimensions),
            "answered": len(given),
            "total": len(questions),
        },
    )


def _save_answers(
    request: AuthenticatedHttpRequest, invitation: Invitation, form: AnswerForm
) -> bool:
    """Keep the answers (and send them with "submit"); say so, or why not."""
    submit = "submit" in request.POST
    try:
        actions.save_answers(invitation, levels=form.levels(), submit=submit)
    except ValidationError as error:
        _error(request, error)
        return False
    messages.success(
        request,
        _("Thank you: your answers are sent.")
        if submit
        else _("Your answers are saved; you can come back later."),
    )
    return True


@require_GET
@login_required
@chart_page
def results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for(request.user, pk)
    result = scoring.full_results(assessment)
    return render(
        request,
        "maturity/results.html",
        {
            "assessment": assessment,
            "result": result,
            "words": plain_words(result),
            "radar": _radar(assessment, result),
            "may_manage": may_manage(request.user),
            "k": scoring.K_ANONYMITY,
        },
    )


def _radar(assessment: Assessment, result: scoring.Result) -> object:
    """The radar of the assessment's scores, last year's and the size band's
    median, as plotly JSON."""
    figure = charts.maturity_radar(
        scoring.radar(result),
        title=_("Maturity per dimension (0 to 5)"),
        labels={
            "score": str(assessment.year),
            "previous": str(result.previous.year) if result.previous else "",
            "band": _("Median of towns of your size"),
        },
    )
    figure.update_layout(separators=separators())
    return json.loads(figure.to_json())


@require_http_methods(["GET", "POST"])
@login_required
def town_questions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR's own questions, added to the current questionnaire's dimensions."""
    if not may_manage(request.user):
        raise PermissionDenied
    questionnaire = actions.shipped_questionnaire()
    dimensions = questionnaire.dimensions.filter(kind=Dimension.Kind.DECLARED)
    form = TownQuestionForm(request.POST or None, dimensions=dimensions)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_town_question(request.user, **form.cleaned_data)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("maturity:questions")
    own = Question.objects.filter(
        organisation=request.user.organisation,
        dimension__questionnaire=questionnaire,
    ).select_related("dimension")
    return render(
        request,
        "maturity/questions.html",
        {"form": form, "questions": own, "questionnaire": questionnaire},
    )
