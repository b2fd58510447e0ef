"""Who may open which course, lesson and attestation."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404, HttpRequest

from courses.models import (
    Certificate,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
)
from courses.tree_cache import cached_for_tree
from lms.models import Organisation, User


def courses_visible_to(user: User | AnonymousUser) -> QuerySet[CoursePage]:
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
    network = (
        Organisation.objects.filter(pk=user.organisation_id)
        .order_by()
        .values("network_id")
    )
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


def course_visible_to(user: User | AnonymousUser, course: CoursePage) -> bool:
    """``courses_visible_to``'s rule for one course already in hand, with no
    query: the course's live state, town, sharing and audience are the page's
    own fields (kept in the page tree cache with the page), the towns' networks
    come from ``town_networks``. ``test_access_rule.py`` checks that both agree
    for every persona and course kind."""
    if not course.live or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.organisation_id is None:
        return False
    if course.audience != CoursePage.Audience.BOTH and (
        course.audience
        != (
            CoursePage.Audience.ELECTED
            if user.is_elected
            else CoursePage.Audience.STAFF
        )
    ):
        return False
    if course.organisation_id == user.organisation_id:
        return True
    if course.sharing != CoursePage.Sharing.NETWORK:
        return False
    networks = town_networks()
    network = networks.get(user.organisation_id)
    return network is not None and networks.get(course.organisation_id) == network


def town_networks() -> dict[int, int | None]:
    """Each town's network (``None`` for a town on its own): a few dozen rows,
    the same for every reader, kept with the page tree cache, which a saved or
    deleted organisation empties."""
    return cached_for_tree(
        "town-networks",
        lambda: dict(Organisation.objects.values_list("pk", "network_id")),
    )


def require_course_access(request: HttpRequest, course: CoursePage) -> None:
    """404 unless the person may take the course (authors previewing may too).

    No query: the course's fields (and its town, which the page names) come
    with the page from the page tree cache, the rule is ``course_visible_to``.
    The person's enrolment is read with their progress (``course_outline_for``).
    """
    if (
        getattr(request, "is_preview", False)
        and course.permissions_for_user(request.user).can_edit()
    ):
        return
    if not course_visible_to(request.user, course):
        raise Http404


def visible_course_of(user: User | AnonymousUser, lesson: LessonPage) -> CoursePage:
    """The lesson's course if ``user`` may take it (404 otherwise); no query when
    the lesson came from the page tree cache, which keeps its course with it."""
    course = lesson.course
    if not course_visible_to(user, course):
        raise Http404
    return course


# Enrolments belong to the course's source page (``TranslatedPage``), so the
# enrolment is matched by translation key: reading a translation finds it too.
def enrolments_in(
    course: CoursePage | OuterRef, user: User | AnonymousUser
) -> QuerySet[Enrolment]:
    """The person's enrolment in the course, read in any of its languages (one
    row at most: one enrolment per person and source course)."""
    key = course if isinstance(course, OuterRef) else course.translation_key
    return Enrolment.objects.filter(user=user.pk, course__translation_key=key)


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


def enrolment_for(user: User | AnonymousUser, course: CoursePage) -> Enrolment | None:
    """The person's enrolment in the course; no query when the access check of
    this request already read it."""
    if not user.is_authenticated:
        return None
    known = course.__dict__.get("_enrolments", {})
    if user.pk in known:
        return known[user.pk]
    return enrolments_in(course, user).first()


def one_per_course(
    courses: QuerySet[CoursePage], language: str
) -> QuerySet[CoursePage]:
    """Each course of ``courses`` once: its page in ``language`` when it is among
    them, otherwise its source (or, the source being out of ``courses``, its
    first translation there)."""
    same = courses.filter(translation_key=OuterRef("translation_key"))
    return courses.filter(
        Q(locale__language_code=language)
        | (
            ~Exists(same.filter(locale__language_code=language))
            & ~Exists(same.filter(pk__lt=OuterRef("pk")))
        )
    )


def source_courses(courses: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """The source pages among ``courses`` (no translation of an earlier page)."""
    earlier = CoursePage.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return courses.filter(~Exists(earlier))


def lessons_of(course: CoursePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.child_of(course).live().order_by("path")


def lesson_is_reachable(enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Every live lesson before this one in the course is completed.

    A translation of a lesson sits in its own tree: its place in the course is
    its source's (one query more for a translation, none for a source)."""
    course = enrolment.course
    if not lesson.path.startswith(course.path):
        lesson = lesson.source
    earlier = (
        LessonPage.objects.child_of(course)
        .live()
        .filter(path__lt=lesson.path)
        .values("pk")
    )
    done = LessonCompletion.objects.filter(enrolment=enrolment, lesson__in=earlier)
    return done.count() == earlier.count()


def access_certificate_for(user: User, pk: int) -> Certificate:
    certificate = (
        Certificate.objects.filter(pk=pk, enrolment__user=user)
        .select_related("enrolment__course")
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


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
        if user.organisation_id is not None
        else None
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
