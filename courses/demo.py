"""Demo catalogue for ``manage.py load_demo``: idempotent, looked up by slug."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from wagtail.models import Page, Site

from courses import actions
from courses.authoring import ensure_author_group
from courses.demo_content import DEMO_COURSES
from courses.models import (
    Assignment,
    CatalogueIndexPage,
    CoursePage,
    LessonPage,
    OrganisationCataloguePage,
)
from lms.models import Department, Organisation, User


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def ensure_catalogue() -> CatalogueIndexPage:
    catalogue = CatalogueIndexPage.objects.first()
    if catalogue is not None:
        return catalogue
    root = Page.get_first_root_node()
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
        organisation=organisation
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
    course = CoursePage.objects.filter(slug=data["slug"]).first()
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


@transaction.atomic
def load_demo_courses() -> None:
    catalogue = ensure_catalogue()
    towns = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=["saint-aubin", "montval"])
    }
    sections = {slug: ensure_section(catalogue, town) for slug, town in towns.items()}
    courses = {
        data["slug"]: ensure_course(sections[data["town"]], data)
        for data in DEMO_COURSES
    }
    _demo_assignments(towns["saint-aubin"], courses)
    _demo_progress(courses)


def _demo_assignments(town: Organisation, courses: dict[str, CoursePage]) -> None:
    if Assignment.objects.filter(organisation=town).exists():
        return
    admin = User.objects.filter(username="cleo").first()
    actions.create_assignment(
        town,
        course=courses["cybersecurite-essentiels"],
        created_by=admin,
        due_kind=Assignment.DueKind.AFTER_HIRE,
        due_days=60,
        departments=list(Department.objects.filter(organisation=town, depth=1)),
    )
    actions.create_assignment(
        town,
        course=courses["strategie-numerique-locale"],
        created_by=admin,
        due_kind=Assignment.DueKind.FIXED,
        due_date=dt.date(2027, 3, 31),
        include_elected=True,
    )


def _demo_progress(courses: dict[str, CoursePage]) -> None:
    ada = User.objects.filter(username="ada").first()
    if ada is None or ada.enrolments.exists():
        return
    enrolment = actions.enrol(ada, courses["cybersecurity-essentials"])
    first = (
        LessonPage.objects.child_of(enrolment.course).live().order_by("path").first()
    )
    actions.complete_lesson(enrolment, first)
