"""The plan's home page and the plans: edit, read, move through their
statuses, comment, download as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import AuthenticatedHttpRequest
from reporting.plan import actions, forms
from reporting.plan.models import Pilot, Plan
from reporting.plan.pdf import plan_pdf
from reporting.plan.queries import (
    access_plan_for,
    may_appoint_plan_managers,
    may_write_plans,
    plan_progress,
    practices_for,
    require_reader,
    require_writer,
    town_id,
    visible_community_ids,
)
from reporting.plan.views.common import _apply_errors, _error, _form_page


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_reader(request.user)
    town = town_id(request.user)
    practices = list(
        practices_for(request.user).select_related("organisation", "pilot", "community")
    )
    return render(
        request,
        "plan/home.html",
        {
            "pilots": Pilot.objects.filter(organisation_id=town).select_related(
                "department"
            ),
            "plans": Plan.objects.filter(organisation_id=town).annotate(
                action_count=Count("actions")
            ),
            "practices": practices,
            "visible_communities": visible_community_ids(request.user, practices),
            "may_write": may_write_plans(request.user),
            "may_appoint": may_appoint_plan_managers(request.user),
        },
    )


# --- plans -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    require_writer(request.user)
    plan = access_plan_for(request.user, pk, write=True) if pk else Plan()
    form = forms.PlanForm(request.POST or None, instance=plan)
    if form.is_valid():
        try:
            plan = actions.save_plan(form.save(commit=False), by=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
    back = plan.get_absolute_url() if plan.pk else "../"
    return _form_page(request, form, title=_("Local digital plan"), back=back)


@require_GET
@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan_for(request.user, pk)
    return render(
        request,
        "plan/plan_detail.html",
        {
            "plan": plan,
            "progress": plan_progress(plan),
            "transitions": plan.transitions.select_related("by"),
            "comments": plan.comments.select_related("author"),
            "comment_form": forms.CommentForm() if plan.is_open_for_comments else None,
            "may_write": may_write_plans(request.user),
            "statuses": Plan.Status,
        },
    )


@require_POST
@login_required
def plan_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan_for(request.user, pk, write=True)
    try:
        actions.move_plan(
            plan,
            by=request.user,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", "")[:2000],
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The plan's status is recorded."))
    return redirect(plan)


@require_POST
@login_required
def plan_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan_for(request.user, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment."))
        return redirect(plan)
    try:
        actions.comment_on(plan, by=request.user, body=form.cleaned_data["body"])
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Your comment is recorded."))
    return redirect(plan)


@require_GET
@login_required
def plan_pdf_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access_plan_for(request.user, pk)
    if plan.status != Plan.Status.ADOPTED:
        messages.error(request, _("The PDF is for an adopted plan."))
        return redirect(plan)
    content = plan_pdf(plan_progress(plan), language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.pdf"'
    return response
