from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.mentoring import actions
from courses.mentoring.forms import (
    FinishForm,
    GoalForm,
    OptInForm,
    ProfileForm,
    RunRoundForm,
    SessionForm,
)
from courses.mentoring.models import OptIn, Pair
from courses.mentoring.queries import (
    access_pair_for,
    access_round_for,
    competences_for,
    hr_pairs,
    is_member,
    last_unmatched_of,
    may_take_part,
    movements,
    networks_run_by,
    opt_ins_of,
    pairs_of,
    profile_of,
    round_view,
    rounds_for,
    summary_organisation,
)
from courses.mentoring.queries import summary as summary_of
from lms.http import AuthenticatedHttpRequest


def _error(request: AuthenticatedHttpRequest, error: Exception) -> None:
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


def _taking_part(request: AuthenticatedHttpRequest) -> None:
    if not may_take_part(request.user):
        raise PermissionDenied


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My mentoring: my pairs, my opt-ins and what the matching needs to know."""
    _taking_part(request)
    user = request.user
    profile = profile_of(user)
    return render(
        request,
        "mentoring/home.html",
        {
            "profile": profile,
            "profile_form": ProfileForm(instance=profile),
            "opt_in_form": OptInForm(competences=competences_for(user)),
            "opt_ins": opt_ins_of(user),
            "pairs": pairs_of(user),
            "unmatched": last_unmatched_of(user),
            "may_run_rounds": networks_run_by(user).exists(),
        },
    )


@require_POST
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    _taking_part(request)
    form = ProfileForm(request.POST, instance=profile_of(request.user))
    if not form.is_valid():
        messages.error(
            request,
            _("Check the profile: %(errors)s")
            % {
                "errors": " ".join(
                    str(e) for errors in form.errors.values() for e in errors
                )
            },
        )
        return redirect("mentoring:home")
    try:
        actions.save_profile(request.user, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Your mentoring profile is saved."))
    return redirect("mentoring:home")


@require_POST
@login_required
def opt_in(request: AuthenticatedHttpRequest) -> HttpResponse:
    _taking_part(request)
    form = OptInForm(request.POST, competences=competences_for(request.user))
    if not form.is_valid():
        messages.error(
            request, _("Choose a competence, a role and, as a mentee, a level.")
        )
        return redirect("mentoring:home")
    try:
        actions.opt_in(request.user, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request, _("You are opted in. The next round will look for a match.")
        )
    return redirect("mentoring:home")


@require_POST
@login_required
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    row = OptIn.objects.open().filter(pk=pk, person=request.user).first()
    if row is None:
        raise Http404
    actions.withdraw(row, by=request.user)
    messages.success(request, _("Opt-in withdrawn."))
    return redirect("mentoring:home")


@require_GET
@login_required
def pair_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access_pair_for(request.user, pk)
    member = is_member(request.user, pair) and pair.is_active
    return render(
        request,
        "mentoring/pair_detail.html",
        {
            "pair": pair,
            "sessions": pair.sessions.all(),
            "movement": movements([pair])[pair.pk],
            "member": member,
            "is_mentor": member and request.user.pk == pair.mentor_id,
            "goal_form": GoalForm(initial={"goal": pair.goal}),
            "session_form": SessionForm(),
            "finish_form": FinishForm(initial={"level_reached": pair.target_level}),
        },
    )


@require_POST
@login_required
def goal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = _pair_of_member(request, pk)
    form = GoalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the goal in 2,000 characters at most."))
    else:
        _run(
            request,
            lambda: actions.set_goal(pair, by=request.user, **form.cleaned_data),
            _("Goal saved."),
        )
    return redirect(pair.get_absolute_url())


@require_POST
@login_required
def log_session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = _pair_of_member(request, pk)
    form = SessionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Give the date, a duration of 5 to 480 minutes and the topic.")
        )
    else:
        _run(
            request,
            lambda: actions.log_session(pair, by=request.user, **form.cleaned_data),
            _("Session logged."),
        )
    return redirect(pair.get_absolute_url())


@require_POST
@login_required
def finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = _pair_of_member(request, pk)
    form = FinishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the level the mentee reached."))
    else:
        _run(
            request,
            lambda: actions.finish(pair, by=request.user, **form.cleaned_data),
            _("Mentoring finished: the evidence is recorded for both of you."),
        )
    return redirect(pair.get_absolute_url())


@require_POST
@login_required
def end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = _pair_of_member(request, pk)
    _run(request, lambda: actions.end(pair, by=request.user), _("Mentoring stopped."))
    return redirect(pair.get_absolute_url())


def _pair_of_member(request: AuthenticatedHttpRequest, pk: int) -> Pair:
    """Only the two members write to a pair; 404 for anyone else."""
    pair = access_pair_for(request.user, pk)
    if not is_member(request.user, pair):
        raise Http404
    return pair


def _run(
    request: AuthenticatedHttpRequest, act: Callable[[], object], done: str
) -> None:
    """Run one action; a refusal or bad input is explained and changes nothing."""
    try:
        act()
    except (ValidationError, PermissionDenied) as error:
        _error(request, error)
    else:
        messages.success(request, done)


@require_http_methods(["GET", "POST"])
@login_required
def rounds(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR (their network) and platform admins: run a round, list the rounds and
    the mentorings of their town."""
    networks = networks_run_by(request.user)
    if not networks.exists():
        raise PermissionDenied
    form = RunRoundForm(
        request.POST or None, networks=networks, initial={"network": networks.first()}
    )
    if request.method == "POST":
        return _run_round(request, form)
    pairs = hr_pairs(request.user)
    moves = movements(pairs)
    return render(
        request,
        "mentoring/rounds.html",
        {
            "form": form,
            "rounds": rounds_for(request.user)[:20],
            "pairs": [(pair, moves[pair.pk]) for pair in pairs],
        },
    )


def _run_round(request: AuthenticatedHttpRequest, form: RunRoundForm) -> HttpResponse:
    """Run a round in the chosen network and show it, or say what to choose."""
    if not form.is_valid():
        messages.error(request, _("Choose the network of the round."))
        return redirect("mentoring:rounds")
    round_ = actions.run_round(form.cleaned_data["network"], by=request.user)
    messages.success(
        request,
        _("Round done: %(pairs)s pairs.") % {"pairs": round_.pairs},
    )
    return redirect(round_.get_absolute_url())


@require_GET
@login_required
def round_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = access_round_for(request.user, pk)
    return render(
        request,
        "mentoring/round_detail.html",
        {"round": round_, "view": round_view(round_, request.user)},
    )


@require_GET
@login_required
def summary(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Aggregates for HR, elected officials and platform admins (k ≥ 5)."""
    requested = request.GET.get("organisation", "")
    organisation = summary_organisation(
        request.user,
        int(requested) if requested.isdigit() and len(requested) < 19 else None,
    )
    if organisation is None:
        raise PermissionDenied
    return render(
        request,
        "mentoring/summary.html",
        {"organisation": organisation, "summary": summary_of(organisation)},
    )
