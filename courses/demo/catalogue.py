"""Demo catalogue for ``manage.py load_demo``: idempotent, looked up by slug."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from courses import actions
from courses.authoring import ensure_author_group
from courses.demo import scorm as demo_scorm
from courses.demo.builders import ensure_wagtail_roots
from courses.demo.content import DEMO_COURSES, DEMO_RESOURCES, DEMO_TRANSLATIONS
from courses.demo.history import load_history
from courses.demo.history.learning import _complete, _start
from courses.demo.training import load_demo_training
from courses.models import (
    Assignment,
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    OrganisationCataloguePage,
)
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormPackage
from lms.collections import ensure_town_collection
from lms.models import Organisation, User


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def ensure_catalogue() -> CatalogueIndexPage:
    root = ensure_wagtail_roots()  # the locales too, after a live-server flush
    catalogue = CatalogueIndexPage.objects.filter(locale=Locale.get_default()).first()
    if catalogue is not None:
        return catalogue
    catalogue = CatalogueIndexPage(
        title="Catalogue des formations",
        slug="catalogue",
        intro="<p>Les formations de votre commune et celles que partage le réseau. "
        "Training courses from your town and those the network shares.</p>",
    )
    root.add_child(instance=catalogue)
    _publish(catalogue)
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=catalogue, is_default_site=True
        )
    else:
        site.root_page = catalogue
        site.save()
    if old_root is not None and old_root.depth == 2 and old_root.pk != catalogue.pk:
        # Wagtail's default "Welcome" page has nothing of ours under it.
        if not old_root.get_children().exists():
            old_root.delete()
    return catalogue


def ensure_section(
    catalogue: CatalogueIndexPage, organisation: Organisation
) -> OrganisationCataloguePage:
    section = OrganisationCataloguePage.objects.filter(
        organisation=organisation, locale=Locale.get_default()
    ).first()
    if section is None:
        section = OrganisationCataloguePage(
            title=organisation.name, slug=organisation.slug, organisation=organisation
        )
        catalogue.add_child(instance=section)
        _publish(section)
    ensure_author_group(section)
    return section


def _stream(body: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    return [{"type": block_type, "value": value} for block_type, value in body]


def ensure_course(
    section: OrganisationCataloguePage, data: dict[str, Any]
) -> CoursePage:
    course = CoursePage.objects.filter(
        slug=data["slug"], locale=Locale.get_default()
    ).first()
    if course is not None:
        return course
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        language=data["language"],
        summary=data["summary"],
        audience=data["audience"],
        duration_minutes=data["duration"],
        level=data["level"],
        organisation=section.organisation,
    )
    section.add_child(instance=course)
    course.competences.add(*data["competences"])
    _publish(course)
    for index, lesson_data in enumerate(data["lessons"], start=1):
        lesson = LessonPage(
            title=lesson_data["title"],
            slug=f"{index}-{data['slug']}"[:80],
            estimated_minutes=lesson_data["minutes"],
            body=_stream(lesson_data["body"]),
        )
        course.add_child(instance=lesson)
        _publish(lesson)
    return course


def ensure_translation(course: CoursePage, data: dict[str, Any]) -> CoursePage:
    """The course's translation with its lessons, made as an author's
    "Translate" does (simple_translation's copy for translation, subtree
    included), then given the translated titles and bodies. Blocks keep the
    source's ids, so a quiz passed in either language is the same quiz."""
    locale = Locale.objects.get(language_code=data["language"])
    translated = course.get_translation_or_none(locale)
    if translated is not None:
        return translated
    translated = CopyPageForTranslationAction(
        course, locale, include_subtree=True
    ).execute(skip_permission_checks=True)
    translated.title = data["title"]
    translated.summary = data["summary"]
    _publish(translated)
    sources = LessonPage.objects.child_of(course).order_by("path")
    lessons = LessonPage.objects.child_of(translated).order_by("path")
    for source, lesson, lesson_data in zip(
        sources, lessons, data["lessons"], strict=False
    ):
        lesson.title = lesson_data["title"]
        lesson.body = _with_ids_of(source, _stream(lesson_data["body"]))
        _publish(lesson)
    return translated


