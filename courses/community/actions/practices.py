"""What communities give back to the network: practice sheets made from accepted
answers, intercity challenges and exchanges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.community.actions.common import _trail, clean_text
from courses.community.models import (
    Challenge,
    Community,
    Exchange,
    ModerationEntry,
    Post,
    PracticeSheet,
    Thread,
)
from courses.community.queries import (
    is_moderator,
    may_speak_for_town,
)
from lms.models import Organisation, User
from skills.models import Competence

# --- practice sheets -------------------------------------------------------


@transaction.atomic
def make_practice_sheet(
    moderator: User, post: Post, *, title: str, body: str
) -> PracticeSheet:
    """A moderator turns an accepted answer into a practice sheet for the
    network, tagged with the question's competence (or the community's)."""
    thread = Thread.objects.select_related("community__organisation", "competence").get(
        pk=post.thread_id
    )
    community = thread.community
    _check_may_make_sheet(moderator, thread, post)
    town = community.organisation
    sheet = PracticeSheet(
        network_id=town.network_id
        if community.scope == Community.Scope.NETWORK
        else None,
        organisation=town,
        title=title.strip(),
        body=clean_text(body),
        source=post,
        created_by=moderator,
    )
    sheet.full_clean()
    sheet.save()
    sheet.competences.set(_sheet_competences(thread))
    _trail(community, moderator, ModerationEntry.Action.SHEET, post=post, note=title)
    return sheet


def _check_may_make_sheet(moderator: User, thread: Thread, post: Post) -> None:
    """A moderator of the thread's community, from its accepted answer, once."""
    if not is_moderator(moderator, thread.community):
        raise PermissionDenied(_("Only a moderator makes a practice sheet."))
    if thread.accepted_id != post.pk:
        raise ValidationError(_("Only an accepted answer becomes a practice sheet."))
    if PracticeSheet.objects.filter(source=post).exists():
        raise ValidationError(_("This answer already has its practice sheet."))


def _sheet_competences(thread: Thread) -> list[Competence]:
    """The question's competence, or else the community's; at least one."""
    competences = (
        [thread.competence]
        if thread.competence
        else list(thread.community.competences.all())
    )
    if not competences:
        raise ValidationError(_("Tag the community with a competence first."))
    return competences


# --- intercity exchanges ---------------------------------------------------


@transaction.atomic
def post_challenge(
    author: User,
    *,
    organisation: Organisation,
    title: str,
    body: str,
    competences: Iterable[Competence],
) -> Challenge:
    if not may_speak_for_town(author, organisation):
        raise PermissionDenied(_("Only HR of the town posts its challenges."))
    competences = list(competences)
    if not competences:
        raise ValidationError(_("Tag the challenge with at least one competence."))
    challenge = Challenge(
        organisation=organisation,
        title=title.strip(),
        body=clean_text(body),
        created_by=author,
    )
    challenge.full_clean()
    challenge.save()
    challenge.competences.set(competences)
    return challenge


@transaction.atomic
def record_exchange(
    author: User,
    challenge: Challenge,
    *,
    with_organisation: Organisation,
    kind: str,
    happened_on: dt.date,
    outcome: str,
) -> Exchange:
    if not may_speak_for_town(author, challenge.organisation):
        raise PermissionDenied(_("Only HR of the town records its exchanges."))
    town = challenge.organisation
    if (
        with_organisation.pk == town.pk
        or town.network_id is None
        or with_organisation.network_id != town.network_id
    ):
        raise ValidationError(_("Choose another town of the network."))
    if happened_on > timezone.localdate():
        raise ValidationError(_("An exchange is recorded once it happened."))
    exchange = Exchange(
        challenge=challenge,
        with_organisation=with_organisation,
        kind=kind,
        happened_on=happened_on,
        outcome=clean_text(outcome),
        recorded_by=author,
    )
    exchange.full_clean()
    exchange.save()
    return exchange
