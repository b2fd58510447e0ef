"""Town A (Montval): one object of every kind that must never reach town B.

Every object carries ``MARKER`` in a displayed field and, where the model has an
integer key, the key ``ID``, so any ``<int:…>`` URL parameter filled with ``ID``
names town A's object whatever model the URL is about. Pages share one id space,
so the private course is ``ID`` and its lesson ``SECOND_ID``. Montval itself is
renumbered to ``ID``. The H5P and SCORM packages share one random ``key``.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Revision, UploadedFile

from courses.demo.builders import make_catalogue, make_section, quiz_value
from courses.demo.h5p_packages import build, valid_files
from courses.demo.scorm_packages import MANIFEST_12, SCO_PAGE, scorm_zip
from courses.h5p import actions as h5p_actions
from courses.h5p.models import H5PAnswer, H5PPackage, H5PResult, H5PUserData
from courses.models import (
    Assignment,
    Certificate,
    CoursePage,
    Enrolment,
    LessonPage,
    QuizAttempt,
)
from courses.packages import store as package_store
from courses.records.models import Statement
from courses.scorm import actions as scorm_actions
from courses.scorm.models import ScormAttempt, ScormPackage, ScormScoState
from lms.actions import check_people_import_job, start_people_import
from lms.models import Department, ImportJob, JobRole, Organisation, User
from lms.testing import make_person
from reporting.plan.models import PlanManager
from skills.models import (
    Competence,
    CompetenceArea,
    Evidence,
    Framework,
    FrameworkVersion,
    ProficiencyLevel,
    RoleExpectation,
)
from tests.town_a.marks import (
    BLOCK_ID,
    ID,
    LABEL,
    MARKER,
    SEARCH_WORD,
    SECOND_ID,
    TownA,
    next_ids_from,
    renumber,
)
from tests.town_a.peer import _community, _maturity, _mentoring, _plan_objects


def build_town_a(cls: Any, *, hugo: User, organisation: Organisation) -> TownA:
    """Create town A's objects (after ``build_personas``) and describe them."""
    renumber(organisation, ID)
    organisation.refresh_from_db()
    hugo.refresh_from_db()
    catalogue = make_catalogue()
    make_section(catalogue, cls.town)
    section = make_section(catalogue, organisation)

    department = Department.add_root(
        instance=Department(
            id=ID, organisation=organisation, code="QSV", name=f"{LABEL} service"
        )
    )
    job_role = JobRole.objects.create(
        id=ID, organisation=organisation, code="QSV", name=f"{LABEL} officer"
    )
    person = make_person(
        "quintessa",
        organisation,
        id=ID,
        first_name=SEARCH_WORD,
        last_name=MARKER,
        email=f"{SEARCH_WORD}.{MARKER}@montval.example".lower(),
        employee_number=f"{MARKER}-7",
        department=department,
        job_role=job_role,
        manager=hugo,
        hire_date=dt.date(2021, 3, 1),
    )

    framework = Framework.objects.create(
        id=ID,
        slug="quintessa-framework",
        name=f"{LABEL} framework",
        organisation=organisation,
    )
    version = FrameworkVersion.objects.create(id=ID, framework=framework, label="1")
    ProficiencyLevel.objects.create(
        id=ID,
        version=version,
        number=1,
        code="base",
        name_en=f"{LABEL} level",
        name_fr=f"{LABEL} niveau",
    )
    area = CompetenceArea.objects.create(
        id=ID,
        version=version,
        code="Q",
        name_en=f"{LABEL} area",
        name_fr=f"{LABEL} domaine",
    )
    competence = Competence.objects.create(
        id=ID,
        version=version,
        area=area,
        code="Q.1",
        name_en=f"{LABEL} competence",
        name_fr=f"{LABEL} compétence",
    )
    RoleExpectation.objects.create(
        id=ID, job_role=job_role, competence=competence, level=1
    )
    Evidence.objects.create(
        id=ID,
        person=person,
        competence=competence,
        level=1,
        source=Evidence.Source.MANAGER,
        recorded_by=hugo,
        observed_at=timezone.now(),
        note=f"{LABEL} evidence",
    )
    next_ids_from(ImportJob, ID)
    job = start_people_import(
        organisation,
        uploaded_by=hugo,
        filename=f"{LABEL} people.csv",
        content=(
            "employee_number,last_name,first_name,department_code\n"
            f"{MARKER}-8,{MARKER},{SEARCH_WORD},QSV\n"
        ).encode(),
    )
    check_people_import_job(job)
    if job.pk != ID or job.status != ImportJob.Status.VALID:
        raise RuntimeError(f"import job {job.pk} is {job.status}: {job.report}")

    next_ids_from(H5PPackage, ID)
    h5p_files = valid_files()
    h5p_files["h5p.json"]["title"] = f"{LABEL} H5P"
    h5p_files["content/content.json"] = {"question": f"{LABEL} question?"}
    h5p = h5p_actions.import_h5p(
        build(h5p_files), organisation=organisation, uploaded_by=hugo
    )
    next_ids_from(ScormPackage, ID)
    scorm = scorm_actions.import_scorm(
        scorm_zip(
            MANIFEST_12.replace("Password basics", f"{LABEL} SCORM"),
            {"sco1/index.html": SCO_PAGE.replace(b"A tiny SCO", LABEL.encode())},
        ),
        organisation=organisation,
        uploaded_by=hugo,
    )
    # Both packages answer to one key (they live in different tables).
    key = h5p.key
    package_store.scorm_root(scorm.key).rename(package_store.scorm_root(key))
    ScormPackage.objects.filter(pk=scorm.pk).update(key=key)
    if (h5p.pk, scorm.pk) != (ID, ID):
        raise RuntimeError(f"packages got ids {h5p.pk} and {scorm.pk}")

    # Wagtail saves new pages only without an id: the next ids are set instead.
    next_ids_from(Page, ID)
    course = CoursePage(
        title=f"{LABEL} course",
        slug="quintessa-course",
        organisation=organisation,
        summary=f"<p>{LABEL} summary</p>",
        duration_minutes=20,
        sharing=CoursePage.Sharing.PRIVATE,
    )
    section.add_child(instance=course)
    quiz = quiz_value()
    quiz["title"] = f"{LABEL} quiz"
    lesson = LessonPage(
        title=f"{LABEL} lesson",
        slug="quintessa-lesson",
        body=[
            {"type": "text", "value": f"<p>{LABEL} text</p>", "id": "matrixtext"},
            {"type": "quiz", "value": quiz, "id": BLOCK_ID},
            {"type": "h5p", "value": {"package": ID, "pass_mark": 50}, "id": BLOCK_ID},
            {"type": "scorm", "value": {"package": ID}, "id": BLOCK_ID},
        ],
    )
    course.add_child(instance=lesson)
    if (course.pk, lesson.pk) != (ID, SECOND_ID):
        raise RuntimeError(f"pages got ids {course.pk} and {lesson.pk}")
    course.summary = f"<p>{LABEL} draft summary</p>"
    next_ids_from(Revision, ID)
    course.save_revision(user=hugo)
    Revision.objects.filter(pk=ID).update(object_str=f"{LABEL} course (draft)")
    log(instance=course, action="wagtail.edit", user=hugo)
    log(instance=person, action="wagtail.edit", user=hugo)

    assignment = Assignment.objects.create(
        id=ID,
        organisation=organisation,
        course=course,
        due_date=dt.date(2031, 1, 31),
        created_by=hugo,
    )
    assignment.people.add(person)

    enrolment = Enrolment.objects.create(id=ID, user=person, course=course)
    Certificate.objects.create(
        id=ID,
        enrolment=enrolment,
        holder_name=f"{SEARCH_WORD} {MARKER}",
        course_title=f"{LABEL} course",
        organisation_name=organisation.name,
    )
    QuizAttempt.objects.create(
        id=ID,
        token=uuid.uuid4(),
        enrolment=enrolment,
        lesson=lesson,
        block_id=BLOCK_ID,
        number=1,
        answers={"0": [1], "1": [0, 2]},
        score=Decimal("0.5"),
        passed=True,
    )
    statement = Statement.objects.create(
        actor=person,
        verb="http://adlnet.gov/expapi/verbs/answered",
        object_id=f"h5p:{key}",
        organisation=organisation,
        timestamp=timezone.now(),
        data={"actor": {"name": LABEL}, "result": {"response": MARKER}},
    )
    h5p = H5PPackage.objects.get(pk=ID)
    H5PResult.objects.create(
        id=ID,
        statement=statement,
        enrolment=enrolment,
        lesson=lesson,
        block_id=BLOCK_ID,
        package=h5p,
        scaled=Decimal("0.5"),
    )
    H5PAnswer.objects.create(
        id=ID,
        statement=statement,
        enrolment=enrolment,
        package=h5p,
        question=f"{LABEL} question?",
        interaction_type="true-false",
        success=True,
    )
    H5PUserData.objects.create(
        id=ID,
        enrolment=enrolment,
        lesson=lesson,
        block_id=BLOCK_ID,
        package=h5p,
        data_type="state",
        data=f'{{"answer": "{LABEL}"}}',
    )
    scorm = ScormPackage.objects.get(pk=ID)
    attempt = ScormAttempt.objects.create(
        id=ID,
        enrolment=enrolment,
        lesson=lesson,
        block_id=BLOCK_ID,
        package=scorm,
        number=1,
    )
    ScormScoState.objects.create(
        id=ID,
        attempt=attempt,
        sco=scorm.scos.first(),
        cmi={"cmi.core.lesson_location": LABEL, "cmi.suspend_data": MARKER},
        session=uuid.uuid4(),
    )

    _mentoring(organisation, person=person, hugo=hugo, competence=competence)

    collection = _town_collection(organisation)
    own_collection = collection.add_child(
        instance=Collection(id=ID, name=f"{LABEL} collection")
    )
    document_filename = "quintessa-notes.txt"
    get_document_model().objects.create(
        id=ID,
        title=f"{LABEL} document",
        collection=own_collection,
        uploaded_by_user=hugo,
        file=ContentFile(f"{LABEL} notes\n".encode(), name=document_filename),
    )
    get_image_model().objects.create(
        id=ID,
        title=f"{LABEL} image",
        collection=own_collection,
        uploaded_by_user=hugo,
        file=ContentFile(_png(), name="quintessa.png"),
        width=8,
        height=8,
    )
    UploadedFile.objects.create(
        id=ID,
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=hugo,
        file=ContentFile(_png(), name=f"{MARKER.lower()}-upload.png"),
    )
    EditingSession.objects.create(
        id=ID,
        user=hugo,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(ID),
        last_seen_at=timezone.now(),
        is_editing=True,
    )
    _plan_objects(organisation, department, course)
    PlanManager.objects.create(
        id=ID, organisation=organisation, person=person, appointed_by=hugo
    )
    _community(organisation, person)
    _maturity(organisation, person)
    site_root = section.get_parent().url_path
    return TownA(
        organisation=organisation,
        person=person,
        key=key,
        course_path=course.url_path.removeprefix(site_root),
        lesson_path=lesson.url_path.removeprefix(site_root),
        document_filename=document_filename,
        package_files=("h5p.json", "imsmanifest.xml"),
    )


def _town_collection(organisation: Organisation) -> Collection:
    """Town A's own collection if the platform gives towns one, else the root."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name__icontains=organisation.name).first() or root


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()
