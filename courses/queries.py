"""Reads for learners, authors and HR: who may see which course, and where they are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from courses import scorm_runtime
from courses.models import (
    Assignment,
    Certificate,
    CoursePage,
    Enrolment,
    H5PPackage,
    H5PResult,
    H5PUserData,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    ScormAttempt,
    ScormPackage,
    ScormSco,
    ScormScoState,
)
from courses.permission_policies import h5p_package_policy, scorm_package_policy
from lms.models import Department, Organisation, User


def courses_visible_to(user: User) -> QuerySet[CoursePage]:
    """Live courses of the person's own town, plus those their network shares.

    Elected officials see courses for elected officials; staff see staff courses.
    Platform admins see everything.
    """
    courses = CoursePage.objects.live()
    if not user.is_authenticated:
        return courses.none()
    if user.is_superuser:
        return courses
    if user.organisation_id is None:
        return courses.none()
    # The person's network as a subquery: no extra round trip per request.
    network = Organisation.objects.filter(pk=user.organisation_id).values("network_id")
    scope = Q(organisation_id=user.organisation_id) | Q(
        organisation__network_id=Subquery(network),
        organisation__network__isnull=False,
        sharing=CoursePage.Sharing.NETWORK,
    )
    audience = (
        [CoursePage.Audience.ELECTED, CoursePage.Audience.BOTH]
        if user.is_elected
        else [CoursePage.Audience.STAFF, CoursePage.Audience.BOTH]
    )
    return courses.filter(scope, audience__in=audience)


def may_take_course(user: User, course: CoursePage) -> bool:
    return courses_visible_to(user).filter(pk=course.pk).exists()


def require_course_access(request: HttpRequest, course: CoursePage) -> None:
    """404 unless the person may take the course (authors previewing may too)."""
    if (
        getattr(request, "is_preview", False)
        and course.permissions_for_user(request.user).can_edit()
    ):
        return
    name = (
        courses_visible_to(request.user)
        .filter(pk=course.pk)
        .values_list("organisation__name", flat=True)
        .first()
    )
    if name is None:
        raise Http404
    course.organisation_name = name  # spares the template a query


def require_lesson_access(request: HttpRequest, lesson: LessonPage) -> None:
    """A lesson opens for an enrolled learner once every earlier lesson is done."""
    require_course_access(request, lesson.course)
    if getattr(request, "is_preview", False):
        return
    outline = course_outline_for(request.user, lesson.course)
    item = next((i for i in outline.items if i.lesson.pk == lesson.pk), None)
    if outline.enrolment is None or item is None or not (item.reachable or item.done):
        raise PermissionDenied
    lesson.outline = outline


def access_enrolment_for(user: User, lesson: LessonPage) -> Enrolment:
    """The person's enrolment in the lesson's course: 404 if they may not take the
    course at all, 403 if they may but have not enrolled."""
    course = lesson.course
    if not may_take_course(user, course):
        raise Http404
    enrolment = enrolment_for(user, course)
    if enrolment is None:
        raise PermissionDenied
    return enrolment


def enrolment_for(user: User, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def lessons_of(course: CoursePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.child_of(course).live().order_by("path")


def lesson_is_reachable(enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Every live lesson before this one in the course is completed."""
    earlier = (
        LessonPage.objects.child_of(enrolment.course)
        .live()
        .filter(path__lt=lesson.path)
        .values("pk")
    )
    done = LessonCompletion.objects.filter(enrolment=enrolment, lesson__in=earlier)
    return done.count() == earlier.count()


@dataclass
class OutlineItem:
    lesson: LessonPage
    done: bool
    reachable: bool
    url: str = ""


@dataclass
class CourseOutline:
    enrolment: Enrolment | None
    items: list[OutlineItem] = field(default_factory=list)
    next_lesson: LessonPage | None = None

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        if not self.items:
            return 0
        return round(100 * self.done_count / len(self.items))


def course_outline_for(user: User, course: CoursePage) -> CourseOutline:
    """The lessons in order with the learner's progress: three queries at most."""
    enrolment = enrolment_for(user, course)
    lessons = list(
        lessons_of(course).only(
            "pk", "title", "slug", "path", "url_path", "estimated_minutes"
        )
    )
    done: set[int] = set()
    if enrolment is not None:
        done = set(
            LessonCompletion.objects.filter(enrolment=enrolment).values_list(
                "lesson_id", flat=True
            )
        )
    outline = CourseOutline(enrolment=enrolment)
    reachable = enrolment is not None
    # Lessons are the course's children: their URL is the course's plus a slug,
    # without Wagtail resolving sites once per link.
    course_url = course.url or ""
    for lesson in lessons:
        item = OutlineItem(
            lesson=lesson,
            done=lesson.pk in done,
            reachable=reachable,
            url=f"{course_url}{lesson.slug}/",
        )
        outline.items.append(item)
        if not item.done:
            if reachable and outline.next_lesson is None:
                outline.next_lesson = lesson
            reachable = False
    return outline


