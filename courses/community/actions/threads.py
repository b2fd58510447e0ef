"""Every write of communities: preferences, communities and members, threads
and replies (with mentions, follows and notifications), accepted answers (with
their evidence), moderation, practice sheets, challenges and exchanges.

Each action runs in a transaction, checks who acts, and validates before it
writes: bad input raises ``ValidationError`` and changes nothing. E-mails go
through the task queue once the transaction is committed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from courses.community.models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    ATTACHMENTS_PER_POST,
    BODY_MAX,
    Attachment,
    Challenge,
    Community,
    Exchange,
    Membership,
    Mention,
    ModerationEntry,
    Notification,
    Offer,
    Post,
    PracticeSheet,
    Preference,
    Report,
    Subscription,
    Thread,
)
from courses.community.queries import (
    communities_visible_to,
    helpers_for,
    is_moderator,
    may_speak_for_town,
)
from courses.community.tasks import send_notification
from lms.collections import ensure_town_collection
from lms.models import Organisation, User
from skills.actions import record_evidence
from skills.models import Competence, Evidence

# More distinct @names than this in one post is a flood: the post is refused.
MENTION_LIMIT = 5
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
# Control characters other than tab and newline have no place in a message.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- text ------------------------------------------------------------------


def clean_text(text: str, *, limit: int = BODY_MAX) -> str:
    """The message as stored: plain text, line ends normalised, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(_("Write a message."))
    if CONTROL.search(text):
        raise ValidationError(_("The message contains characters that are not text."))
    if len(text) > limit:
        raise ValidationError(
            _("The message is too long: %(limit)s characters at most.")
            % {"limit": limit}
        )
    return text


def mentioned_names(text: str) -> list[str]:
    """Distinct @names in order (a trailing full stop ends the sentence)."""
    names: list[str] = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".").lower()
        if name and name not in names:
            names.append(name)
    return names


def _check_mentions(text: str) -> list[str]:
    names = mentioned_names(text)
    if len(names) > MENTION_LIMIT:
        raise ValidationError(
            _("Mention %(limit)s people at most in one message.")
            % {"limit": MENTION_LIMIT}
        )
    return names


# --- notifications ---------------------------------------------------------


def _notify(
    people: Iterable[User], kind: str, thread: Thread, post: Post | None = None
) -> list[Notification]:
    """One notification per person, except for those who muted the thread;
    e-mailed at once to those who asked for it."""
    by_pk: dict[int, User] = {p.pk: p for p in people if p.is_active}
    muted = set(
        Subscription.objects.filter(
            thread=thread, person_id__in=by_pk, state=Subscription.State.MUTE
        ).values_list("person_id", flat=True)
    )
    digest_or_none = set(
        Preference.objects.filter(person_id__in=by_pk)
        .exclude(delivery=Preference.Delivery.IMMEDIATE)
        .values_list("person_id", flat=True)
    )
    created = []
    for pk, person in by_pk.items():
        if pk in muted:
            continue
        notification = Notification(person=person, kind=kind, thread=thread, post=post)
        notification.full_clean()
        notification.save()
        created.append(notification)
        # No preference row means the default: immediate.
        if pk not in digest_or_none:
            transaction.on_commit(partial(send_notification.enqueue, notification.pk))
    return created


# --- preferences and membership --------------------------------------------


@transaction.atomic
def save_preference(person: User, *, helps_network: bool, delivery: str) -> Preference:
    preference = Preference.objects.filter(person=person).first() or Preference(
        person=person
    )
    preference.helps_network = helps_network
    preference.delivery = delivery
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def create_community(
    creator: User,
    *,
    organisation: Organisation,
    name: str,
    description: str = "",
    scope: str = Community.Scope.NETWORK,
    competences: Iterable[Competence] = (),
) -> Community:
    """HR of the town (or a platform admin) opens a community; they moderate it."""
    if not may_speak_for_town(creator, organisation):
        raise PermissionDenied(_("Only HR of the town opens its communities."))
    community = Community(
        organisation=organisation,
        name=name.strip(),
        description=description.strip(),
        scope=scope,
    )
    community.full_clean()
    community.save()
    community.competences.set(list(competences))
    membership = Membership(
        community=community, person=creator, role=Membership.Role.MODERATOR
    )
    membership.full_clean()
    membership.save()
    return community


