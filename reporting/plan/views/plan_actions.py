"""A plan's actions: edit, read (with the skills gap and the courses that
close it), milestones, indicator values, mandatory training and recommended
paths from the gap."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import CoursePage
from lms.http import AuthenticatedHttpRequest
from reporting.plan import actions, forms
from reporting.plan.models import Action
from reporting.plan.queries import (
    access_action_for,
    access_milestone_for,
    access_plan_for,
    action_gap,
    action_progress,
    courses_closing,
    may_write_plans,
)
from reporting.plan.views.common import _apply_errors, _error, _form_page

# --- actions -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(
    request: AuthenticatedHttpRequest,
    plan_pk: int | None = None,
    pk: int | None = None,
) -> HttpResponse:
    if pk:
        action = access_action_for(request.user, pk, write=True)
    else:
        action = Action(plan=access_plan_for(request.user, plan_pk or 0, write=True))
    form = forms.ActionForm(request.POST or None, instance=action, user=request.user)
    if form.is_valid():
        try:
            action = actions.save_action(
                form.save(commit=False),
                competences=list(form.cleaned_data["competences"]),
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return redirect(action)
    back = action.get_absolute_url() if action.pk else action.plan.get_absolute_url()
    return _form_page(request, form, title=_("Plan action"), back=back)


@require_GET
@login_required
def action_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = access_action_for(request.user, pk)
    prefetch_related_objects([action], "milestones", "values")
    may_write = may_write_plans(request.user)
    gap = action_gap(action)
    proposals = courses_closing(request.user, gap) if may_write else []
    return render(
        request,
        "plan/action_detail.html",
        {
            "action": action,
            "progress": action_progress(action),
            "milestones": action.milestones.all(),
            "values": action.values.all(),
            "gap": gap,
            "proposals": proposals,
            "assignments": action.assignments.select_related("course"),
            "may_write": may_write,
            "milestone_form": forms.MilestoneForm(prefix="m"),
            "value_form": forms.ValueForm(prefix="v"),
            "due_date": action.ends_on,
        },
    )


def _posted(
    request: AuthenticatedHttpRequest, form: BaseForm, action: Action, write: Any
) -> HttpResponse:
    if not form.is_valid():
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
        return redirect(action)
    try:
        write(**form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(action)


@require_POST
@login_required
def action_milestone(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = access_action_for(request.user, pk, write=True)
    form = forms.MilestoneForm(request.POST, prefix="m")
    return _posted(
        request, form, action, lambda **data: actions.add_milestone(action, **data)
    )


@require_POST
@login_required
def milestone_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    milestone = access_milestone_for(request.user, pk)
    actions.complete_milestone(milestone)
    messages.success(request, _("Milestone done."))
    return redirect(milestone.action)


@require_POST
@login_required
def action_value(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = access_action_for(request.user, pk, write=True)
    form = forms.ValueForm(request.POST, prefix="v")
    return _posted(
        request,
        form,
        action,
        lambda **data: actions.record_value(action, by=request.user, **data),
    )


@require_POST
@login_required
def action_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = access_action_for(request.user, pk, write=True)
    proposed = [p.course.pk for p in courses_closing(request.user, action_gap(action))]
    form = forms.AssignForm(
        request.POST,
        courses=courses_closing_queryset(proposed),
    )
    return _posted(
        request,
        form,
        action,
        lambda **data: actions.assign_training(action, by=request.user, **data),
    )


@require_POST
@login_required
def action_path(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The courses that close the gap, in their order, become a recommended
    path for the action's department (once: a second click changes nothing)."""
    action = access_action_for(request.user, pk, write=True)
    proposed = [p.course for p in courses_closing(request.user, action_gap(action))]
    try:
        path = actions.recommend_path(action, by=request.user, courses=proposed)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            _("The path “%(title)s” is recommended to %(department)s.")
            % {"title": path.title, "department": action.department.name},
        )
    return redirect(action)


def courses_closing_queryset(pks: list[int]) -> Any:
    return CoursePage.objects.filter(pk__in=pks)
