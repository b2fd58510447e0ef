"""Who may see, register for, manage and decide on a session; seats left;
sign-ups; the attendance sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from courses.training.models import (
    Attendance,
    OpenSeats,
    Registration,
    TrainingSession,
)
from lms.models import Organisation, User
from lms.queries import organisations_administered_by, reports_of

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


def access_administered_town_for(user: User) -> Organisation:
    """The HR admin's own town; 403 for anyone else."""
    organisation = user.organisation
    if organisation is None or not (
        organisations_administered_by(user).filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied
    return organisation
