"""Course content (Wagtail pages) and learner state (ordinary models).

Tree: CatalogueIndexPage → OrganisationCataloguePage (one per town, so Wagtail's
page permissions give each town's authors their own subtree) → CoursePage →
LessonPage. Learner state lives in models with a foreign key to the page, never in
page fields or revisions.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses.blocks import LessonStreamBlock
from courses.page_forms import CoursePageForm, LessonPageForm
from lms.models import Department, JobRole, Organisation


class CatalogueIndexPage(Page):
    """The shared catalogue of a network: every course a person may take."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.OrganisationCataloguePage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.queries import catalogue_for

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_for(request.user, request.GET))
        return context

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from django.contrib.auth.views import redirect_to_login

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def route(self, request: Any, path_components: list[str]) -> RouteResult:
        """Resolve a course or lesson URL in two queries instead of two per level.

        Wagtail walks the tree one child lookup (plus ``.specific``) per path
        segment; below the catalogue every page's full ``url_path`` is known, so one
        lookup by slug (indexed) and ``url_path`` finds it.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        # The depth below the catalogue says which model the page is: one query.
        model = {1: OrganisationCataloguePage, 2: CoursePage, 3: LessonPage}.get(
            len(path_components)
        )
        if model is None:
            raise Http404
        page = (
            model.objects.live()
            .filter(
                slug=path_components[-1],
                url_path=url_path,
                path__startswith=self.path,
            )
            .first()
        )
        if page is None:
            raise Http404
        return RouteResult(page)


class OrganisationCataloguePage(Page):
    """One town's own courses; its authors get page permissions on this subtree."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="catalogue_page",
    )

    # Only platform admins (who alone hold Django's model permissions) choose
    # or change the town of a section; its authors see it, read-only.
    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation", permission="lms.change_organisation"),
    ]
    parent_page_types = ["courses.CatalogueIndexPage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("organisation's courses")

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from django.shortcuts import redirect

        return redirect(self.get_parent().url)


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(Page):
    class Audience(models.TextChoices):
        STAFF = "staff", _("Staff")
        ELECTED = "elected", _("Elected officials")
        BOTH = "both", _("Staff and elected officials")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Sharing(models.TextChoices):
        NETWORK = "network", _("Shared with the network")
        PRIVATE = "private", _("Private to its town")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="courses",
        editable=False,
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    summary = RichTextField(_("summary"), features=["bold", "italic", "link", "ul"])
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience, default=Audience.STAFF
    )
    duration_minutes = models.PositiveIntegerField(_("estimated duration (minutes)"))
    level = models.CharField(
        _("level"), max_length=15, choices=Level, default=Level.BEGINNER
    )
    sharing = models.CharField(
        _("sharing"), max_length=10, choices=Sharing, default=Sharing.NETWORK
    )
    prerequisites = ParentalManyToManyField(
        "self", verbose_name=_("prerequisites"), blank=True, symmetrical=False
    )
    competences = ClusterTaggableManager(
        verbose_name=_("competences"),
        through=CourseTag,
        blank=True,
        help_text=_("Competences this course addresses, e.g. “DigComp 4.1”."),
    )

    base_form_class = CoursePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("language"),
                FieldPanel("audience"),
                FieldPanel("duration_minutes"),
                FieldPanel("level"),
                FieldPanel("sharing"),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("prerequisites"),
        FieldPanel("competences"),
        InlinePanel(
            "competence_links",
            heading=_("Competences demonstrated"),
            label=_("Competence"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("audience"),
        index.FilterField("organisation"),
    ]
    parent_page_types = ["courses.OrganisationCataloguePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        parent = self.get_parent() if self.path else None
        section = parent.specific if parent else None
        if isinstance(section, OrganisationCataloguePage):
            self.organisation_id = section.organisation_id
        super().full_clean(*args, **kwargs)

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.queries import course_outline_for

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline_for(request.user, self)
        return context

    @cached_property
    def organisation_name(self) -> str:
        return self.organisation.name

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from django.contrib.auth.views import redirect_to_login

        from courses.queries import require_course_access

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require_course_access(request, self)
        return super().serve(request, *args, **kwargs)


class CourseCompetence(Orderable):
    """What completing the course demonstrates, so completions become evidence."""

    course = ParentalKey(
        CoursePage, on_delete=models.CASCADE, related_name="competence_links"
    )
    competence = models.ForeignKey(
        "skills.Competence",
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("level demonstrated"))
    min_score = models.PositiveSmallIntegerField(
        _("minimum average quiz score (%)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count any completion."),
    )

    panels = [FieldPanel("competence"), FieldPanel("level"), FieldPanel("min_score")]

    class Meta(Orderable.Meta):
        verbose_name = _("competence demonstrated")

    def __str__(self) -> str:
        return f"{self.competence} ≥ {self.level}"

    def clean(self) -> None:
        if (
            self.competence_id
            and not 1 <= self.level <= self.competence.version.levels.count()
        ):
            raise ValidationError(
                {"level": _("Choose a level of the framework's scale.")}
            )


class LessonPage(Page):
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=10)

    base_form_class = LessonPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def course(self) -> CoursePage:
        """The parent course, in one query (the parent's path is a prefix)."""
        return CoursePage.objects.select_related("organisation").get(
            path=self.path[: -self.steplen]
        )

    def quiz_blocks(self) -> list[Any]:
        return [block for block in self.body if block.block_type == "quiz"]

    def h5p_blocks(self) -> list[Any]:
        return [block for block in self.body if block.block_type == "h5p"]

    def scorm_blocks(self) -> list[Any]:
        return [block for block in self.body if block.block_type == "scorm"]

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.queries import lesson_state_for

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_state_for(request.user, self))
        return context

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        from django.contrib.auth.views import redirect_to_login

        from courses.queries import require_lesson_access

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require_lesson_access(request, self)
        return super().serve(request, *args, **kwargs)


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_enrolment_per_course"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.course}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="one_completion_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at one quiz block; every attempt is kept."""

    token = models.UUIDField(
        unique=True, help_text="Idempotency key from the quiz form."
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    answers = models.JSONField()
    score = models.DecimalField(max_digits=5, decimal_places=4)
    passed = models.BooleanField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id", "number"],
                name="attempt_numbers_are_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} #{self.number}"


def _new_certificate_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join(
        "".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3)
    )


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=20, unique=True, default=_new_certificate_code)
    issued_at = models.DateTimeField(default=timezone.now)
    # What the certificate says, frozen at issue so later renames never alter it.
    holder_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=255)
    organisation_name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("courses:certificate-verify", args=[self.code])


class Assignment(models.Model):
    """Mandatory training: a course for departments, job roles, officials or people.

    Membership is evaluated when asked, so people who join later are assigned
    automatically. The due date is fixed, or relative to each person's hire date.
    """

    class DueKind(models.TextChoices):
        FIXED = "fixed", _("On a fixed date")
        AFTER_HIRE = "after_hire", _("Within a number of days after arrival")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments (with their sub-departments)"),
        blank=True,
    )
    job_roles = models.ManyToManyField(JobRole, verbose_name=_("job roles"), blank=True)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named people"),
        blank=True,
        related_name="named_assignments",
    )
    include_elected = models.BooleanField(_("all elected officials"), default=False)
    due_kind = models.CharField(
        _("due"), max_length=12, choices=DueKind, default=DueKind.FIXED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_days = models.PositiveIntegerField(
        _("days after arrival"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mandatory training")
        verbose_name_plural = _("mandatory training")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.course)

    def get_report_url(self) -> str:
        return reverse("courses:assignment-detail", args=[self.pk])

    @property
    def report_link(self) -> str:
        from django.utils.html import format_html

        return format_html(
            '<a href="{}">{}</a>', self.get_report_url(), _("Who is done")
        )

    def clean(self) -> None:
        if self.due_kind == self.DueKind.FIXED and not self.due_date:
            raise ValidationError({"due_date": _("Give the due date.")})
        if self.due_kind == self.DueKind.AFTER_HIRE and not self.due_days:
            raise ValidationError({"due_days": _("Give the number of days.")})


class ReminderSent(models.Model):
    """One reminder e-mail; the unique key makes sending it twice impossible."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        OVERDUE = "overdue", _("After the due date")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "kind"], name="one_reminder_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} → {self.user_id} ({self.kind})"