def _with_ids_of(source: LessonPage, body: list[dict[str, Any]]) -> list[Any]:
    ids = [(raw["type"], raw["id"]) for raw in source.body.raw_data]
    for index, block in enumerate(body):
        if index < len(ids) and ids[index][0] == block["type"]:
            block["id"] = ids[index][1]
    return body


@transaction.atomic
def load_demo_courses() -> list[Organisation]:
    """Returns the towns whose history was loaded now (their snapshots are to
    be rebuilt)."""
    catalogue = ensure_catalogue()
    towns = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=["saint-aubin", "montval"])
    }
    sections = {slug: ensure_section(catalogue, town) for slug, town in towns.items()}
    courses = {
        data["slug"]: ensure_course(sections[data["town"]], data)
        for data in [*DEMO_COURSES, _scorm_course()]
    }
    _demo_skills(towns, courses)
    with_history = [town for town in towns.values() if load_history(town, courses)]
    _demo_assignments(towns["saint-aubin"], courses)
    _demo_progress(courses)
    _demo_resources(courses)
    for slug, data in DEMO_TRANSLATIONS.items():
        ensure_translation(courses[slug], data)
    load_demo_training(courses)
    return with_history


def _demo_resources(courses: dict[str, CoursePage]) -> None:
    """A file to download in the first lesson of two courses, each kept in its
    course's town collection (so Montval learners get Saint-Aubin's only because
    its course is shared with the network)."""
    Document = get_document_model()
    for slug, title, filename, description, text in DEMO_RESOURCES:
        course = courses[slug]
        collection = ensure_town_collection(course.organisation)
        document = Document.objects.filter(collection=collection, title=title).first()
        if document is None:
            document = Document(title=title, collection=collection)
            document.file.save(filename, ContentFile(text.encode()), save=False)
            document.save()
        lesson = LessonPage.objects.child_of(course).order_by("path").first()
        if lesson is None or any(b.block_type == "resource" for b in lesson.body):
            continue
        lesson.body = [
            *lesson.body.raw_data,
            {
                "type": "resource",
                "value": {"document": document.pk, "description": description},
            },
        ]
        _publish(lesson)


def _scorm_course() -> dict[str, Any]:
    """A short practical exercise delivered as a SCORM 2004 package."""
    package = ScormPackage.objects.filter(identifier=demo_scorm.IDENTIFIER).first()
    if package is None:
        package = scorm_actions.import_scorm(demo_scorm.demo_package())
        package.shared = True  # the platform's own module, for every town
        package.save(update_fields=["shared"])
    return {
        "slug": "exercice-email-suspect",
        "language": "fr",
        "audience": "staff",
        "duration": 10,
        "level": "beginner",
        "town": "saint-aubin",
        "competences": ["DigComp 4.1", "Cybersécurité"],
        "title": "Exercice pratique : signaler un e-mail suspect",
        "summary": "<p>Dix minutes pour repérer les signes d'un message piégé et "
        "s'entraîner sur trois cas, dans un module SCORM.</p>",
        "lessons": [
            {
                "title": "Le module",
                "minutes": 10,
                "body": [
                    (
                        "text",
                        "<p>Lisez les trois signes, puis faites la mise en situation. "
                        "Vous pouvez vous arrêter et reprendre où vous en étiez.</p>",
                    ),
                    ("scorm", {"package": package.pk}),
                ],
            }
        ],
    }


def _demo_assignments(town: Organisation, courses: dict[str, CoursePage]) -> None:
    """The officials' awareness track, due in four months, that five
    councillors have finished and one has begun; Eli has it all to do (the staff
    campaigns come with the history, ``courses.demo.history``)."""
    course = courses["strategie-numerique-locale"]
    if Assignment.objects.filter(organisation=town, course=course).exists():
        return
    assignment = actions.create_assignment(
        town,
        course=course,
        created_by=User.objects.get(username="cleo"),  # lms.demo created her
        due_kind=Assignment.DueKind.FIXED,
        due_date=timezone.localdate() + dt.timedelta(days=120),
        include_elected=True,
    )
    councillors = list(
        User.objects.filter(organisation=town, kind=User.Kind.ELECTED, is_active=True)
        .exclude(username="eli")
        .order_by("pk")
    )
    launched = assignment.created_at - dt.timedelta(days=45)
    Assignment.objects.filter(pk=assignment.pk).update(created_at=launched)
    _complete(
        course,
        [
            (person, launched + dt.timedelta(days=6 * (n + 1), hours=18))
            for n, person in enumerate(councillors[:5])
        ],
    )
    _start(course, [(p, launched + dt.timedelta(days=30)) for p in councillors[5:6]])


