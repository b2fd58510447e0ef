"""Communities of practice, their threads and posts, what people asked to hear
about, moderation's trail, practice sheets and intercity exchanges.

Every community belongs to one town; it is open to that town only or to the
town's whole network. Nothing here is ever visible outside the owner's network
(``courses.community.queries`` decides who sees what).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Network, Organisation
from skills.models import Competence

TITLE_MAX = 200
BODY_MAX = 5000


class Preference(models.Model):
    """A person's choices: helping other towns (off until they say so) and how
    they hear about what happens in their communities."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("An e-mail for each notification")
        DAILY = "daily", _("A daily digest")
        WEEKLY = "weekly", _("A weekly digest")
        NONE = "none", _("No e-mail")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_preference",
    )
    helps_network = models.BooleanField(
        _("offer my help to colleagues of other towns"),
        default=False,
        help_text=_(
            "Questions of other towns of the network on competences where your "
            "level is established (validated or assessed) may be offered to you."
        ),
    )
    delivery = models.CharField(
        _("notifications by e-mail"),
        max_length=10,
        choices=Delivery,
        default=Delivery.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("community preference")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.delivery}"


class Community(models.Model):
    class Scope(models.TextChoices):
        NETWORK = "network", _("The whole network")
        TOWN = "town", _("This town only")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("town"),
        on_delete=models.CASCADE,
        related_name="communities",
    )
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    scope = models.CharField(
        _("open to"), max_length=10, choices=Scope, default=Scope.NETWORK
    )
    competences = models.ManyToManyField(
        Competence,
        verbose_name=_("competences"),
        blank=True,
        related_name="communities",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:community-detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.scope == self.Scope.NETWORK
            and self.organisation_id
            and self.organisation.network_id is None
        ):
            raise ValidationError(
                {"scope": _("This town belongs to no network: keep it to the town.")}
            )


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"], name="one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.community_id} ({self.role})"


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="threads"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    needed_level = models.PositiveSmallIntegerField(
        _("level needed"), null=True, blank=True
    )
    asks_network = models.BooleanField(
        _("ask colleagues of other towns"), default=False
    )
    accepted = models.OneToOneField(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread-detail", args=[self.pk])

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    def clean(self) -> None:
        if self.asks_network and not (
            self.is_question and self.competence_id and self.needed_level
        ):
            raise ValidationError(
                _("To ask the network, name a competence and the level needed.")
            )
        if self.competence is not None and self.needed_level is not None:
            top = self.competence.version.levels.count()
            if not 1 <= self.needed_level <= top:
                raise ValidationError(
                    {"needed_level": _("Choose a level of the framework's scale.")}
                )


class Post(models.Model):
    """One message: a thread's opening post or a reply. Plain text, shown
    escaped; a moderator may hide it (the row stays, for the trail)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("message"), max_length=BODY_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="one_mention")
        ]

    def __str__(self) -> str:
        return f"@{self.person_id} in {self.post_id}"


class Subscription(models.Model):
    """Following a thread (hear of each reply) or muting it (hear nothing, not
    even mentions)."""

    class State(models.TextChoices):
        FOLLOW = "follow", _("Following")
        MUTE = "mute", _("Muted")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="subscriptions"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "person"], name="one_subscription"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.state} {self.thread_id}"


class Offer(models.Model):
    """A question of the network offered to one helper (who opted in)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="offers")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField()
    rank = models.PositiveSmallIntegerField()
    offered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "helper"], name="one_offer")
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} → {self.helper_id}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REPLY = "reply", _("New reply")
        MENTION = "mention", _("Mentioned")
        OFFER = "offer", _("A question for you")
        ACCEPTED = "accepted", _("Answer accepted")
        REPORT = "report", _("Post reported")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_notifications",
    )
    kind = models.CharField(max_length=10, choices=Kind)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the notification left by e-mail (immediately or in a digest).
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "mailed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id}"


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report")
        ]

    def __str__(self) -> str:
        return f"report of {self.post_id}"


class ModerationEntry(models.Model):
    """The audit trail: who did what to which post or thread, when. Append-only."""

    class Action(models.TextChoices):
        REPORT = "report", _("Reported a post")
        HIDE = "hide", _("Hid a post")
        RESTORE = "restore", _("Restored a post")
        ACCEPT = "accept", _("Accepted an answer")
        SHEET = "sheet", _("Made a practice sheet")
        MODERATOR = "moderator", _("Made a moderator")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="trail"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action)
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("The moderation trail is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class PracticeSheet(models.Model):
    """A short reusable page a moderator made from an accepted answer, readable
    by the whole network of the community's town."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="practice_sheets"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("practice"), max_length=BODY_MAX)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), related_name="practice_sheets"
    )
    source = models.OneToOneField(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="sheet"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("practice sheet")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:sheet-detail", args=[self.pk])


class Challenge(models.Model):
    """What a town wants to learn from the others ("open our budget data")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="challenges"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("description"), max_length=BODY_MAX)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:challenge-detail", args=[self.pk])


class Exchange(models.Model):
    """A peer visit or call between the challenge's town and another, with what
    came of it."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="exchanges"
    )
    with_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("with the town"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    happened_on = models.DateField(_("date"))
    outcome = models.TextField(_("outcome"), max_length=BODY_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.happened_on}"


# Attachments: what a post may carry, kept as Wagtail documents in the poster's
# town's collection (served by Wagtail's view, access checked per download).
ATTACHMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "ods", "csv", "txt")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_POST = 3


class Attachment(models.Model):
    """A file attached to a post: a document of the poster's town's collection.
    Readable by whoever may read the post (``queries.may_download_attachment``)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.document_id}"
