"""Writes of mentoring: opting in, matching rounds, a pair's goal, sessions and
end. Each runs in a transaction and checks who acts."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.mentoring import matching
from courses.mentoring.models import (
    MentoringProfile,
    MentoringSession,
    OptIn,
    Pair,
    Round,
    Unmatched,
)
from courses.mentoring.queries import (
    competences_for,
    is_member,
    may_take_part,
    networks_run_by,
    round_inputs,
)
from courses.mentoring.tasks import send_round_mail
from lms.models import Network, User
from skills.actions import record_evidence
from skills.models import Competence, Evidence


def _check_takes_part(person: User) -> None:
    if not may_take_part(person):
        raise PermissionDenied(_("Mentoring is for the towns' staff."))


@transaction.atomic
def save_profile(
    person: User,
    *,
    languages: list[str],
    availability: str = "",
    hours_per_month: int | None = None,
    town_preference: str = MentoringProfile.Preference.ANY,
    capacity: int = 1,
) -> MentoringProfile:
    """Create or update the person's mentoring profile (their own only)."""
    _check_takes_part(person)
    profile = MentoringProfile.objects.filter(
        person=person
    ).first() or MentoringProfile(person=person)
    profile.languages = list(languages)
    profile.availability = availability.strip()
    profile.hours_per_month = hours_per_month
    profile.town_preference = town_preference
    profile.capacity = capacity
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def opt_in(
    person: User,
    *,
    competence: Competence,
    role: str,
    target_level: int | None = None,
) -> OptIn:
    """Offer (mentor) or seek (mentee) mentoring on ``competence``."""
    _check_takes_part(person)
    if not MentoringProfile.objects.filter(person=person).exists():
        raise ValidationError(
            _("Tell us your languages and availability before opting in.")
        )
    if not competences_for(person).filter(pk=competence.pk).exists():
        raise ValidationError(_("Choose a competence of your frameworks."))
    # Serialise a person's opt-ins (double submits).
    User.objects.select_for_update().filter(pk=person.pk).first()
    if (
        OptIn.objects.open()
        .filter(person=person, competence=competence, role=role)
        .exists()
    ):
        raise ValidationError(_("You have already opted in for this."))
    row = OptIn(
        person=person,
        competence=competence,
        role=role,
        target_level=target_level if role == OptIn.Role.MENTEE else None,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def withdraw(row: OptIn, *, by: User) -> OptIn:
    """Close the person's own opt-in; mentorings already paired go on."""
    if row.person_id != by.pk:
        raise PermissionDenied(_("Only the person can withdraw their opt-in."))
    if row.closed_at is None:
        row.closed_at = timezone.now()
        row.save(update_fields=["closed_at"])
    return row


@transaction.atomic
def run_round(network: Network, *, by: User) -> Round:
    """Pair the network's open requests with its mentors (``matching.solve``)
    and keep the pairs and the people left unmatched, with the reason. Once
    saved, both members of each pair are e-mailed in their language through the
    task queue (``tasks.send_round_mail``); the unmatched are not.

    The network's row is locked while the round runs, so two rounds of one
    network never give the same place twice.
    """
    if not networks_run_by(by).filter(pk=network.pk).exists():
        raise PermissionDenied(_("Only HR of a town of this network runs its rounds."))
    Network.objects.select_for_update().filter(pk=network.pk).first()
    inputs = round_inputs(network)
    result = matching.solve(
        inputs.people, inputs.requests, inputs.offers, inputs.free_slots
    )
    round_ = Round(
        network=network,
        run_by=by,
        organisation_id=None if by.is_superuser else by.organisation_id,
        mentees=result.mentees,
        mentors=result.mentors,
        slots=result.slots,
        pairs=len(result.matches),
    )
    round_.full_clean()
    round_.save()
    _keep_pairs_and_unmatched(round_, result)
    if result.matches:
        transaction.on_commit(partial(send_round_mail.enqueue, round_.pk))
    return round_


def _keep_pairs_and_unmatched(round_: Round, result: matching.Result) -> None:
    """The round's pairs, started now, and the people it left unmatched."""
    now = timezone.now()
    Pair.objects.bulk_create(
        [
            Pair(
                round=round_,
                request_id=match.opt_in,
                mentor_id=match.mentor,
                mentee_id=match.mentee,
                competence_id=match.competence,
                mentor_level=match.mentor_level,
                target_level=match.target,
                language=match.language,
                started_at=now,
            )
            for match in result.matches
        ],
        batch_size=500,
    )
    Unmatched.objects.bulk_create(
        [
            Unmatched(
                round=round_, person_id=left.person, role=left.role, reason=left.reason
            )
            for left in result.unmatched
        ],
        batch_size=500,
    )


def _check_active_member(pair: Pair, by: User) -> None:
    if not is_member(by, pair):
        raise PermissionDenied(_("Only the mentor and the mentee act on a mentoring."))
    if not pair.is_active:
        raise ValidationError(_("This mentoring is over."))


@transaction.atomic
def set_goal(pair: Pair, *, by: User, goal: str) -> Pair:
    _check_active_member(pair, by)
    pair.goal = goal.strip()
    pair.full_clean()
    pair.save(update_fields=["goal"])
    return pair


@transaction.atomic
def log_session(
    pair: Pair, *, by: User, date: dt.date, minutes: int, topic: str
) -> MentoringSession:
    """Either member logs a meeting that took place."""
    _check_active_member(pair, by)
    session = MentoringSession(
        pair=pair, date=date, minutes=minutes, topic=topic.strip(), logged_by=by
    )
    session.full_clean()
    if session.date < timezone.localtime(pair.started_at).date():
        raise ValidationError(_("This date is before the mentoring started."))
    session.save()
    return session


@transaction.atomic
def finish(pair: Pair, *, by: User, level_reached: int) -> Pair:
    """The mentor closes the mentoring, saying the level the mentee reached.

    Records evidence for both through ``skills.actions.record_evidence``
    (source "mentoring", trust "peer": above a self-assessment, below anything
    verified): the mentee at ``level_reached``, the mentor at the level that
    qualified them. The mentee's request is then closed.
    """
    pair = (
        Pair.objects.select_for_update()
        .select_related("mentor", "mentee", "competence__version")
        .get(pk=pair.pk)
    )
    _check_active_member(pair, by)
    _check_may_finish(pair, by, level_reached)
    now = timezone.now()
    _record_mentoring_evidence(pair, by=by, level_reached=level_reached, now=now)
    pair.status = Pair.Status.FINISHED
    pair.finished_at = now
    pair.level_reached = level_reached
    pair.save(update_fields=["status", "finished_at", "level_reached"])
    OptIn.objects.filter(pk=pair.request_id, closed_at__isnull=True).update(
        closed_at=now
    )
    return pair


def _check_may_finish(pair: Pair, by: User, level_reached: int) -> None:
    """The mentor, after at least one session, at a level up to their own."""
    if by.pk != pair.mentor_id:
        raise PermissionDenied(
            _("The mentor finishes the mentoring, saying the level reached.")
        )
    if not pair.sessions.exists():
        raise ValidationError(_("Log at least one session before finishing."))
    if not 1 <= level_reached <= pair.mentor_level:
        raise ValidationError(
            _("The level reached is between 1 and your own (%(level)s).")
            % {"level": pair.mentor_level}
        )


def _record_mentoring_evidence(
    pair: Pair, *, by: User, level_reached: int, now: dt.datetime
) -> None:
    """Peer evidence for both: the mentee at the level reached, the mentor at the
    level that qualified them."""
    reference = f"mentoring:{pair.pk}"
    record_evidence(
        pair.mentee,
        competence=pair.competence,
        level=level_reached,
        source=Evidence.Source.MENTORING,
        trust=Evidence.Trust.PEER,
        recorded_by=by,
        observed_at=now,
        source_ref=reference,
        note=_("Mentoring finished (mentee)"),
    )
    record_evidence(
        pair.mentor,
        competence=pair.competence,
        level=pair.mentor_level,
        source=Evidence.Source.MENTORING,
        trust=Evidence.Trust.PEER,
        recorded_by=by,
        observed_at=now,
        source_ref=reference,
        note=_("Mentoring finished (mentor)"),
    )


@transaction.atomic
def end(pair: Pair, *, by: User) -> Pair:
    """Either member stops a mentoring early: no evidence, and the mentee's
    request waits for the next round."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    _check_active_member(pair, by)
    pair.status = Pair.Status.ENDED
    pair.finished_at = timezone.now()
    pair.save(update_fields=["status", "finished_at"])
    return pair
