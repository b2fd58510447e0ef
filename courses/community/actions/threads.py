"""Writes of community threads: text and mentions, notifications, attachments,
threads, replies, follows and accepted answers (with their evidence).

Each action runs in a transaction, checks who acts, and validates before it
writes: bad input raises ``ValidationError`` and changes nothing. E-mails go
through the task queue once the transaction is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from courses.community.actions.common import (
    _check_mentions,
    _may_post,
    _notify,
    _trail,
    clean_text,
)
from courses.community.actions.communities import join
from courses.community.models import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    ATTACHMENTS_PER_POST,
    Attachment,
    Community,
    Membership,
    Mention,
    ModerationEntry,
    Notification,
    Offer,
    Post,
    Subscription,
    Thread,
)
from courses.community.queries import (
    helpers_for,
    is_moderator,
)
from lms.collections import ensure_town_collection
from lms.models import User
from skills.actions import record_evidence
from skills.models import Competence, Evidence

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
        _check_attachment(upload)


def _check_attachment(upload: UploadedFile) -> None:
    """One file: an accepted type, not empty, not too large, content of its type."""
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
    _check_may_accept(actor, thread, post)
    thread.accepted = post
    thread.full_clean()
    thread.save(update_fields=["accepted"])
    _trail(community, actor, ModerationEntry.Action.ACCEPT, post=post)
    evidence = _answer_evidence(actor, thread, post)
    _notify([post.author], Notification.Kind.ACCEPTED, thread, post)
    return evidence


def _check_may_accept(actor: User, thread: Thread, post: Post) -> None:
    """Only the asker or a moderator accepts, once per question, a visible reply
    by someone other than the asker."""
    if actor.pk != thread.author_id and not is_moderator(actor, thread.community):
        raise PermissionDenied(_("Only the asker or a moderator accepts an answer."))
    if not thread.is_question:
        raise ValidationError(_("Only a question has an accepted answer."))
    if thread.accepted_id is not None:
        raise ValidationError(_("This question already has an accepted answer."))
    if post.is_hidden:
        raise ValidationError(_("A hidden message cannot be accepted."))
    if post.author_id == thread.author_id:
        raise ValidationError(_("The asker's own message cannot be the answer."))


def _answer_evidence(actor: User, thread: Thread, post: Post) -> Evidence | None:
    """Evidence for the answerer when the question names a competence and the
    level it needs; ``None`` otherwise."""
    if thread.competence is None or not thread.needed_level:
        return None
    return record_evidence(
        post.author,
        competence=thread.competence,
        level=thread.needed_level,
        source=Evidence.Source.PEER,
        trust=Evidence.Trust.PEER,
        recorded_by=actor,
        source_ref=f"community:post:{post.pk}",
        note=thread.title[:200],
    )
