from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import actions
from courses.certificates import certificate_pdf
from courses.forms import QuizAnswersForm
from courses.models import Assignment, Certificate, CoursePage, Enrolment, LessonPage
from courses.queries import (
    access_certificate_for,
    access_enrolment_for,
    access_learning_path_for,
    assignment_report,
    course_outline_for,
    learning_paths_managed_by,
    may_take_course,
    my_learning,
)
from courses.scoring import QuizResult
from lms.http import AuthenticatedHttpRequest
from lms.queries import organisations_administered_by


def _live_course(pk: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), pk=pk)


def _live_lesson(pk: int) -> LessonPage:
    return get_object_or_404(LessonPage.objects.live(), pk=pk)


@require_POST
@login_required
def enrol(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = _live_course(pk)
    if not may_take_course(request.user, course):
        raise Http404
    try:
        actions.enrol(request.user, course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(course.url)
    outline = course_outline_for(request.user, course)
    return redirect(outline.next_lesson.url if outline.next_lesson else course.url)


@require_POST
@login_required
def complete_lesson(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    lesson = _live_lesson(pk)
    enrolment = access_enrolment_for(request.user, lesson)
    try:
        actions.complete_lesson(enrolment, lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.url)
    if _course_finished(request, enrolment):
        return redirect("courses:my-learning")
    outline = course_outline_for(request.user, enrolment.course)
    return redirect(outline.next_lesson.url if outline.next_lesson else lesson.url)


@require_POST
@login_required
def submit_quiz(
    request: AuthenticatedHttpRequest, pk: int, block_id: str
) -> HttpResponse:
    lesson = _live_lesson(pk)
    enrolment = access_enrolment_for(request.user, lesson)
    quiz = next((b for b in lesson.quiz_blocks() if b.id == block_id), None)
    if quiz is None:
        raise Http404
    form = QuizAnswersForm(request.POST, quiz=quiz.value)
    if not form.is_valid():
        errors = " ".join(map(str, form.non_field_errors()))
        messages.error(request, errors or _("Check your answers."))
        return redirect(f"{lesson.url}#quiz-{block_id}")
    try:
        submission = actions.submit_quiz(
            enrolment,
            lesson=lesson,
            block_id=block_id,
            answers=form.cleaned_data["answers"],
            token=form.cleaned_data["token"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{lesson.url}#quiz-{block_id}")
    _announce(request, submission.result)
    if submission.completed is not None and _say_done(request, enrolment):
        return redirect("courses:my-learning")
    return redirect(f"{lesson.url}#quiz-{block_id}")


def _say_done(request: HttpRequest, enrolment: Enrolment) -> bool:
    """A passed quiz completed its lesson: say so, or that the whole course is
    done (True: the learner goes to My learning for the attestation)."""
    if _course_finished(request, enrolment):
        return True
    messages.success(request, _("Lesson done."))
    return False


def _course_finished(request: HttpRequest, enrolment: Enrolment) -> bool:
    """Whether the lesson just done finished the course; if so, say that its
    attestation is ready."""
    enrolment.refresh_from_db()
    if enrolment.is_complete:
        messages.success(request, _("Course completed: your attestation is ready."))
    return enrolment.is_complete


def _announce(request: HttpRequest, result: QuizResult) -> None:
    if result.passed:
        messages.success(
            request, _("Passed with %(score)s%%.") % {"score": result.percent}
        )
    else:
        messages.error(
            request, _("Not passed: %(score)s%%.") % {"score": result.percent}
        )


@login_required
def my_learning_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "courses/my_learning.html", my_learning(request.user))


@require_GET
@login_required
def certificate_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    certificate = access_certificate_for(request.user, pk)
    body = certificate_pdf(certificate, language=request.LANGUAGE_CODE)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="attestation-{certificate.code}.pdf"'
    )
    return response


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """Public: the form to type a code read on a printed attestation."""
    code = request.GET.get("code", "").upper().strip()
    if code:
        return redirect("courses:certificate-verify", code=code[:40])
    return render(request, "courses/certificate_verify.html", {"lookup": True})


@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: confirms a code with the holder's name, course, date and town only."""
    certificate = Certificate.objects.filter(code=code.upper().strip()).first()
    status = 200 if certificate else 404
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=status,
    )


@require_GET
@login_required
def assignment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.select_related("course", "organisation"),
        pk=pk,
        organisation__in=organisations_administered_by(request.user),
    )
    rows = assignment_report(assignment)
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["status"]] = totals.get(row["status"], 0) + 1
    return render(
        request,
        "courses/assignment_detail.html",
        {"assignment": assignment, "rows": rows, "totals": totals},
    )


@require_GET
@login_required
def learning_paths(request: AuthenticatedHttpRequest) -> HttpResponse:
    """HR: the recommended paths of their town, each with its courses."""
    paths = learning_paths_managed_by(request.user)
    return render(request, "courses/learning_paths.html", {"paths": paths})


@require_POST
@login_required
def learning_path_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    path = access_learning_path_for(request.user, pk)
    actions.withdraw_learning_path(path)
    messages.success(
        request,
        _("The recommended path “%(title)s” is withdrawn.") % {"title": path.title},
    )
    return redirect("courses:learning-paths")
