from django_tasks import task

from courses.training.mail import (
    KINDS,
    build_approval_reminder,
    build_message,
    build_trainer_list,
)
from courses.training.models import Registration, TrainingSession
from lms.models import User


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """E-mail the person about their sign-up; ``False`` when there is no one to
    write to (no address, or the registration is gone)."""
    registration = (
        Registration.objects.select_related("user", "session__training")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.user.email or kind not in KINDS:
        return False
    build_message(registration, kind).send()
    return True


@task()
def send_approval_reminder(registration_id: int) -> bool:
    """Remind the person's manager that their sign-up awaits a decision."""
    registration = (
        Registration.objects.select_related("user__manager", "session__training")
        .filter(pk=registration_id, status=Registration.Status.PENDING)
        .first()
    )
    manager = registration.user.manager if registration else None
    if registration is None or manager is None or not manager.email:
        return False
    build_approval_reminder(registration, manager).send()
    return True


@task()
def send_trainer_list(session_id: int, trainer_id: int) -> bool:
    """E-mail a trainer the session's participants, in the trainer's language."""
    session = (
        TrainingSession.objects.select_related("training").filter(pk=session_id).first()
    )
    trainer = User.objects.filter(pk=trainer_id, is_active=True).first()
    if session is None or trainer is None or not trainer.email:
        return False
    registrations = list(
        Registration.objects.filter(session=session)
        .select_related("user__department", "user__organisation")
        .order_by("user__last_name", "user__first_name")
    )
    build_trainer_list(session, trainer, registrations).send()
    return True
