from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.queries import reports_of
from skills import actions
from skills.forms import LevelsForm, ValidationForm
from skills.models import CompetenceStatement, Evidence, ProficiencyLevel
from skills.queries import current_framework_version, current_levels


def _version():
    version = current_framework_version()
    if version is None:
        raise Http404
    return version


@login_required
def self_assessment(request: HttpRequest) -> HttpResponse:
    """Everyone rates themselves against the framework's "I can …" statements."""
    if request.user.is_elected:
        raise Http404
    version = _version()
    levels = current_levels(request.user, version)
    scale = list(ProficiencyLevel.objects.filter(version=version))
    form = LevelsForm(
        request.POST or None,
        competences=[cl.competence for cl in levels],
        top=len(scale),
    )
    if request.method == "POST" and form.is_valid():
        for competence, level in form.chosen_levels().items():
            actions.record_evidence(
                request.user,
                competence=competence,
                level=level,
                source=Evidence.Source.SELF,
                recorded_by=request.user,
            )
        messages.success(request, _("Your self-assessment is saved."))
        return redirect("skills:self-assessment")
    statements: dict[tuple[int, int], list[str]] = {}
    for statement in CompetenceStatement.objects.filter(
        competence__version=version, kind=CompetenceStatement.Kind.STATEMENT
    ).select_related("level"):
        key = (statement.competence_id, statement.level.number)
        if len(statements.setdefault(key, [])) < 2:
            statements[key].append(statement.text)
    rows = [
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
    return render(
        request,
        "skills/self_assessment.html",
        {"rows": rows, "scale": scale, "form": form, "version": version},
    )


@login_required
def team(request: HttpRequest) -> HttpResponse:
    people = (
        reports_of(request.user)
        .select_related("job_role", "department")
        .order_by("last_name", "first_name")
    )
    return render(request, "skills/team.html", {"people": people})


@login_required
def validate_member(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager confirms or adjusts the levels of someone in their team."""
    person = reports_of(request.user).filter(pk=pk).select_related("job_role").first()
    if person is None:
        raise Http404
    version = _version()
    form = ValidationForm(request.POST or None, version=version)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Choose a competence and a level of the scale."))
        else:
            try:
                actions.record_evidence(
                    person,
                    competence=form.cleaned_data["competence"],
                    level=form.cleaned_data["level"],
                    source=Evidence.Source.MANAGER,
                    recorded_by=request.user,
                    note=form.cleaned_data["note"],
                )
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Level recorded."))
            return redirect("skills:validate", pk=person.pk)
    scale = list(ProficiencyLevel.objects.filter(version=version))
    return render(
        request,
        "skills/validate.html",
        {"person": person, "levels": current_levels(person, version), "scale": scale},
    )
