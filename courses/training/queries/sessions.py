"""Reads of training sessions: who may see, register, decide and mark what;
seats left; attended sessions and the hours they count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from courses.models import CourseCompetence
from courses.training.models import (
    Attendance,
    OpenSeats,
    Registration,
    SatisfactionAnswer,
    SessionSlot,
    SignedSheet,
    Training,
    TrainingSession,
)
from lms.anonymity import publishable
from lms.models import Organisation, User
from lms.queries import organisations_administered_by, reports_of
from skills.models import Competence, Evidence

if TYPE_CHECKING:
    from courses.models import Enrolment, LessonPage

# Marks that count some time in the room.
ATTENDED = [Attendance.Status.PRESENT, Attendance.Status.PARTLY]

HOLDING = [Registration.Status.PENDING, Registration.Status.CONFIRMED]


def sessions_visible_to(user: User) -> QuerySet[TrainingSession]:
    """Sessions of the person's own town's trainings, and those of another town
    that opened seats to theirs. Platform admins see every session."""
    sessions = TrainingSession.objects.select_related("training__organisation")
    if not (user.is_authenticated and user.is_active):
        return sessions.none()
    if user.is_superuser:
        return sessions
    if not user.organisation_id:
        return sessions.none()
    return sessions.filter(
        Q(training__organisation_id=user.organisation_id)
        | Q(
            open_seats__organisation_id=user.organisation_id,
            open_seats__seats__gt=0,
        )
    ).distinct()


def access_session_for(user: User, pk: int) -> TrainingSession:
    """The session ``pk`` if ``user`` may see it; 404 otherwise (another town's
    sessions are not revealed)."""
    session = sessions_visible_to(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def may_manage_session(user: User, session: TrainingSession) -> bool:
    """HR of the town that runs the training (or a platform admin)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (
        user.is_hr_admin and user.organisation_id == session.training.organisation_id
    )


def may_mark_attendance(user: User, session: TrainingSession) -> bool:
    """The session's trainers on the platform, and HR of the running town."""
    return may_manage_session(user, session) or is_trainer_of(user, session)


def is_trainer_of(user: User, session: TrainingSession) -> bool:
    """Read from the database, not the session's unsaved cluster."""
    return (
        user.is_authenticated
        and user.is_active
        and User.objects.filter(pk=user.pk, training_sessions_given=session.pk).exists()
    )


def access_managed_session_for(user: User, pk: int) -> TrainingSession:
    """The session ``pk`` for its trainers and HR; 404 for everyone else."""
    session = (
        TrainingSession.objects.select_related("training__organisation")
        .filter(pk=pk)
        .first()
    )
    if session is None or not may_mark_attendance(user, session):
        raise Http404
    return session


def access_registration_for(user: User, pk: int) -> Registration:
    """A sign-up its person, their HR or managers, or the running town's HR may
    act on; 404 for anyone else."""
    registration = (
        Registration.objects.select_related("user", "session__training")
        .filter(pk=pk)
        .first()
    )
    if registration is None or not (
        registration.user_id == user.pk
        or may_act_for(user, registration.user)
        or may_manage_session(user, registration.session)
    ):
        raise Http404
    return registration


def may_act_for(user: User, person: User) -> bool:
    """Whether ``user`` may nominate ``person`` or decide on their sign-ups: HR
    of the person's town, or one of their managers up the chain."""
    if not (user.is_authenticated and user.is_active) or user.pk == person.pk:
        return False
    if user.is_superuser:
        return True
    if user.is_hr_admin and user.organisation_id == person.organisation_id:
        return True
    return reports_of(user).filter(pk=person.pk).exists()


def seat_limit_for(session: TrainingSession, organisation_id: int | None) -> int:
    """How many people of ``organisation_id`` the session may take at most."""
    if organisation_id == session.training.organisation_id:
        return session.capacity
    opened = (
        OpenSeats.objects.filter(session=session, organisation_id=organisation_id)
        .values_list("seats", flat=True)
        .first()
    )
    return min(opened or 0, session.capacity)


