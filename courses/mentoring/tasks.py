"""Mentoring e-mails through the task queue."""

from __future__ import annotations

from django_tasks import task

from courses.mentoring.mail import build_paired
from courses.mentoring.models import Pair


@task()
def send_round_mail(round_id: int) -> int:
    """E-mail the mentor and the mentee of every pair the round made, each in
    their own language; the number of e-mails sent (people without an address
    are skipped)."""
    pairs = Pair.objects.filter(round_id=round_id).select_related(
        "mentor__organisation", "mentee__organisation", "competence"
    )
    sent = 0
    for pair in pairs.order_by("pk"):
        for person in (pair.mentor, pair.mentee):
            if person.email and person.is_active:
                build_paired(pair, person).send()
                sent += 1
    return sent
