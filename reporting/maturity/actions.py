"""Every write of the maturity diagnosis: install a questionnaire version, open
an assessment, invite, answer, add a town's own question, close (which freezes
the scores). Each runs in a transaction and calls ``full_clean`` before saving."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import User
from reporting.maturity import scoring
from reporting.maturity.models import (
    TOP,
    Answer,
    Assessment,
    Dimension,
    DimensionScore,
    Group,
    Invitation,
    Question,
    Questionnaire,
    Reminder,
    ScaleLevel,
)
from reporting.maturity.queries import may_manage
from reporting.maturity.tasks import send_invitation_email, send_reminder_email

SHIPPED = Path(__file__).resolve().parent / "data" / "questionnaire-2026.1.json"


@transaction.atomic
def install_questionnaire(data: Mapping[str, Any]) -> Questionnaire:
    """Install a questionnaire version from its data (the shape of
    ``data/questionnaire-2026.1.json``) and make it the current one of its slug.
    A version already installed is returned as it is: shipped versions are never
    edited, a change is a new version."""
    found = Questionnaire.objects.filter(
        slug=data["slug"], version=data["version"]
    ).first()
    if found is not None:
        return found
    groups = data["groups"]
    Questionnaire.objects.filter(slug=data["slug"]).update(is_current=False)
    questionnaire = Questionnaire(
        slug=data["slug"],
        version=data["version"],
        title_en=data["title"]["en"],
        title_fr=data["title"]["fr"],
    )
    questionnaire.full_clean()
    questionnaire.save()
    for order, item in enumerate(data["dimensions"]):
        dimension = Dimension(
            questionnaire=questionnaire,
            code=item["code"],
            order=order,
            kind=item["kind"],
            source=item.get("source", ""),
            name_en=item["name"]["en"],
            name_fr=item["name"]["fr"],
            description_en=item["description"]["en"],
            description_fr=item["description"]["fr"],
        )
        dimension.full_clean()
        dimension.save()
        for number, level in enumerate(item["levels"]):
            row = ScaleLevel(
                dimension=dimension,
                number=number,
                text_en=level["text"]["en"],
                text_fr=level["text"]["fr"],
                next_en=level["next"]["en"] if number < TOP else "",
                next_fr=level["next"]["fr"] if number < TOP else "",
            )
            row.full_clean()
            row.save()
        for position, spec in enumerate(item["questions"]):
            question = Question(
                dimension=dimension,
                code=spec["code"],
                order=position,
                text_en=spec["text"]["en"],
                text_fr=spec["text"]["fr"],
                groups=[groups[g] for g in spec["groups"].split()],
            )
            question.full_clean()
            question.save()
    return questionnaire


def shipped_questionnaire() -> Questionnaire:
    """The current shipped questionnaire, installed on first use."""
    current = Questionnaire.objects.filter(is_current=True).order_by("-pk").first()
    if current is not None:
        return current
    return install_questionnaire(json.loads(SHIPPED.read_text(encoding="utf-8")))


@transaction.atomic
def open_assessment(user: User, *, year: int) -> Assessment:
    """HR opens its town's assessment for ``year`` on the current questionnaire."""
    if not may_manage(user) or user.organisation is None:
        raise PermissionDenied
    if Assessment.objects.filter(organisation=user.organisation, year=year).exists():
        raise ValidationError(
            _("Your town already has an assessment for %(year)s.") % {"year": year}
        )
    assessment = Assessment(
        organisation=user.organisation,
        questionnaire=shipped_questionnaire(),
        year=year,
        opened_by=user,
    )
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def invite(
    assessment: Assessment, *, person: User, group: str, notify: bool = True
) -> Invitation:
    """Ask ``person`` (of the assessment's town) to answer for ``group``; an
    e-mail with the link follows once committed (``notify``)."""
    if not assessment.is_open:
        raise ValidationError(_("This assessment is closed."))
    if Invitation.objects.filter(assessment=assessment, person=person).exists():
        raise ValidationError(
            _("%(name)s is already invited.") % {"name": person.get_full_name()}
        )
    invitation = Invitation(assessment=assessment, person=person, group=group)
    invitation.full_clean()
    invitation.save()
    if notify:
        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


def remind_respondents(
    assessment: Assessment, *, by: User, today: dt.date | None = None
) -> int:
    """Remind everyone invited to the open ``assessment`` who has not sent
    their answers yet (active people with an address), at most once a day
    each: a ``Reminder`` row is written under its unique (invitation, day) key
    before the e-mail is queued, so a replayed request, or a second click the
    same day, sends nothing more. Returns how many were reminded."""
    if not assessment.is_open:
        raise ValidationError(_("This assessment is closed."))
    today = today or timezone.localdate()
    return _remind(_waiting(assessment, since=today), today=today, by=by)


def _waiting(assessment: Assessment, *, since: dt.date) -> QuerySet[Invitation]:
    """Invitations not answered yet, of active people with an address, who
    have had no reminder on ``since`` or later."""
    return (
        assessment.invitations.filter(submitted_at__isnull=True, person__is_active=True)
        .exclude(person__email="")
        .exclude(reminders__day__gte=since)
    )