def has_seat_for(session: TrainingSession, person: User) -> bool:
    """Whether a seat is free for ``person``: one left in all, and one left
    among those opened to their town when it is another town."""
    confirmed = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    )
    if confirmed.count() >= session.capacity:
        return False
    if person.organisation_id == session.training.organisation_id:
        return True
    same_town = confirmed.filter(user__organisation=person.organisation)
    return same_town.count() < seat_limit_for(session, person.organisation_id)


def seats_left(session: TrainingSession) -> int:
    taken = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).count()
    return max(session.capacity - taken, 0)


def conflicting_registration(
    person: User, session: TrainingSession
) -> Registration | None:
    """Another live sign-up of ``person`` whose slots overlap this session's."""
    overlap = Q()
    for slot in session.slots.all():
        overlap |= Q(
            session__slots__starts_at__lt=slot.ends_at,
            session__slots__ends_at__gt=slot.starts_at,
        )
    if not overlap:
        return None
    return (
        Registration.objects.holding_a_place()
        .filter(overlap, user=person)
        .exclude(session=session)
        .select_related("session__training")
        .first()
    )


def attended(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Confirmed registrations marked present at every slot of their session."""
    return (
        registrations.filter(status=Registration.Status.CONFIRMED)
        .annotate(
            slot_count=Count("session__slots", distinct=True),
            present_count=Count(
                "attendances",
                filter=Q(attendances__status=Attendance.Status.PRESENT),
                distinct=True,
            ),
        )
        .filter(slot_count__gt=0, present_count=F("slot_count"))
    )


def attended_training_blocks(enrolment: Enrolment, lesson: LessonPage) -> set[str]:
    """Ids of the lesson's training blocks whose training the person attended."""
    blocks = lesson.blocks_of("training")
    trainings = {
        block.value["training"].pk for block in blocks if block.value["training"]
    }
    done = set(
        attended(
            Registration.objects.filter(
                user_id=enrolment.user_id, session__training_id__in=trainings
            )
        ).values_list("session__training_id", flat=True)
    )
    return {
        block.id
        for block in blocks
        if block.value["training"] and block.value["training"].pk in done
    }


def upcoming_sessions_of(training_id: int, user: User) -> QuerySet[TrainingSession]:
    """The training's sessions ``user`` may see, still to come, earliest first."""
    return (
        sessions_visible_to(user)
        .filter(training_id=training_id, slots__ends_at__gt=timezone.now())
        .distinct()
        .prefetch_related("slots")
        .order_by("registration_closes", "pk")
    )


def registrations_of(user: User) -> QuerySet[Registration]:
    """The person's sign-ups, newest session first (for "My learning")."""
    return (
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("session__training")
        .prefetch_related("session__slots")
        .order_by("-session__registration_closes")
    )


def registration_of(user: User, session: TrainingSession) -> Registration | None:
    return Registration.objects.filter(user=user, session=session).first()


def pending_for(user: User) -> QuerySet[Registration]:
    """Sign-ups awaiting a decision that ``user`` may take (HR of the people's
    town, or their managers)."""
    pending = Registration.objects.filter(
        status=Registration.Status.PENDING
    ).select_related("user", "session__training")
    if user.is_superuser:
        return pending
    condition = Q(user__in=reports_of(user))
    if user.is_hr_admin and user.organisation_id:
        condition |= Q(user__organisation_id=user.organisation_id)
    return pending.filter(condition).exclude(user=user)


def nominable_by(user: User) -> QuerySet[User]:
    """People ``user`` may nominate: their town's people for HR, their reports
    for a manager."""
    if not (user.is_authenticated and user.is_active):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.filter(is_active=True)
    people = reports_of(user)
    if user.is_hr_admin and user.organisation_id:
        people = people | User.objects.filter(organisation_id=user.organisation_id)
    return people.filter(is_active=True).exclude(pk=user.pk).distinct()


@dataclass(frozen=True)
class SheetLine:
    registration: Registration
    marks: dict[int, str]
    # Minutes attended per slot id, where partly present.
    minutes: dict[int, int]


def attendance_sheet(session: TrainingSession) -> list[SheetLine]:
    """One line per confirmed participant with their mark per slot id."""
    registrations = list(
        Registration.objects.filter(
            session=session, status=Registration.Status.CONFIRMED
        )
        .select_related("user__organisation", "user__department")
        .order_by("user__last_name", "user__first_name")
    )
    marks: dict[int, dict[int, str]] = {}
    minutes: dict[int, dict[int, int]] = {}
    for registration_id, slot_id, status, attended_for in Attendance.objects.filter(
        registration__session=session
    ).values_list("registration_id", "slot_id", "status", "minutes"):
        marks.setdefault(registration_id, {})[slot_id] = status
        if attended_for is not None:
            minutes.setdefault(registration_id, {})[slot_id] = attended_for
    return [
        SheetLine(r, marks.get(r.pk, {}), minutes.get(r.pk, {})) for r in registrations
    ]


def _year(year: int) -> Q:
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    return Q(slot__starts_at__gte=start, slot__starts_at__lt=end)


def attended_minutes(
    attendances: QuerySet[Attendance], keys: dict[str, Any]
) -> list[dict[str, Any]]:
    """Time attended grouped by ``keys`` (``values()`` expressions): a slot
    marked present counts whole, a partly present one its minutes. Each row has
    the keys plus ``sessions``, ``people`` and ``minutes``. Three grouped
    queries: counts, present slots' durations, partly present minutes."""
    attended = attendances.filter(status__in=ATTENDED)
    names = list(keys)

    def key(row: Any) -> tuple[Any, ...]:
        return tuple(row[name] for name in names)

    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    counted: Any
    for counted in (
        attended.values(**keys)
        .annotate(
            sessions=Count("registration__session", distinct=True),
            people=Count("registration__user", distinct=True),
        )
        .order_by()
    ):
        rows[key(counted)] = {**counted, "minutes": 0}
    present: Any
    for present in (
        attended.filter(status=Attendance.Status.PRESENT)
        .values(**keys)
        .annotate(seconds=Sum(F("slot__ends_at") - F("slot__starts_at")))
        .order_by()
    ):
        duration = present["seconds"]
        rows[key(present)]["minutes"] += (
            int(duration.total_seconds() // 60) if duration else 0
        )
    partly: Any
    for partly in (
        attended.filter(status=Attendance.Status.PARTLY)
        .values(**keys)
        .annotate(partly=Sum("minutes"))
        .order_by()
    ):
        rows[key(partly)]["minutes"] += partly["partly"] or 0
    return list(rows.values())


def hours_rows(organisation: Organisation, year: int) -> list[dict[str, Any]]:
    """Training hours per person of ``organisation`` in ``year``: the slots they
    attended (whole when present, their minutes when partly present), whatever
    town ran the session. Keys: ``user_id``, ``employee_number``,
    ``last_name``, ``first_name``, ``department``, ``kind``, ``minutes``,
    ``sessions``."""
    rows = attended_minutes(
        Attendance.objects.filter(
            _year(year), registration__user__organisation=organisation
        ),
        {
            "user_id": F("registration__user_id"),
            "employee_number": F("registration__user__employee_number"),
            "last_name": F("registration__user__last_name"),
            "first_name": F("registration__user__first_name"),
            "department": F("registration__user__department__name"),
            "kind": F("registration__user__kind"),
        },
    )
    for row in rows:
        del row["people"]
    return sorted(rows, key=lambda r: (r["last_name"], r["first_name"], r["user_id"]))


def hours_by_year_of(person: User) -> list[dict[str, Any]]:
    """The person's training hours per year, latest first. Keys: ``year``,
    ``sessions``, ``minutes``."""
    rows = attended_minutes(
        Attendance.objects.filter(registration__user=person),
        {"year": ExtractYear("slot__starts_at")},
    )
    return sorted(rows, key=lambda r: -r["year"])


def hours_report_rows(organisation: Organisation, year: int) -> list[dict[str, Any]]:
    """Hours of the town's people in ``year`` by department and by who gave the
    training, elected officials apart (their department is left empty and
    ``kind`` says "elected"). For the town's own HR: not k-anonymised. Keys:
    ``department``, ``kind``, ``provider``, ``people``, ``sessions``,
    ``minutes``; sorted by department, officials last."""
    rows = attended_minutes(
        Attendance.objects.filter(
            _year(year), registration__user__organisation=organisation
        ),
        {
            "department": F("registration__user__department__name"),
            "kind": F("registration__user__kind"),
            "provider": F("registration__session__training__provider"),
        },
    )
    for row in rows:
        if row["kind"] == User.Kind.ELECTED:
            row["department"] = None
    return sorted(
        rows,
        key=lambda r: (
            r["kind"] == User.Kind.ELECTED,
            r["department"] or "",
            r["provider"],
        ),
    )


def targeted_competences(training: Training) -> list[Competence]:
    """The competences the training's course demonstrates (what a trainer may
    record an observed level on), with their scale's levels prefetched."""
    ids = CourseCompetence.objects.filter(course_id=training.course_id).values(
        "competence_id"
    )
    return list(
        Competence.objects.filter(pk__in=ids)
        .select_related("version")
        .prefetch_related("version__levels")
        .order_by("code", "pk")
    )


def attended_part(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Confirmed registrations marked present or partly present at some slot."""
    return registrations.filter(
        status=Registration.Status.CONFIRMED, attendances__status__in=ATTENDED
    ).distinct()


def observed_participants(session: TrainingSession) -> list[Registration]:
    """Who attended some of the session, by name: whose levels may be observed."""
    return list(
        attended_part(Registration.objects.filter(session=session))
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def access_administered_town_for(user: User) -> Organisation:
    """The HR admin's own town; 403 for anyone else."""
    organisation = user.organisation
    if organisation is None or not (
        organisations_administered_by(user).filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied
    return organisation


def training_source_ref(session: TrainingSession) -> str:
    """How evidence observed at the session names it (``Evidence.source_ref``)."""
    return f"training-session:{session.pk}"


def observed_levels(session: TrainingSession) -> dict[tuple[int, int], int]:
    """The last level observed at the session per (person id, competence id)."""
    observed: dict[tuple[int, int], int] = {}
    for person_id, competence_id, level in Evidence.objects.filter(
        source=Evidence.Source.TRAINING, source_ref=training_source_ref(session)
    ).values_list("person_id", "competence_id", "level"):
        observed[(person_id, competence_id)] = level
    return observed


def signed_sheets_of(session: TrainingSession) -> QuerySet[SignedSheet]:
    """The session's scans, without their content."""
    return SignedSheet.objects.filter(session=session).defer("data")


def access_signed_sheet_for(user: User, pk: int) -> SignedSheet:
    """A scan for HR of the running town and the session's trainers; 404 for
    anyone else."""
    sheet = (
        SignedSheet.objects.select_related("session__training").filter(pk=pk).first()
    )
    if sheet is None or not may_mark_attendance(user, sheet.session):
        raise Http404
    return sheet


def may_answer_satisfaction(user: User, session: TrainingSession) -> bool:
    """A participant who attended (some of) the session and has not answered."""
    return (
        attended_part(Registration.objects.filter(session=session, user=user))
        .filter(satisfaction__isnull=True)
        .exists()
    )


@dataclass(frozen=True)
class SatisfactionResults:
    answers: int
    shown: bool
    # (question label, average out of 5) when shown, else empty.
    averages: list[tuple[str, float]]
    comments: list[str]


def satisfaction_results(session: TrainingSession) -> SatisfactionResults:
    """Averages and comments of the session's questionnaire, blank under five
    answers (``lms.anonymity.publishable``): below that a trainer could tell
    who answered what."""
    answers = SatisfactionAnswer.objects.filter(registration__session=session)
    count = answers.count()
    if not count or not publishable(count):
        return SatisfactionResults(count, False, [], [])
    names = [name for name, _label in SatisfactionAnswer.QUESTIONS]
    means = answers.aggregate(**{name: Avg(name) for name in names})
    comments = [
        c.strip()
        for c in answers.order_by("comment").values_list("comment", flat=True)
        if c.strip()
    ]
    return SatisfactionResults(
        count,
        True,
        [
            (str(label), round(means[name], 1))
            for name, label in SatisfactionAnswer.QUESTIONS
        ],
        comments,
    )


def slot_ids(session: TrainingSession) -> list[int]:
    return list(
        SessionSlot.objects.filter(session=session).values_list("pk", flat=True)
    )
