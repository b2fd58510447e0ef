"""Pages of the pilots and the local digital plan. Each begins with an access
helper of ``reporting.plan.queries`` (HR writes, officials read and comment)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, prefetch_related_objects
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import CoursePage
from lms.http import AuthenticatedHttpRequest
from reporting.plan import actions, forms
from reporting.plan.models import Action, Pilot, Plan
from reporting.plan.pdf import plan_pdf
from reporting.plan.queries import (
    access_action_for,
    access_milestone_for,
    access_pilot_for,
    access_plan_for,
    access_plan_manager_for,
    access_practice_for,
    action_gap,
    action_progress,
    courses_closing,
    may_appoint_plan_managers,
    may_write_plans,
    pilot_team_growth,
    plan_managers_of,
    plan_progress,
    practices_for,
    require_appointer,
    require_reader,
    require_writer,
    town_id,
    visible_community_ids,
)


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


# --- plan managers -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def managers(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR of the town lists its plan managers and names another among the
    town's active people. A person who is not one of them (another town's, a
    forged id) is not found: 404, the page says why, nothing is written."""
    require_appointer(request.user)
    form = forms.PlanManagerForm(request.POST or None, user=request.user)
    status = 200
    if form.is_valid():
        try:
            manager = actions.appoint_plan_manager(
                form.cleaned_data["person"], by=request.user
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now a plan manager.")
                % {"person": _full_name(manager.person)},
            )
            return redirect("plan:managers")
    if form.is_bound:
        codes = {e.code for e in form.errors.as_data().get("person", [])}
        status = 404 if "invalid_choice" in codes else 400
    return render(
        request,
        "plan/managers.html",
        {"managers": plan_managers_of(request.user), "form": form},
        status=status,
    )


@require_POST
@login_required
def manager_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    manager = access_plan_manager_for(request.user, pk)
    actions.remove_plan_manager(manager)
    messages.success(
        request,
        _("%(person)s is no longer a plan manager.")
        % {"person": _full_name(manager.person)},
    )
    return redirect("plan:managers")


def _full_name(person: Any) -> str:
    return str(person.get_full_name() or person.username)


# --- pilots ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def pilot_edit(
    request: AuthenticatedHttpRequest, pk: int | None = None
) -> HttpResponse:
    require_writer(request.user)
    pilot = access_pilot_for(request.user, pk, write=True) if pk else Pilot()
    form = forms.PilotForm(request.POST or None, instance=pilot, user=request.user)
    if form.is_valid():
        try:
            pilot = actions.save_pilot(
                form.save(commit=False),
                by=request.user,
                team=form.cleaned_data["team"],
                competences=form.cleaned_data["competences"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The pilot is saved."))
            return redirect(pilot)
    back = pilot.get_absolute_url() if pilot.pk else "../"
    return _form_page(request, form, title=_("Pilot"), back=back)


@require_GET
@login_required
def pilot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk)
    may_write = may_write_plans(request.user)
    practice = getattr(pilot, "practice", None)
    return render(
        request,
        "plan/pilot_detail.html",
        {
            "pilot": pilot,
            "team_size": pilot.team.count(),
            "competences": pilot.competences.all(),
            "growth": pilot_team_growth(pilot),
            "actions": pilot.actions.select_related("plan"),
            "practice": practice,
            "may_write": may_write,
            "decision_form": forms.DecisionForm(
                initial={"decision": pilot.decision, "results": pilot.results}
            )
            if may_write
            else None,
            "publish_form": forms.PublishForm(user=request.user, pilot=pilot)
            if may_write and practice is None
            else None,
            "community_form": forms.PracticeCommunityForm(
                instance=practice, user=request.user, pilot=pilot
            )
            if may_write and practice is not None
            else None,
            "community_visible": bool(
                practice and visible_community_ids(request.user, [practice])
            ),
        },
    )


@require_POST
@login_required
def pilot_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk, write=True)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and describe the results."))
        return redirect(pilot)
    try:
        actions.decide_pilot(pilot, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect(pilot)


@require_http_methods(["GET", "POST"])
@login_required
def pilot_scale(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk, write=True)
    form = forms.ScaleForm.for_pilot(request.POST or None, pilot, user=request.user)
    if form.is_valid():
        try:
            action = actions.scale_pilot(
                pilot,
                plan=form.cleaned_data["plan"],
                action=form.save(commit=False),
                competences=list(form.cleaned_data["competences"]),
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The pilot is now an action of the plan."))
            return redirect(action)
    return _form_page(
        request,
        form,
        title=_("Scale “%(pilot)s” into a plan action") % {"pilot": pilot},
        back=pilot.get_absolute_url(),
    )


@require_POST
@login_required
def pilot_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = access_pilot_for(request.user, pk, write=True)
    form = forms.PublishForm(request.POST, user=request.user, pilot=pilot)
    if not form.is_valid():
        messages.error(
            request,
            _("Say what other towns should know.")
            if "summary" in form.errors
            else _("Choose a community open to your network."),
        )
        return redirect(pilot)
    try:
        actions.publish_practice(
            pilot,
            by=request.user,
            summary=form.cleaned_data["summary"],
            community=form.cleaned_data["community"],
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The practice is shared with your network."))
    return redirect(pilot)


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


# --- the network -------------------------------------------------------------


@require_GET
@login_required
def practice_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A practice of the network: what it is, who credits it, where it is
    discussed (HR and officials of the towns of the network)."""
    practice = access_practice_for(request.user, pk, write=False)
    return render(
        request,
        "plan/practice_detail.html",
        {
            "practice": practice,
            "competences": practice.pilot.competences.all(),
            "community_visible": bool(visible_community_ids(request.user, [practice])),
            "may_adopt": may_write_plans(request.user)
            and practice.organisation_id != request.user.organisation_id,
        },
    )


@require_POST
@login_required
def practice_community(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """HR of the practice's own town names the community where it is discussed."""
    practice = access_practice_for(request.user, pk)
    if practice.organisation_id != request.user.organisation_id:
        raise Http404
    form = forms.PracticeCommunityForm(
        request.POST, instance=practice, user=request.user, pilot=practice.pilot
    )
    if not form.is_valid():
        messages.error(request, _("Choose a community open to your network."))
        return redirect(practice.pilot)
    try:
        actions.link_practice_to_community(practice, form.cleaned_data["community"])
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The community of the practice is saved."))
    return redirect(practice.pilot)


@require_http_methods(["GET", "POST"])
@login_required
def practice_adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = access_practice_for(request.user, pk)
    form = forms.AdoptForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            action = actions.adopt_practice(practice, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The practice is now an action of your plan."))
            return redirect(action)
    return _form_page(
        request,
        form,
        title=_("Adopt “%(pilot)s”, a practice of %(town)s")
        % {"pilot": practice.pilot, "town": practice.organisation},
        back="../../",
    )