class Statement(models.Model):
    """An xAPI 1.0.3 statement, append-only; the statement id makes it idempotent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="statements"
    )
    verb = models.CharField(max_length=255)
    object_id = models.CharField(max_length=500)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    timestamp = models.DateTimeField()
    stored = models.DateTimeField(default=timezone.now)
    data = models.JSONField(help_text="The full statement as stored.")

    class Meta:
        indexes = [
            models.Index(fields=["actor", "timestamp"]),
            models.Index(fields=["verb", "timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.object_id}"


class H5PLibrary(models.Model):
    """One H5P library, stored once per ``machineName major.minor`` and shared.

    Importing a package with a newer patch version of an installed library
    replaces its files (H5P's own rule: patches are compatible); an older or equal
    patch leaves the installed one in place.
    """

    machine_name = models.CharField(max_length=127)
    major_version = models.PositiveSmallIntegerField()
    minor_version = models.PositiveSmallIntegerField()
    patch_version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    runnable = models.BooleanField(default=False)
    metadata = models.JSONField(help_text="library.json as imported.")
    installed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"],
                name="one_h5p_library_per_minor_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


class ImportedPackage(models.Model):
    """What every uploaded package has: a random key that names its files, a
    title, the town that owns it (none: the platform's), who uploaded it."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    shared = models.BooleanField(
        _("shared with every town"),
        default=False,
        help_text=_(
            "Authors of every town may then choose it in lessons. "
            "Only platform admins may share a package."
        ),
    )
    size_bytes = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("title"), FieldPanel("organisation"), FieldPanel("shared")]

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self) -> str:
        """The owning town, or the platform for a package of no town."""
        return self.organisation.name if self.organisation_id else _("Platform")


