"""Mentoring e-mails in the person's language: "you were paired".

Plain text, short lines and one link (the pair's space): readable on a slow
connection. People a round left unmatched get no e-mail: they stay in the
queue for the next round, and a message after every round would repeat itself
(HR reads the reasons on the round's page).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.mentoring.models import LANGUAGES, Pair
from lms.models import User


def _name(person: User) -> str:
    return person.get_full_name() or person.username


def build_paired(pair: Pair, person: User) -> EmailMessage:
    """The e-mail telling ``person`` (the pair's mentor or mentee) who their
    partner is, on which competence, and where their space is."""
    is_mentor = person.pk == pair.mentor_id
    partner = pair.mentee if is_mentor else pair.mentor
    with translation.override(person.preferred_language):
        competence = str(pair.competence)
        subject = _("Mentoring: you have been paired on %(competence)s") % {
            "competence": competence
        }
        values = {
            "partner": _name(partner),
            "town": partner.organisation.name if partner.organisation else "",
            "competence": competence,
        }
        role = (
            _("You will mentor %(partner)s (%(town)s) on %(competence)s.")
            if is_mentor
            else _("%(partner)s (%(town)s) will mentor you on %(competence)s.")
        ) % values
        language = dict(LANGUAGES).get(pair.language, pair.language)
        body = [
            subject,
            "",
            role,
            _("Language of the mentoring: %(language)s.") % {"language": language},
            _("Agree on a goal and log your sessions in your space:"),
            settings.SITE_URL + reverse("mentoring:pair-detail", args=[pair.pk]),
        ]
        return EmailMessage(subject, "\n".join(body), None, [person.email])
