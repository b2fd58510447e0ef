"""Course content: the Wagtail page tree.

Tree: CatalogueIndexPage → OrganisationCataloguePage (one per town, so Wagtail's
page permissions give each town's authors their own subtree) → CoursePage →
LessonPage. Learner state lives in ``courses.models.learning``, with a foreign
key to the page, never in page fields or revisions. Pages import nothing above
them: who may open a page is checked by ``courses.wagtail_hooks`` before it is
served, and what a page shows about the learner is read by its template
(``courses_tags``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses import activities
from courses.blocks import LessonStreamBlock
from courses.choices import Audience, Level, Sharing
from courses.page_forms import CoursePageForm, LessonPageForm
from courses.tree_cache import cached_for_tree
from lms.models import Organisation


class ViewRestrictionsInOneQuery:
    """Wagtail's page view restrictions of a page and its ancestors, checked
    before every page is served, in one query instead of two.

    Wagtail reads the ancestors, then the restrictions of each (of its source
    when an ancestor is an alias). The ancestors' paths are prefixes of the
    page's own, so both steps fit in one statement; sources of sources cover an
    alias of an alias. A restriction on an alias itself (Wagtail gives aliases
    none) would count too: stricter, never looser.

    Most pages have none: whether a page has any is kept per page tree version
    (``courses.tree_cache``), so an unrestricted page needs no query at all.
    """

    path: str
    steplen: int

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        restricted = cached_for_tree(
            f"restricted:{self.path}", lambda: self._view_restrictions().exists()
        )
        if not restricted:
            return PageViewRestriction.objects.none()
        return self._view_restrictions()

    def _view_restrictions(self) -> QuerySet[PageViewRestriction]:
        paths = [
            self.path[:end]
            for end in range(self.steplen, len(self.path) + 1, self.steplen)
        ]
        chain = Page.objects.filter(path__in=paths)
        sources = Page.objects.filter(pk__in=chain.values("alias_of_id"))
        return PageViewRestriction.objects.filter(
            Q(page__in=chain)
            | Q(page__in=sources)
            | Q(page__in=sources.values("alias_of_id"))
        )


class TranslatedPage:
    """A course or lesson and its translations are one course or lesson.

    Its identity is its **source**: the original page of its translation group
    (same ``translation_key``), the first one created, from which Wagtail's
    "Translate" action copied the others. Learner records (enrolments, lesson
    completions, quiz attempts, attestations, assignments, evidence) point at the
    source, whatever language the page was read in: writes resolve the page to
    its source, reads match it by ``translation_key``.
    """

    pk: int
    translation_key: Any

    @cached_property
    def source(self) -> Any:
        """The source page (``self`` when it is no translation): one query."""
        model: Any = type(self)
        first = (
            model.objects.filter(translation_key=self.translation_key)
            .order_by("pk")
            .first()
        )
        return self if first is None or first.pk == self.pk else first

    @property
    def is_translation(self) -> bool:
        return self.source.pk != self.pk


class CatalogueIndexPage(ViewRestrictionsInOneQuery, Page):
    """The shared catalogue of a network: every course a person may take."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.OrganisationCataloguePage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue")

    @property
    def localized(self) -> CatalogueIndexPage:
        """The catalogue routes every language itself (``route``): Wagtail need not
        look for its translation before each page is served."""
        return self

    def route(self, request: Any, path_components: list[str]) -> RouteResult:
        """Resolve a course or lesson URL in one query instead of two per level,
        none once the page tree cache holds it.

        Wagtail walks the tree one child lookup (plus ``.specific``) per path
        segment; below the catalogue every page's full ``url_path`` is known, so one
        lookup by slug (indexed) and ``url_path`` finds it.

        A course and its translations share their URL below the catalogue (the
        catalogue's translations are site roots of the same site): the page in
        the active language is served, else the one that exists (a course not
        yet translated, or only in the other language).
        """
        if not path_components:
            localized = Page.localized.fget(self)
            return super(CatalogueIndexPage, localized).route(request, [])
        if len(path_components) > 3:
            raise Http404
        rest = "/".join(path_components) + "/"
        language = translation.get_language()
        # The same for every reader: kept per page tree version (and language).
        page = cached_for_tree(
            f"route:{self.pk}:{language}:{rest}",
            lambda: self._find_below(path_components, rest, language),
        )
        if page is None:
            raise Http404
        return RouteResult(page)

    def _find_below(
        self, path_components: list[str], rest: str, language: str
    ) -> Page | None:
        roots = self._catalogue_roots()
        # The depth below the catalogue says which model the page is: one query.
        models_by_depth: dict[int, type[Page]] = {
            1: OrganisationCataloguePage,
            2: CoursePage,
            3: LessonPage,
        }
        model = models_by_depth[len(path_components)]
        pages = model.objects.live().filter(
            slug=path_components[-1],
            url_path__in=[root_path + rest for root_path in roots],
        )
        if model is CoursePage:
            # The course page names its town; the access check reads the
            # course's fields: both from this cached instance.
            pages = pages.select_related("organisation")
        found = sorted(
            pages,
            key=lambda page: (roots[page.url_path[: -len(rest)]] != language, page.pk),
        )
        if not found:
            return None
        if isinstance(found[0], LessonPage):
            found[0].course  # noqa: B018 (cached with the lesson: no query per request)
        return found[0]

    def _catalogue_roots(self) -> dict[str, str]:
        """``url_path`` → language of this catalogue and its translations, from
        Wagtail's cached site root paths (no query once cached)."""
        roots = {
            root.root_path: root.language_code
            for root in Site.get_site_root_paths()
            if root.root_path.count("/") == self.url_path.count("/")
        }
        if self.url_path not in roots:
            roots[self.url_path] = self.locale_language_code
        return roots

    @cached_property
    def locale_language_code(self) -> str:
        return Locale.objects.get(pk=self.locale_id).language_code


