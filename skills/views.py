from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.http import AuthenticatedHttpRequest
from lms.models import User
from lms.queries import reports_of
from skills import actions
from skills.forms import LevelsForm, ValidationForm
from skills.models import Evidence, FrameworkVersion, ProficiencyLevel
from skills.queries import (
    CompetenceLevel,
    access_report_for,
    areas_of,
    current_framework_version,
    current_levels,
    scale_of,
    statements_by_level,
)


def _version() -> FrameworkVersion:
    version = current_framework_version()
    if version is None:
        raise Http404
    return version


STEP_KEY = "self_assessment_step"


@login_required
def self_assessment(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Resume the self-assessment at the area the person reached (the first one
    otherwise)."""
    if request.user.is_elected:
        raise Http404
    areas = areas_of(_version())
    step = request.session.get(STEP_KEY, 1)
    if not isinstance(step, int) or not 1 <= step <= len(areas):
        step = 1
    return redirect("skills:self-assessment-step", step=step)


@login_required
def self_assessment_step(request: AuthenticatedHttpRequest, step: int) -> HttpResponse:
    """One DigComp area: the person rates themselves on its competences, against
    the framework's "I can …" statements in their language; each step saves."""
    if request.user.is_elected:
        raise Http404
    version = _version()
    areas = areas_of(version)
    if not 1 <= step <= len(areas):
        raise Http404
    levels = current_levels(request.user, version, area=areas[step - 1])
    scale = scale_of(version)
    form = LevelsForm(
        request.POST if request.method == "POST" else None,
        competences=[cl.competence for cl in levels],
        top=len(scale),
        initial=_latest_self_levels(levels),
    )
    if request.method == "POST" and form.is_valid():
        actions.record_self_assessment(request.user, levels=form.chosen_levels())
        return _next_step(request, step, last=len(areas))
    return render(
        request,
        "skills/self_assessment.html",
        {"rows": _self_assessment_rows(levels, form, scale), "form": form}
        | {"version": version, "area": areas[step - 1], "areas": areas, "step": step},
    )


def _next_step(
    request: AuthenticatedHttpRequest, step: int, *, last: int
) -> HttpResponse:
    """After saving a step: the previous one ("back"), the next one, or, after
    the last, the person's skills page."""
    going_back = "back" in request.POST
    if going_back or step < last:
        target = max(step - 1 if going_back else step + 1, 1)
        request.session[STEP_KEY] = target
        messages.success(request, _("Saved."))
        return redirect("skills:self-assessment-step", step=target)
    request.session.pop(STEP_KEY, None)
    messages.success(request, _("Your self-assessment is saved."))
    return redirect("reporting:my-skills")


def _latest_self_levels(levels: list[CompetenceLevel]) -> dict[str, int]:
    """The person's latest own level per competence field, to start from."""
    initial = {}
    for item in levels:
        own = [e for e in item.evidence if e.source == Evidence.Source.SELF]
        if own:
            latest = max(own, key=lambda e: (e.observed_at, e.pk))
            initial[f"c{item.competence.pk}"] = latest.level
    return initial


def _self_assessment_rows(
    levels: list[CompetenceLevel], form: LevelsForm, scale: list[ProficiencyLevel]
) -> list[dict[str, Any]]:
    statements = statements_by_level([cl.competence for cl in levels])
    return [
        {
            "item": item,
            "field": form[f"c{item.competence.pk}"],
            "examples": [
                (lv, statements.get((item.competence.pk, lv.number), []))
                for lv in scale
            ],
        }
        for item in levels
    ]


@login_required
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    people = (
        reports_of(request.user)
        .select_related("job_role", "department")
        .order_by("last_name", "first_name")
    )
    return render(request, "skills/team.html", {"people": people})


@login_required
def validate_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A manager confirms or adjusts the levels of someone in their team."""
    person = access_report_for(request.user, pk)
    version = _version()
    form = ValidationForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        _record_validation(request, person, form, version)
        return redirect("skills:validate", pk=person.pk)
    if request.method == "POST":
        messages.error(
            request,
            _("Nothing recorded: choose a level of the scale, or leave “No change”."),
        )
    return render(
        request,
        "skills/validate.html",
        {
            "person": person,
            "levels": current_levels(person, version),
            "scale": scale_of(version),
        },
    )


def _record_validation(
    request: AuthenticatedHttpRequest,
    person: User,
    form: ValidationForm,
    version: FrameworkVersion,
) -> None:
    """Record the manager's level as evidence and say what was recorded."""
    data = form.cleaned_data
    try:
        actions.record_evidence(
            person,
            competence=data["competence"],
            level=data["level"],
            source=Evidence.Source.MANAGER,
            recorded_by=request.user,
            note=data["note"],
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, str(error))
        return
    name = ProficiencyLevel.objects.get(version=version, number=data["level"]).name
    messages.success(
        request,
        _(
            "Recorded: %(competence)s at level %(level)s (%(name)s) for %(person)s, validated by you."
        )
        % {
            "competence": data["competence"],
            "level": data["level"],
            "name": name,
            "person": person,
        },
    )