class H5PPackage(ImportedPackage):
    """Interactive content imported from a ``.h5p`` file."""

    main_library = models.ForeignKey(
        H5PLibrary, on_delete=models.PROTECT, related_name="+"
    )
    libraries = models.ManyToManyField(H5PLibrary, related_name="packages")
    h5p_json = models.JSONField()

    class Meta(ImportedPackage.Meta):
        verbose_name = _("H5P content")
        verbose_name_plural = _("H5P content")


class H5PResult(models.Model):
    """The score of one top-level H5P statement for a block of a lesson."""

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="+"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="h5p_results"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        H5PPackage, on_delete=models.CASCADE, related_name="results"
    )
    scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    passed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["enrolment", "lesson", "block_id"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.block_id} {self.scaled}"


class H5PUserData(models.Model):
    """What H5P content saves to resume where a learner left off ("content user
    data"): one value per data type and sub-content, for one block of a lesson.

    Keyed by package too: when an author swaps the package in a block, the old
    state is never handed to the new content.
    """

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="h5p_user_data"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        H5PPackage, on_delete=models.CASCADE, related_name="user_data"
    )
    sub_content_id = models.CharField(max_length=64, default="0")
    data_type = models.CharField(max_length=64)
    data = models.TextField(help_text="JSON, as the content type saved it.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "enrolment",
                    "lesson",
                    "block_id",
                    "package",
                    "sub_content_id",
                    "data_type",
                ],
                name="one_h5p_user_data_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.block_id} {self.data_type}"