def _remind(
    invitations: Iterable[Invitation], *, today: dt.date, by: User | None
) -> int:
    reminded = 0
    for invitation in invitations:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        invitation=invitation, day=today, sent_by=by
                    )
            except IntegrityError:
                continue  # reminded today already (a concurrent request)
            transaction.on_commit(partial(send_reminder_email.enqueue, invitation.pk))
        reminded += 1
    return reminded


# Days before the closing date on which the daily job reminds those who have
# not answered. Each is a stage running until the next one starts: a reminder
# of the stage (or HR's click) since its first day means nothing more is sent
# in it, and a day the job missed is caught up the next day.
SCHEDULE = (7, 1)


def send_scheduled_reminders(today: dt.date | None = None) -> int:
    """Remind the respondents of every open assessment whose closing date is
    at most 7 days away: once in the stage from 7 days before, once in the
    stage from 1 day before (the closing day included), never after it. HR's
    own click counts as the stage's reminder. Run by ``manage.py
    send_reminders`` (registered in ``MaturityConfig.ready``). Returns how
    many people were reminded."""
    today = today or timezone.localdate()
    reminded = 0
    due = Assessment.objects.filter(
        status=Assessment.Status.OPEN,
        closes_on__gte=today,
        closes_on__lte=today + dt.timedelta(days=max(SCHEDULE)),
    )
    for assessment in due:
        if assessment.closes_on is None:  # filtered out above; for the type
            continue
        left = (assessment.closes_on - today).days
        stage = min(days for days in SCHEDULE if days >= left)
        since = assessment.closes_on - dt.timedelta(days=stage)
        reminded += _remind(_waiting(assessment, since=since), today=today, by=None)
    return reminded


@transaction.atomic
def set_closing_date(
    assessment: Assessment, *, closes_on: dt.date | None
) -> Assessment:
    """HR sets (or clears) the day the open ``assessment`` closes to answers,
    which the scheduled reminders count from. Not in the past."""
    if not assessment.is_open:
        raise ValidationError(_("This assessment is closed."))
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("Give a closing date from today on.")})
    assessment.closes_on = closes_on
    assessment.full_clean()
    assessment.save(update_fields=["closes_on"])
    return assessment


@transaction.atomic
def save_answers(
    invitation: Invitation, *, levels: Mapping[int, int | None], submit: bool
) -> int:
    """Keep the respondent's answers (question id → level, None: "I don't
    know"), replacing earlier ones; ``submit`` marks the invitation answered.
    Questions outside the invitation's set are refused and nothing is saved.
    Returns how many answers were kept."""
    if not invitation.assessment.is_open:
        raise ValidationError(
            _("This assessment is closed: answers can no longer change.")
        )
    allowed = {q.pk: q for q in questions_for(invitation)}
    unknown = set(levels) - set(allowed)
    if unknown:
        raise ValidationError(_("Some answers are for questions you were not asked."))
    now = timezone.now()
    existing = {a.question_id: a for a in invitation.answers.all()}
    for question_id, level in levels.items():
        answer = existing.get(question_id) or Answer(
            invitation=invitation, question=allowed[question_id]
        )
        answer.level = level
        answer.answered_at = now
        answer.full_clean()
        answer.save()
    if submit:
        invitation.submitted_at = now
        invitation.save(update_fields=["submitted_at"])
    return len(levels)


def questions_for(invitation: Invitation) -> list[Question]:
    """The questions of the invitation's group: shipped and the town's own."""
    questions = Question.objects.filter(
        dimension__questionnaire=invitation.assessment.questionnaire
    ).visible_to(invitation.assessment.organisation)
    return [
        q for q in questions.select_related("dimension") if invitation.group in q.groups
    ]


@transaction.atomic
def add_town_question(
    user: User,
    *,
    dimension: Dimension,
    text_en: str,
    text_fr: str,
    groups: list[str],
) -> Question:
    """HR adds its town's own question to a declared dimension of the current
    questionnaire; other towns never see it."""
    if not may_manage(user) or user.organisation is None:
        raise PermissionDenied
    count = Question.objects.filter(dimension=dimension).count()
    question = Question(
        dimension=dimension,
        organisation=user.organisation,
        code=f"town-{user.organisation.pk}-{count + 1}",
        order=100 + count,
        text_en=text_en or text_fr,
        text_fr=text_fr or text_en,
        groups=[g for g in Group.values if g in groups],
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def close_assessment(
    assessment: Assessment, *, as_of: dt.date | None = None
) -> Assessment:
    """Close the assessment and freeze its scores per dimension (the skills
    dimension from the snapshots of ``as_of``'s month, today's by default), so
    later years compare with them whatever the questionnaire becomes."""
    if not assessment.is_open:
        raise ValidationError(_("This assessment is already closed."))
    result = scoring.results(assessment, as_of=as_of)
    DimensionScore.objects.filter(assessment=assessment).delete()
    for row in result.dimensions:
        score = DimensionScore(
            assessment=assessment,
            dimension=row.code,
            score=row.score,
            spread=row.spread,
        )
        score.full_clean()
        score.save()
    assessment.status = Assessment.Status.CLOSED
    assessment.closed_at = (
        timezone.now()
        if as_of is None
        else dt.datetime.combine(
            as_of, dt.time(12), tzinfo=timezone.get_current_timezone()
        )
    )
    assessment.overall = result.overall
    assessment.full_clean()
    assessment.save()
    return assessment