def lesson_state_for(user: User, lesson: LessonPage) -> dict[str, Any]:
    """Everything a lesson page shows about the learner: progress, quiz attempts."""
    course = lesson.course
    outline = getattr(lesson, "outline", None) or course_outline_for(user, course)
    quizzes: dict[str, QuizState] = {}
    done_activities: set[str] = set()
    if outline.enrolment is not None:
        quizzes = quiz_states(outline.enrolment, lesson)
        done_activities = done_activity_blocks(outline.enrolment, lesson)
    index = next(
        (i for i, item in enumerate(outline.items) if item.lesson.pk == lesson.pk), 0
    )
    item = outline.items[index] if outline.items else None
    return {
        "course": course,
        "outline": outline,
        "lesson_done": bool(item and item.done),
        "previous_lesson": outline.items[index - 1].lesson if index > 0 else None,
        "next_lesson": outline.items[index + 1].lesson
        if index + 1 < len(outline.items)
        else None,
        "quiz_states": quizzes,
        "done_activities": done_activities,
    }


def done_activity_blocks(enrolment: Enrolment, lesson: LessonPage) -> set[str]:
    """Ids of the lesson's H5P blocks with a passing result and SCORM blocks with
    a complete attempt (a query only for the kinds the lesson holds)."""
    done: set[str] = set()
    if lesson.h5p_blocks():
        done.update(
            H5PResult.objects.filter(
                enrolment=enrolment, lesson=lesson, passed=True
            ).values_list("block_id", flat=True)
        )
    if lesson.scorm_blocks():
        done.update(
            ScormAttempt.objects.filter(
                enrolment=enrolment, lesson=lesson, completed_at__isnull=False
            ).values_list("block_id", flat=True)
        )
    return done


@dataclass
class QuizState:
    attempts: int
    passed: bool
    last: QuizAttempt | None


def quiz_states(enrolment: Enrolment, lesson: LessonPage) -> dict[str, QuizState]:
    """Per quiz block: how many attempts, whether one passed, and the last one.

    Two queries whatever the number of attempts (unlimited quizzes pile them up).
    """
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson)
    stats = list(
        attempts.values("block_id").annotate(
            count=Count("pk"),
            last_number=Max("number"),
            passed_count=Count("pk", filter=Q(passed=True)),
        )
    )
    if not stats:
        return {}
    last_filter = Q()
    for row in stats:
        last_filter |= Q(block_id=row["block_id"], number=row["last_number"])
    last = {a.block_id: a for a in attempts.filter(last_filter)}
    return {
        row["block_id"]: QuizState(
            attempts=row["count"],
            passed=row["passed_count"] > 0,
            last=last.get(row["block_id"]),
        )
        for row in stats
    }


def catalogue_for(user: User, params: Any) -> dict[str, Any]:
    """The catalogue page's listing, filtered by audience, duration, tag and text."""
    from courses.forms import CatalogueFilterForm

    form = CatalogueFilterForm(params or None)
    courses = courses_visible_to(user).select_related("organisation")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("language"):
            courses = courses.filter(language=data["language"])
        if data.get("audience"):
            courses = courses.filter(
                audience__in=[data["audience"], CoursePage.Audience.BOTH]
            )
        if data.get("max_minutes"):
            courses = courses.filter(duration_minutes__lte=data["max_minutes"])
        if data.get("competence"):
            courses = courses.filter(competences__slug=data["competence"])
        if data.get("q"):
            courses = courses.filter(
                Q(title__icontains=data["q"]) | Q(summary__icontains=data["q"])
            )
    enrolled = Enrolment.objects.filter(user=user, course=OuterRef("pk"))
    courses = (
        courses.annotate(is_enrolled=Exists(enrolled))
        .prefetch_related("competences")
        .order_by("title")
        .distinct()
    )
    return {"filter_form": form, "courses": courses}


@dataclass
class AssignedCourse:
    assignment: Assignment
    due: dt.date | None
    enrolment: Enrolment | None

    @property
    def status(self) -> str:
        return assignment_status(self.due, self.enrolment)