class H5PAnswer(models.Model):
    """One answered question inside H5P content, for authors' statistics.

    Kept for every ``answered`` statement that describes a question (a single
    True/False, or each question of a Question Set); a set's own compound answer
    is its ``H5PResult``.
    """

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="+"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="h5p_answers"
    )
    package = models.ForeignKey(
        H5PPackage, on_delete=models.CASCADE, related_name="answers"
    )
    sub_content_id = models.CharField(max_length=64, blank=True)
    question = models.CharField(max_length=300)
    interaction_type = models.CharField(max_length=32)
    success = models.BooleanField(null=True)
    scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["package", "sub_content_id"])]

    def __str__(self) -> str:
        return f"{self.package_id} {self.question[:40]}"


class ScormPackage(ImportedPackage):
    """A SCORM 1.2 or 2004 package; its files live under ``MEDIA_ROOT/scorm/<key>/``."""

    class Version(models.TextChoices):
        SCORM_12 = "1.2", "SCORM 1.2"
        SCORM_2004 = "2004", "SCORM 2004"

    version = models.CharField(_("version"), max_length=4, choices=Version.choices)
    edition = models.CharField(_("edition"), max_length=3, blank=True)
    identifier = models.CharField(max_length=255, blank=True)
    structure = models.JSONField(help_text="The default organization's item tree.")

    class Meta(ImportedPackage.Meta):
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")

    @property
    def version_label(self) -> str:
        label = self.get_version_display()
        return f"{label} ({self.edition})" if self.edition else label


class ScormSco(models.Model):
    """A launchable item of a package's default organization (a SCO or an asset)."""

    package = models.ForeignKey(
        ScormPackage, on_delete=models.CASCADE, related_name="scos"
    )
    identifier = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    launch = models.CharField(max_length=2000, help_text="Path and parameters.")
    position = models.PositiveSmallIntegerField()
    visible = models.BooleanField(default=True)
    is_sco = models.BooleanField(default=True)
    mastery_score = models.DecimalField(
        max_digits=7, decimal_places=4, null=True, help_text="SCORM 1.2, 0–100."
    )
    scaled_passing_score = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, help_text="SCORM 2004, −1–1."
    )
    data_from_lms = models.TextField(blank=True)

    class Meta:
        ordering = ["package", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "identifier"], name="one_sco_per_identifier"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts(self) -> bool:
        """Required for completion: a tracked SCO the learner can open."""
        return self.is_sco and self.visible


class ScormAttempt(models.Model):
    """One attempt at a SCORM block; a new one starts only when the learner asks,
    and earlier ones are kept."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="scorm_attempts"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(
        ScormPackage, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id", "package", "number"],
                name="scorm_attempt_numbers_are_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.block_id} #{self.number}"


class ScormScoState(models.Model):
    """The run-time data of one SCO in one attempt, as last committed.

    ``session`` is issued by the server at each launch; only commits of the
    current session with a higher sequence number change anything (and the late
    last commit of the previous session, see ``actions.commit_scorm``), so a
    replayed commit cannot roll data back. Closed sessions add up in
    ``closed_seconds``; the total time is that plus the current session's time.
    """

    attempt = models.ForeignKey(
        ScormAttempt, on_delete=models.CASCADE, related_name="states"
    )
    sco = models.ForeignKey(ScormSco, on_delete=models.CASCADE, related_name="+")
    cmi = models.JSONField(default=dict)
    completion_status = models.CharField(max_length=16, blank=True)
    success_status = models.CharField(max_length=16, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    exit = models.CharField(max_length=16, blank=True)
    session = models.UUIDField(null=True)
    sequence = models.PositiveIntegerField(default=0)
    session_seconds = models.FloatField(default=0)
    closed_seconds = models.FloatField(default=0)
    previous_session = models.UUIDField(null=True)
    previous_sequence = models.PositiveIntegerField(default=0)
    previous_seconds = models.FloatField(default=0)
    launches = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "sco"], name="one_state_per_sco_and_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt} {self.sco_id} {self.completion_status}"

    @property
    def total_seconds(self) -> float:
        return self.closed_seconds + self.session_seconds

    @property
    def satisfied(self) -> bool:
        """Completed, and not failed (the rule for lesson progress)."""
        return self.completion_status == "completed" and self.success_status != "failed"