class OrganisationCataloguePage(Page):
    """One town's own courses; its authors get page permissions on this subtree."""

    # One section per town and language: its translations name the same town.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="catalogue_pages",
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
        return redirect(self.get_parent().url)


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(TranslatedPage, ViewRestrictionsInOneQuery, Page):
    Audience = Audience
    Level = Level
    Sharing = Sharing

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

    # A translation reads its source's competences (``competence_source``):
    # they are not copied, so they never diverge between languages.
    exclude_fields_in_copy = ["competences", "tagged_items", "competence_links"]

    def copy(self, *args: Any, update_attrs: Any = None, **kwargs: Any) -> Any:
        """A copy for translation speaks its locale's language (catalogue filter,
        ``lang`` attributes)."""
        locale = (update_attrs or {}).get("locale")
        if locale is not None:
            update_attrs = {**update_attrs, "language": locale.language_code}
        return super().copy(*args, update_attrs=update_attrs, **kwargs)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        parent = self.get_parent() if self.path else None
        section = parent.specific if parent else None
        if isinstance(section, OrganisationCataloguePage):
            self.organisation_id = section.organisation_id
        super().full_clean(*args, **kwargs)

    @cached_property
    def organisation_name(self) -> str:
        return self.organisation.name

    def prerequisite_courses(self) -> list[CoursePage]:
        """The courses to take before this one, in tree order: the same for
        every reader, kept in the page tree cache (publishing either page
        replaces it)."""
        return cached_for_tree(
            f"prerequisites:{self.pk}",
            lambda: list(self.prerequisites.order_by("path")),
        )


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


class LessonPage(TranslatedPage, ViewRestrictionsInOneQuery, Page):
    body = StreamField(LessonStreamBlock, verbose_name=_("content"), blank=True)
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
        return self.blocks_of("quiz")

    def blocks_of(self, *block_types: str) -> list[Any]:
        """The body's blocks of these types, in order. Only they are converted
        from the stored JSON (an image block, say, would read its image)."""
        return [self.body[i] for i in self.block_indexes(*block_types)]

    def block_indexes(self, *block_types: str) -> list[int]:
        return [
            index
            for index, raw in enumerate(self.body.raw_data)
            if raw["type"] in block_types
        ]

    def has_blocks_of(self, *block_types: str) -> bool:
        return bool(self.block_indexes(*block_types))

    def activity_blocks(self) -> list[Any]:
        """Blocks of the registered activity kinds (H5P, SCORM…)."""
        return self.blocks_of(*activities.names())