def _demo_progress(courses: dict[str, CoursePage]) -> None:
    ada = User.objects.filter(username="ada").first()
    if ada is None or ada.enrolments.exists():
        return
    # Half-way through the campaign's course, due in three weeks.
    enrolment = actions.enrol(ada, courses["cybersecurite-essentiels"])
    first = (
        LessonPage.objects.child_of(enrolment.course).live().order_by("path").first()
    )
    actions.complete_lesson(enrolment, first)


COURSE_COMPETENCES = {
    "cybersecurite-essentiels": [("4.1", 2), ("4.2", 2)],
    "donnees-ouvertes": [("1.3", 3), ("3.3", 2)],
    "demarches-en-ligne-accessibles": [("2.3", 2), ("3.1", 1)],
}
ROLE_EXPECTATIONS = {
    "DIR": {"4.2": 2, "5.4": 3, "2.4": 2, "1.3": 2},
    "TIN": {"4.1": 3, "4.2": 3, "5.1": 3, "1.3": 3},
    "CDS": {"4.1": 2, "4.2": 2, "5.4": 2, "2.4": 2},
    "GRH": {"4.2": 3, "1.3": 2, "2.4": 2},
    "CPT": {"4.2": 2, "1.3": 2},
    "ACC": {"2.3": 2, "4.2": 2},
    "COM": {"3.1": 3, "3.3": 2, "2.2": 2},
    "ATE": {"4.2": 2, "2.1": 2, "1.1": 1},
    "URB": {"1.3": 2, "3.1": 2, "4.2": 2},
    "BIB": {"2.2": 2, "3.1": 2, "4.2": 2, "1.1": 2},
}


def _demo_skills(
    towns: dict[str, Organisation], courses: dict[str, CoursePage]
) -> None:
    from courses.models import CourseCompetence
    from lms.models import JobRole
    from skills.actions import load_digcomp, record_evidence, set_expectation
    from skills.models import Competence, Evidence

    version = load_digcomp()
    competences = {c.code: c for c in Competence.objects.filter(version=version)}
    for slug, links in COURSE_COMPETENCES.items():
        course = courses[slug]
        if not CourseCompetence.objects.filter(course=course).exists():
            for order, (code, level) in enumerate(links):
                CourseCompetence.objects.create(
                    course=course,
                    competence=competences[code],
                    level=level,
                    sort_order=order,
                )
    for town in towns.values():
        for role in JobRole.objects.filter(
            organisation=town, code__in=ROLE_EXPECTATIONS
        ):
            for code, level in ROLE_EXPECTATIONS[role.code].items():
                set_expectation(role, competences[code], level=level)
    ada = User.objects.filter(username="ada").first()
    if ada is not None and not Evidence.objects.filter(person=ada).exists():
        now = timezone.now()
        for months_ago, levels in (
            (14, {"4.1": 1, "4.2": 1, "1.3": 1, "5.1": 2}),
            (7, {"4.1": 2, "5.1": 2, "1.3": 2}),
        ):
            for code, level in levels.items():
                record_evidence(
                    ada,
                    competence=competences[code],
                    level=level,
                    source=Evidence.Source.SELF,
                    recorded_by=ada,
                    observed_at=now - dt.timedelta(days=30 * months_ago),
                )
        ben = User.objects.filter(username="ben").first()
        record_evidence(
            ada,
            competence=competences["5.1"],
            level=3,
            source=Evidence.Source.MANAGER,
            recorded_by=ben,
            observed_at=now - dt.timedelta(days=60),
            note="Support migration",
        )
