"""Mail of the maturity diagnosis, sent through the task queue."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from reporting.maturity.models import Invitation


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """Tell the person, in their language, that a questionnaire awaits them;
    ``False`` when there is no one to write to."""
    invitation = (
        Invitation.objects.select_related("person", "assessment__organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.person.email:
        return False
    person = invitation.person
    with translation.override(person.preferred_language):
        subject = _("Digital maturity %(year)s: your answers are awaited") % {
            "year": invitation.assessment.year
        }
        body = [
            _(
                "%(town)s is assessing its digital maturity and asks you to answer "
                "as: %(group)s. It takes about ten minutes; your answers are kept "
                "each time you save."
            )
            % {
                "town": invitation.assessment.organisation.name,
                "group": invitation.get_group_display(),
            },
            "",
            settings.SITE_URL + reverse("maturity:respond", args=[invitation.pk]),
        ]
        EmailMessage(subject, "\n".join(body), None, [person.email]).send()
    return True


@task()
def send_reminder_email(invitation_id: int) -> bool:
    """Remind the person, in their language, that their answers are still
    awaited; ``False`` when there is nothing to remind (answered meanwhile,
    assessment closed, no address)."""
    invitation = (
        Invitation.objects.select_related("person", "assessment__organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if (
        invitation is None
        or invitation.submitted_at is not None
        or not invitation.assessment.is_open
        or not invitation.person.email
    ):
        return False
    person = invitation.person
    with translation.override(person.preferred_language):
        subject = _("Reminder: digital maturity %(year)s, your answers are awaited") % {
            "year": invitation.assessment.year
        }
        body = [
            _(
                "%(town)s is still waiting for your answers to its digital "
                "maturity questionnaire, as: %(group)s. The answers you already "
                "saved are kept; it takes a few minutes to finish."
            )
            % {
                "town": invitation.assessment.organisation.name,
                "group": invitation.get_group_display(),
            },
            "",
            settings.SITE_URL + reverse("maturity:respond", args=[invitation.pk]),
        ]
        closes_on = invitation.assessment.closes_on
        if closes_on is not None:
            body[1:1] = [
                "",
                _("The questionnaire closes on %(date)s.")
                % {"date": closes_on.strftime("%d/%m/%Y")},
            ]
        EmailMessage(subject, "\n".join(body), None, [person.email]).send()
    return True
