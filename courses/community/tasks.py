"""Community e-mails through the task queue: one notification at once, or the
digests (``manage.py send_community_digests daily|weekly``, from cron)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from courses.community.mail import build_digest, build_notification
from courses.community.models import Notification, Preference

FREQUENCIES = {
    "daily": Preference.Delivery.DAILY,
    "weekly": Preference.Delivery.WEEKLY,
}


@task()
def send_notification(notification_id: int) -> bool:
    """E-mail one notification to who asked for immediate e-mails; ``False``
    when there is nothing to send (no address, already sent, or the person
    changed their mind since)."""
    notification = (
        Notification.objects.select_related("person", "thread")
        .filter(pk=notification_id, mailed_at=None)
        .first()
    )
    if notification is None or not notification.person.email:
        return False
    preference = Preference.objects.filter(person=notification.person).first()
    if preference is not None and preference.delivery != Preference.Delivery.IMMEDIATE:
        return False
    build_notification(notification).send()
    Notification.objects.filter(pk=notification.pk).update(mailed_at=timezone.now())
    return True


@task()
def send_digest(person_id: int, frequency: str) -> int:
    """One digest of the person's notifications not yet e-mailed; the number
    of notifications it carried (0: nothing sent)."""
    delivery = FREQUENCIES.get(frequency)
    preference = (
        Preference.objects.select_related("person")
        .filter(person_id=person_id, delivery=delivery)
        .first()
    )
    if delivery is None or preference is None or not preference.person.email:
        return 0
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update()
            .filter(person_id=person_id, mailed_at=None)
            .select_related("thread")
            .order_by("created_at", "pk")
        )
        if not notifications:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            mailed_at=timezone.now()
        )
        message = build_digest(
            preference.person, notifications, weekly=frequency == "weekly"
        )
        transaction.on_commit(message.send)
    return len(notifications)


def enqueue_digests(frequency: str) -> int:
    """Queue a digest for each person who chose ``frequency`` and has
    notifications waiting; the number queued."""
    delivery = FREQUENCIES[frequency]
    people = (
        Notification.objects.filter(
            mailed_at=None,
            person__community_preference__delivery=delivery,
            person__is_active=True,
        )
        .values_list("person_id", flat=True)
        .distinct()
    )
    count = 0
    for person_id in people:
        send_digest.enqueue(person_id, frequency)
        count += 1
    return count