@transaction.atomic
def join(person: User, community: Community) -> Membership:
    """Join a community the person may see (idempotent)."""
    if not communities_visible_to(person).filter(pk=community.pk).exists():
        raise PermissionDenied(_("This community is not open to you."))
    membership, _created = Membership.objects.get_or_create(
        community=community, person=person
    )
    return membership


@transaction.atomic
def make_moderator(actor: User, membership: Membership) -> Membership:
    community = membership.community
    if not is_moderator(actor, community):
        raise PermissionDenied(_("Only a moderator names moderators."))
    membership.role = Membership.Role.MODERATOR
    membership.full_clean()
    membership.save()
    _trail(
        community, actor, ModerationEntry.Action.MODERATOR, note=str(membership.person)
    )
    return membership


# --- threads and posts -----------------------------------------------------


# --- attachments -------------------------------------------------------------

# The first bytes each type must start with (Office and OpenDocument files are
# zip archives); text types must decode as UTF-8 without NUL bytes.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
}


def check_attachments(author: User, files: Sequence[UploadedFile]) -> None:
    """Refuse, before anything is written, more than ``ATTACHMENTS_PER_POST``
    files, a type outside ``ATTACHMENT_TYPES``, a file whose content is not of
    its type, an empty one, one over ``ATTACHMENT_MAX_BYTES``, or any file from
    someone without a town (attachments live in the poster's town's collection).
    """
    if not files:
        return
    if author.organisation_id is None:
        raise ValidationError(_("Only people of a town may attach files."))
    if len(files) > ATTACHMENTS_PER_POST:
        raise ValidationError(
            _("At most %(n)s files per message.") % {"n": ATTACHMENTS_PER_POST}
        )
    for upload in files:
        name = PurePath(upload.name or "").name
        kind = PurePath(name).suffix.lower().lstrip(".")
        if kind not in ATTACHMENT_TYPES:
            raise ValidationError(
                _("“%(name)s”: this type of file is not accepted (%(types)s).")
                % {"name": name, "types": ", ".join(ATTACHMENT_TYPES)}
            )
        if not upload.size:
            raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("“%(name)s” is too large: %(max)s at most.")
                % {"name": name, "max": filesizeformat(ATTACHMENT_MAX_BYTES)}
            )
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        if not _looks_like(kind, head):
            raise ValidationError(
                _("“%(name)s” is not a valid %(kind)s file.")
                % {"name": name, "kind": kind.upper()}
            )


def _looks_like(kind: str, head: bytes) -> bool:
    if kind in SIGNATURES:
        return head.startswith(SIGNATURES[kind])
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def _attach(author: User, post: Post, files: Sequence[UploadedFile]) -> None:
    """Save each file as a document of the author's town's collection."""
    if not files or author.organisation is None:
        return
    collection = ensure_town_collection(author.organisation)
    document_model = get_document_model()
    for upload in files:
        name = PurePath(upload.name or "").name
        document = document_model(title=name[:255], file=upload, collection=collection)
        document.uploaded_by_user = author
        document._set_document_file_metadata()
        document.full_clean()
        document.save()
        Attachment.objects.create(post=post, document=document)