def assignment_status(due: dt.date | None, enrolment: Enrolment | None) -> str:
    """done (on time) / late_done / late / in_progress / not_started."""
    today = timezone.localdate()
    if enrolment is not None and enrolment.completed_at is not None:
        finished = timezone.localtime(enrolment.completed_at).date()
        return "done" if due is None or finished <= due else "done_late"
    if due is not None and today > due:
        return "late"
    return "in_progress" if enrolment is not None else "not_started"


def due_date_for(assignment: Assignment, person: User) -> dt.date | None:
    if assignment.due_kind == Assignment.DueKind.FIXED:
        return assignment.due_date
    if person.hire_date is None or assignment.due_days is None:
        return None
    return person.hire_date + dt.timedelta(days=assignment.due_days)


def assignees_of(assignment: Assignment) -> QuerySet[User]:
    """Active people of the assignment's town whom it targets, now."""
    people = User.objects.filter(
        organisation_id=assignment.organisation_id, is_active=True
    )
    condition = Q(pk__in=assignment.people.values("pk"))
    paths = list(assignment.departments.values_list("path", flat=True))
    for path in paths:
        condition |= Q(department__path__startswith=path, kind=User.Kind.STAFF)
    roles = assignment.job_roles.values("pk")
    condition |= Q(job_role__in=roles, kind=User.Kind.STAFF)
    if assignment.include_elected:
        condition |= Q(kind=User.Kind.ELECTED)
    return people.filter(condition).distinct()


def assignments_for(user: User) -> QuerySet[Assignment]:
    """Live assignments that target ``user`` now (one query)."""
    if user.organisation_id is None:
        return Assignment.objects.none()
    condition = Q(people=user)
    if user.is_elected:
        condition |= Q(include_elected=True)
    else:
        if user.job_role_id:
            condition |= Q(job_roles=user.job_role_id)
        if user.department_id:
            # Assigned to the person's department or to any department above it:
            # with materialised paths, those are the prefixes of its path.
            path = user.department.path
            step = Department.steplen
            prefixes = [path[:end] for end in range(step, len(path) + 1, step)]
            condition |= Q(departments__path__in=prefixes)
    return (
        Assignment.objects.filter(organisation_id=user.organisation_id)
        .filter(condition, course__live=True)
        .select_related("course")
        .distinct()
    )


def my_learning(user: User) -> dict[str, Any]:
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "certificate")
        .order_by("-enrolled_at")
    )
    by_course = {e.course_id: e for e in enrolments}
    assigned = [
        AssignedCourse(
            assignment=a,
            due=due_date_for(a, user),
            enrolment=by_course.get(a.course_id),
        )
        for a in assignments_for(user)
    ]
    assigned.sort(key=lambda item: (item.due is None, item.due))
    track = []
    if user.is_elected:
        started = set(by_course)
        track = [
            c for c in courses_visible_to(user).order_by("title") if c.pk not in started
        ]
    return {
        "track": track,
        "in_progress": [e for e in enrolments if not e.is_complete],
        "completed": [e for e in enrolments if e.is_complete],
        "assigned": assigned,
    }


