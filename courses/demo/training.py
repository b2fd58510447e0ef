"""Training sessions of the demo: Saint-Aubin's cybersecurity course ends with
an in-person workshop. One session took place last month (attendance marked,
the present completed the activity); the next one is in three weeks, with seats
left and a few people already signed up. At the past one, the trainer recorded
the level observed for three participants (evidence observed by a trainer) and
six of the eight present answered the satisfaction questionnaire (enough for
its results to show). Idempotent: a workshop that exists is not created again,
and levels and answers are added only where none are recorded yet."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from courses.training import actions
from courses.training.models import (
    Registration,
    SatisfactionAnswer,
    SessionSlot,
    Training,
    TrainingSession,
)
from courses.training.queries import (
    attended_part,
    observed_levels,
    targeted_competences,
)
from lms.models import User

COURSE = "cybersecurite-essentiels"
TITLE = "Atelier : reconnaître et signaler un hameçonnage"
PLACE = "Mairie de Saint-Aubin, salle du conseil, 1 place de la Mairie"


@transaction.atomic
def load_demo_training(courses: dict[str, CoursePage]) -> Training | None:
    course = courses.get(COURSE)
    if course is None:
        return None
    training = Training.objects.filter(title=TITLE).first() or _create(course)
    past = (
        TrainingSession.objects.filter(
            training=training, slots__ends_at__lt=timezone.now()
        )
        .order_by("pk")
        .first()
    )
    if past is not None:
        _observe_and_answer(past)
    return training


# Six answers (comment, scores for content, trainer, practice, organisation,
# overall): the results show from five.
ANSWERS = [
    ("Très concret, les exemples venaient de nos boîtes.", (5, 5, 5, 4, 5)),
    ("", (4, 5, 4, 4, 4)),
    ("Un peu court pour tout voir.", (4, 4, 3, 3, 4)),
    ("", (5, 4, 4, 5, 5)),
    ("J’aurais aimé un support à emporter.", (3, 4, 4, 3, 4)),
    ("", (4, 5, 5, 4, 4)),
]
OBSERVED = [3, 2, 4]


def _observe_and_answer(session: TrainingSession) -> None:
    """Observed levels for three participants, and six answers, where the
    session has none yet."""
    # The trainer, or the town's HR (who may record too).
    trainer = (
        session.trainers.order_by("pk").first()
        or User.objects.filter(
            organisation=session.training.organisation, is_hr_admin=True
        )
        .order_by("pk")
        .first()
    )
    present = list(
        attended_part(Registration.objects.filter(session=session))
        .select_related("user")
        .order_by("pk")
    )
    competences = targeted_competences(session.training)
    if trainer is not None and competences and not observed_levels(session):
        actions.record_observed_levels(
            session,
            by=trainer,
            levels={
                (registration.pk, competences[0].pk): level
                for registration, level in zip(present, OBSERVED, strict=False)
                if registration.user_id != trainer.pk
            },
            note="Observé pendant l’exercice de signalement.",
        )
    if not SatisfactionAnswer.objects.filter(registration__session=session).exists():
        names = [name for name, _label in SatisfactionAnswer.QUESTIONS]
        for registration, (comment, scores) in zip(present, ANSWERS, strict=False):
            actions.answer_satisfaction(
                registration,
                by=registration.user,
                scores=dict(zip(names, scores, strict=True)),
                comment=comment,
            )


def _create(course: CoursePage) -> Training:
    town = course.organisation
    hr = User.objects.get(username="cleo")
    training = Training.objects.create(
        organisation=town,
        course=course,
        title=TITLE,
        description=(
            "Deux heures en petit groupe : de vrais messages suspects reçus par la "
            "mairie, comment les reconnaître et à qui les signaler."
        ),
        provider=Training.Provider.IN_HOUSE,
    )
    now = timezone.now()
    staff = list(
        User.objects.filter(organisation=town, kind=User.Kind.STAFF, is_active=True)
        .exclude(username__in=["ada", "ben", "cleo", "dev", "sam", "aurore"])
        .order_by("pk")
    )
    # Last month's session: ten people, eight present, one absent, one excused.
    past = _session(training, hr, start=now - dt.timedelta(days=30), capacity=12)
    slot = past.slots.get()
    registrations = [
        Registration.objects.create(
            session=past,
            user=person,
            status=Registration.Status.CONFIRMED,
            requested_at=now - dt.timedelta(days=45),
        )
        for person in staff[:10]
    ]
    marks = {(r.pk, slot.pk): "present" for r in registrations[:8]}
    marks[(registrations[8].pk, slot.pk)] = "absent"
    marks[(registrations[9].pk, slot.pk)] = "excused"
    actions.mark_attendance(past, by=hr, marks=marks)
    # The next one: twelve seats, four taken; registration open.
    coming = _session(training, hr, start=now + dt.timedelta(days=21), capacity=12)
    for person in staff[10:14]:
        Registration.objects.create(
            session=coming, user=person, status=Registration.Status.CONFIRMED
        )
    _offer_in_last_lesson(course, training)
    return training


def _session(
    training: Training, trainer: User, *, start: dt.datetime, capacity: int
) -> TrainingSession:
    start = start.replace(hour=9, minute=30, second=0, microsecond=0)
    session = TrainingSession.objects.create(
        training=training,
        language="fr",
        place=PLACE,
        capacity=capacity,
        registration_opens=start - dt.timedelta(days=40),
        registration_closes=start - dt.timedelta(days=2),
        cancellation_deadline=start - dt.timedelta(days=3),
    )
    session.trainers.add(trainer)
    session.save()  # a cluster's many-to-many is written on save
    SessionSlot.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    return session


def _offer_in_last_lesson(course: CoursePage, training: Training) -> None:
    """The course's last lesson offers the workshop's sessions."""
    lesson = LessonPage.objects.child_of(course).order_by("path").last()
    if lesson is None or any(b.block_type == "training" for b in lesson.body):
        return
    lesson.body = [
        *lesson.body.raw_data,
        {"type": "training", "value": {"training": training.pk}},
    ]
    lesson.save_revision().publish()