def _add_post(author: User, thread: Thread, body: str, names: list[str]) -> Post:
    post = Post(thread=thread, author=author, body=body)
    post.full_clean()
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=post.created_at)
    mentioned = [
        m.person
        for m in Membership.objects.filter(
            community_id=thread.community_id,
            person__username__in=names,
            person__is_active=True,
        )
        .exclude(person=author)
        .select_related("person")
    ]
    Mention.objects.bulk_create([Mention(post=post, person=p) for p in mentioned])
    _notify(mentioned, Notification.Kind.MENTION, thread, post)
    Subscription.objects.get_or_create(
        thread=thread, person=author, defaults={"state": Subscription.State.FOLLOW}
    )
    return post


@transaction.atomic
def start_thread(
    author: User,
    community: Community,
    *,
    kind: str,
    title: str,
    body: str,
    competence: Competence | None = None,
    needed_level: int | None = None,
    asks_network: bool = False,
    attachments: Sequence[UploadedFile] = (),
) -> Thread:
    """Open a discussion or a question; a question asking the network is
    offered to the best helpers of other towns (``queries.helpers_for``).
    ``attachments`` are checked (``check_attachments``) before anything is
    written."""
    body = clean_text(body)
    names = _check_mentions(body)
    check_attachments(author, attachments)
    join(author, community)
    if asks_network and community.scope != Community.Scope.NETWORK:
        raise ValidationError(
            _("Only a community open to the network can ask other towns.")
        )
    thread = Thread(
        community=community,
        author=author,
        kind=kind,
        title=title.strip(),
        competence=competence,
        needed_level=needed_level,
        asks_network=asks_network,
    )
    thread.full_clean()
    thread.save()
    post = _add_post(author, thread, body, names)
    _attach(author, post, attachments)
    if asks_network:
        offer_to_helpers(thread)
    return thread


def offer_to_helpers(thread: Thread) -> list[Offer]:
    offers = []
    for rank, helper in enumerate(helpers_for(thread), start=1):
        offer, created = Offer.objects.get_or_create(
            thread=thread,
            helper=helper.person,
            defaults={"level": helper.level, "rank": rank},
        )
        if created:
            offers.append(offer)
    _notify([o.helper for o in offers], Notification.Kind.OFFER, thread)
    return offers


def _may_post(person: User, thread: Thread) -> None:
    if not communities_visible_to(person).filter(pk=thread.community_id).exists():
        raise PermissionDenied(_("This community is not open to you."))


@transaction.atomic
def reply(
    author: User,
    thread: Thread,
    *,
    body: str,
    attachments: Sequence[UploadedFile] = (),
) -> Post:
    """Reply (an answer, to a question); followers hear of it (not those who
    muted the thread). ``attachments`` as in ``start_thread``."""
    _may_post(author, thread)
    body = clean_text(body)
    names = _check_mentions(body)
    check_attachments(author, attachments)
    join(author, thread.community)
    post = _add_post(author, thread, body, names)
    _attach(author, post, attachments)
    already = {m.person_id for m in post.mentions.all()}
    followers = [
        s.person
        for s in Subscription.objects.filter(
            thread=thread, state=Subscription.State.FOLLOW
        )
        .exclude(person=author)
        .exclude(person_id__in=already)
        .select_related("person")
    ]
    _notify(followers, Notification.Kind.REPLY, thread, post)
    return post