def access_certificate_for(user: User, pk: int) -> Certificate:
    certificate = (
        Certificate.objects.filter(pk=pk, enrolment__user=user)
        .select_related("enrolment__course")
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


def assignment_report(assignment: Assignment) -> list[dict[str, Any]]:
    """Each assignee with their due date and status (done, late, …): two queries."""
    people = list(
        assignees_of(assignment)
        .select_related("department")
        .order_by("last_name", "first_name")
    )
    enrolments = {
        e.user_id: e
        for e in Enrolment.objects.filter(
            course_id=assignment.course_id,
            user__in=assignees_of(assignment).values("pk"),
        )
    }
    rows = []
    for person in people:
        due = due_date_for(assignment, person)
        enrolment = enrolments.get(person.pk)
        rows.append(
            {"person": person, "due": due, "status": assignment_status(due, enrolment)}
        )
    return rows


def recommended_courses(
    user: User, levels: list[Any], *, limit: int = 5
) -> list[dict[str, Any]]:
    """Courses that address the person's largest gaps, best first.

    ``levels``: ``skills.queries.CompetenceLevel`` items. A course scores the sum of
    the gaps it can close (only where it demonstrates a level above the current
    one); courses already completed are left out. One query.
    """
    from courses.models import CourseCompetence

    gaps = {item.competence.pk: item for item in levels if item.gap > 0}
    if not gaps:
        return []
    links = (
        CourseCompetence.objects.filter(
            competence_id__in=gaps,
            course__in=courses_visible_to(user),
            course__language=user.preferred_language,
        )
        .exclude(
            course__enrolments__user=user,
            course__enrolments__completed_at__isnull=False,
        )
        .select_related("course", "competence")
    )
    ranked: dict[int, dict[str, Any]] = {}
    for link in links:
        item = gaps[link.competence_id]
        if link.level <= item.level:
            continue
        entry = ranked.setdefault(
            link.course_id, {"course": link.course, "score": 0, "competences": []}
        )
        entry["score"] += min(link.level, item.expected or 0) - item.level
        entry["competences"].append(link.competence)
    return sorted(ranked.values(), key=lambda e: (-e["score"], e["course"].title))[
        :limit
    ]


def courses_for_gaps(
    user: User, gaps: dict[int, int], *, limit: int = 5
) -> list[dict[str, Any]]:
    """Courses ``user`` may take, ranked by the total gap (competence id → points)
    of the competences they demonstrate. One query."""
    from courses.models import CourseCompetence

    if not gaps:
        return []
    ranked: dict[int, dict[str, Any]] = {}
    for link in CourseCompetence.objects.filter(
        competence_id__in=gaps,
        course__in=courses_visible_to(user),
        course__language=user.preferred_language,
    ).select_related("course", "competence"):
        entry = ranked.setdefault(
            link.course_id, {"course": link.course, "score": 0, "competences": []}
        )
        entry["score"] += gaps[link.competence_id]
        entry["competences"].append(link.competence)
    return sorted(ranked.values(), key=lambda e: (-e["score"], e["course"].title))[
        :limit
    ]


def h5p_user_data_for(
    user: User, *, package: H5PPackage, lesson_pk: int | None, block_id: str
) -> dict[str, dict[str, str]]:
    """What the person's content saved in this block, shaped as H5P preloads it:
    ``{subContentId: {dataType: json}}``. Nothing for anyone else's, ever."""
    if not user.is_authenticated or lesson_pk is None:
        return {}
    saved: dict[str, dict[str, str]] = {}
    rows = H5PUserData.objects.filter(
        enrolment__user=user, lesson_id=lesson_pk, block_id=block_id, package=package
    ).values_list("sub_content_id", "data_type", "data")
    for sub_content_id, data_type, data in rows:
        saved.setdefault(sub_content_id, {})[data_type] = data
    return saved


@dataclass
class H5PStatistics:
    learners: int
    completed: int
    attempts: int
    average_score: float | None
    questions: list[dict[str, Any]]

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.learners if self.learners else None


def h5p_statistics(package: H5PPackage, viewer: User) -> H5PStatistics:
    """How learners fare with one package, wherever it is used.

    A learner has started once the content saved state or sent a result or an
    answer; completed once a result reached the block's pass mark. Authors and HR
    see their own town's learners; platform admins see everyone.
    """
    scope = (
        Q()
        if viewer.is_superuser
        else Q(enrolment__user__organisation_id=viewer.organisation_id)
    )
    results = package.results.filter(scope)
    answers = package.answers.filter(scope)
    totals = results.aggregate(
        attempts=Count("pk"),
        average=Avg("scaled"),
        completed=Count("enrolment", filter=Q(passed=True), distinct=True),
    )
    learners = (
        results.values("enrolment_id")
        .union(
            answers.values("enrolment_id"),
            package.user_data.filter(scope).values("enrolment_id"),
        )
        .count()
    )
    questions = list(
        answers.values("sub_content_id")
        .annotate(
            question=Max("question"),
            interaction_type=Max("interaction_type"),
            answers=Count("pk"),
            correct=Count("pk", filter=Q(success=True)),
            average=Avg("scaled"),
            first=Min("pk"),
        )
        .order_by("first")
    )
    for row in questions:
        row["success_rate"] = row["correct"] / row["answers"]
    return H5PStatistics(
        learners=learners,
        completed=totals["completed"],
        attempts=totals["attempts"],
        average_score=None if totals["average"] is None else float(totals["average"]),
        questions=questions,
    )


@dataclass
class ScormPlayerState:
    """What the SCORM player shows: the SCOs in manifest order with their state,
    the one being launched, and where Previous and Next lead."""

    attempt: ScormAttempt
    scos: list[ScormSco]
    states: dict[int, ScormScoState]
    current: ScormSco | None
    previous: ScormSco | None = None
    next: ScormSco | None = None

    def url_of(self, sco: ScormSco | None) -> str:
        if sco is None:
            return ""
        attempt = self.attempt
        url = reverse(
            "courses:scorm-player", args=[attempt.lesson_id, attempt.block_id]
        )
        return f"{url}?{urlencode({'sco': sco.identifier})}"

    def status_of(self, sco: ScormSco) -> str:
        state = self.states.get(sco.pk)
        if state is None:
            return "not attempted"
        if state.satisfied:
            return "completed"
        if state.success_status == "failed":
            return "failed"
        return "incomplete"

    @property
    def toc(self) -> list[dict[str, Any]]:
        """The visible items of the manifest's tree, each with its SCO's status."""
        by_identifier = {sco.identifier: sco for sco in self.scos}

        def walk(nodes: list[dict[str, Any]], depth: int) -> list[dict[str, Any]]:
            rows = []
            for node in nodes:
                if node.get("hidden"):
                    continue
                sco = by_identifier.get(node["identifier"])
                rows.append(
                    {
                        "title": node["title"],
                        "depth": depth,
                        "sco": sco,
                        "url": self.url_of(sco),
                        "status": self.status_of(sco) if sco else "",
                        "current": sco is not None and sco == self.current,
                    }
                )
                rows.extend(walk(node.get("children", []), depth + 1))
            return rows

        return walk(self.attempt.package.structure, 0)

    def launch_data(self, user: User, state: ScormScoState) -> dict[str, Any]:
        sco = state.sco
        return scorm_runtime.launch_data(
            version=self.attempt.package.version,
            learner_id=str(user.pk),
            learner_name=f"{user.last_name}, {user.first_name}".strip(", ")
            or user.username,
            saved=state.cmi,
            completion=state.completion_status,
            success=state.success_status,
            exit=state.exit,
            first_launch=state.launches <= 1,
            total_seconds=state.closed_seconds,
            data_from_lms=sco.data_from_lms,
            mastery_score=sco.mastery_score,
            scaled_passing_score=sco.scaled_passing_score,
        )


def scorm_player_state(attempt: ScormAttempt, requested: str) -> ScormPlayerState:
    """The SCO asked for (any visible one: sequencing rules never lock a learner
    out), else the first visible SCO not yet completed, else the first."""
    scos = list(ScormSco.objects.filter(package=attempt.package_id))
    states = {s.sco_id: s for s in ScormScoState.objects.filter(attempt=attempt)}
    player = ScormPlayerState(attempt=attempt, scos=scos, states=states, current=None)
    visible = [sco for sco in scos if sco.visible]
    current = next((sco for sco in visible if sco.identifier == requested), None)
    if current is None:
        current = next(
            (sco for sco in visible if player.status_of(sco) != "completed"),
            visible[0] if visible else None,
        )
    player.current = current
    if current is not None:
        index = visible.index(current)
        player.previous = visible[index - 1] if index > 0 else None
        player.next = visible[index + 1] if index + 1 < len(visible) else None
    return player


def pages_hidden_from(user: User) -> Q | None:
    """Course pages of other towns that ``user`` may not see in the back office:
    drafts and private courses (with their lessons), and every course of a town
    outside the person's network. ``None`` when nothing is hidden (platform admins).
    """
    if user.is_active and user.is_superuser:
        return None
    network_id = (
        Organisation.objects.filter(pk=user.organisation_id)
        .values_list("network_id", flat=True)
        .first()
    )
    hidden_courses = CoursePage.objects.exclude(
        organisation_id=user.organisation_id
    ).exclude(
        live=True,
        sharing=CoursePage.Sharing.NETWORK,
        organisation__network_id=network_id,
    )
    condition = Q(pk__in=[])
    for path in hidden_courses.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def access_h5p_package_for(user: User, key: Any, lesson_pk: int | None) -> H5PPackage:
    """The package ``user`` may play: one they may see in the back office (their
    town's, a shared one; platform admins: all), or one a live lesson of a course
    they may take uses. 404 otherwise, so a key reveals nothing."""
    package = get_object_or_404(H5PPackage, key=key)
    visible = h5p_package_policy.visible_to(user, H5PPackage.objects.all())
    if visible.filter(pk=package.pk).exists():
        return package
    lesson = (
        LessonPage.objects.live().filter(pk=lesson_pk).first() if lesson_pk else None
    )
    uses_it = lesson is not None and any(
        getattr(block.value.get("package"), "pk", None) == package.pk
        for block in lesson.h5p_blocks()
    )
    if uses_it and may_take_course(user, lesson.course):
        return package
    raise Http404


def may_open_scorm_package(user: User, package: ScormPackage) -> bool:
    """Whether ``user`` may load the package's files: they have an attempt at it
    (the player grants one only after its access checks), or may see it in the
    back office (authors previewing; platform admins)."""
    if ScormAttempt.objects.filter(
        package=package, enrolment__user_id=user.pk
    ).exists():
        return True
    visible = scorm_package_policy.visible_to(user, ScormPackage.objects.all())
    return visible.filter(pk=package.pk).exists()