@transaction.atomic
def set_subscription(person: User, thread: Thread, *, state: str) -> Subscription:
    _may_post(person, thread)
    subscription = Subscription.objects.filter(
        thread=thread, person=person
    ).first() or Subscription(thread=thread, person=person)
    subscription.state = state
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def accept_answer(actor: User, post: Post) -> Evidence | None:
    """The asker or a moderator accepts a reply to a question. When the question
    names a competence, the answerer gets evidence of the level needed: source
    and trust "peer" (above self-assessment, below anything verified)."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    community = thread.community
    if actor.pk != thread.author_id and not is_moderator(actor, community):
        raise PermissionDenied(_("Only the asker or a moderator accepts an answer."))
    if not thread.is_question:
        raise ValidationError(_("Only a question has an accepted answer."))
    if thread.accepted_id is not None:
        raise ValidationError(_("This question already has an accepted answer."))
    if post.is_hidden:
        raise ValidationError(_("A hidden message cannot be accepted."))
    if post.author_id == thread.author_id:
        raise ValidationError(_("The asker's own message cannot be the answer."))
    thread.accepted = post
    thread.full_clean()
    thread.save(update_fields=["accepted"])
    _trail(community, actor, ModerationEntry.Action.ACCEPT, post=post)
    evidence = None
    if thread.competence is not None and thread.needed_level:
        evidence = record_evidence(
            post.author,
            competence=thread.competence,
            level=thread.needed_level,
            source=Evidence.Source.PEER,
            trust=Evidence.Trust.PEER,
            recorded_by=actor,
            source_ref=f"community:post:{post.pk}",
            note=thread.title[:200],
        )
    _notify([post.author], Notification.Kind.ACCEPTED, thread, post)
    return evidence


# --- moderation ------------------------------------------------------------


def _trail(
    community: Community,
    actor: User,
    action: str,
    *,
    post: Post | None = None,
    note: str = "",
) -> ModerationEntry:
    entry = ModerationEntry(
        community=community, actor=actor, action=action, post=post, note=note[:500]
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def report_post(reporter: User, post: Post, *, reason: str) -> Report:
    """Anyone who may read the post reports it once; moderators are told."""
    _may_post(reporter, post.thread)
    reason = clean_text(reason, limit=500)
    if Report.objects.filter(post=post, reporter=reporter).exists():
        raise ValidationError(_("You already reported this message."))
    report = Report(post=post, reporter=reporter, reason=reason)
    report.full_clean()
    report.save()
    community = post.thread.community
    _trail(community, reporter, ModerationEntry.Action.REPORT, post=post, note=reason)
    moderators = [
        m.person
        for m in community.memberships.filter(
            role=Membership.Role.MODERATOR
        ).select_related("person")
    ]
    _notify(moderators, Notification.Kind.REPORT, post.thread, post)
    return report


@transaction.atomic
def hide_post(moderator: User, post: Post, *, note: str = "") -> Post:
    community = post.thread.community
    if not is_moderator(moderator, community):
        raise PermissionDenied(_("Only a moderator hides a message."))
    if post.is_hidden:
        raise ValidationError(_("This message is already hidden."))
    now = timezone.now()
    post.hidden_at = now
    post.full_clean()
    post.save(update_fields=["hidden_at"])
    post.reports.filter(resolved_at=None).update(resolved_at=now)
    _trail(community, moderator, ModerationEntry.Action.HIDE, post=post, note=note)
    return post


@transaction.atomic
def restore_post(moderator: User, post: Post, *, note: str = "") -> Post:
    community = post.thread.community
    if not is_moderator(moderator, community):
        raise PermissionDenied(_("Only a moderator restores a message."))
    if not post.is_hidden:
        raise ValidationError(_("This message is not hidden."))
    post.hidden_at = None
    post.save(update_fields=["hidden_at"])
    post.reports.filter(resolved_at=None).update(resolved_at=timezone.now())
    _trail(community, moderator, ModerationEntry.Action.RESTORE, post=post, note=note)
    return post


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
    if not is_moderator(moderator, community):
        raise PermissionDenied(_("Only a moderator makes a practice sheet."))
    if thread.accepted_id != post.pk:
        raise ValidationError(_("Only an accepted answer becomes a practice sheet."))
    if PracticeSheet.objects.filter(source=post).exists():
        raise ValidationError(_("This answer already has its practice sheet."))
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
    competences = (
        [thread.competence] if thread.competence else list(community.competences.all())
    )
    if not competences:
        raise ValidationError(_("Tag the community with a competence first."))
    sheet.competences.set(competences)
    _trail(community, moderator, ModerationEntry.Action.SHEET, post=post, note=title)
    return sheet


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
