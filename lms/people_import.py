"""The people import's two runs, as the background worker makes them: the dry
run (``check_people_import_job``) and the writing (``apply_people_import_job``).

``lms.actions`` starts them through ``lms.tasks``, whose tasks call this module:
the writes live apart from the code that queues them, so the two import one way.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import ImportJob, Organisation, User
from lms.people_file import (
    PERSON_FIELDS,
    ImportPlan,
    PeopleFileError,
    PersonRow,
    import_username,
    plan_import,
    read_table,
)

BATCH = 1000


def _plan_for(job: ImportJob, *, track_progress: bool) -> ImportPlan:
    header, rows = read_table(job.filename, bytes(job.content))
    job.total_rows = len(rows)

    def progress(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return plan_import(
        job.organisation,
        header,
        rows,
        deactivate_missing=job.deactivate_missing,
        progress=progress if track_progress else None,
    )


def check_people_import_job(job: ImportJob) -> ImportJob:
    """Dry run: record what the file would change and every bad row."""
    job.status = ImportJob.Status.VALIDATING
    job.save(update_fields=["status"])
    try:
        plan = _plan_for(job, track_progress=True)
    except PeopleFileError as exc:
        job.status = ImportJob.Status.INVALID
        job.report = {"file_error": str(exc), "errors": [], "error_count": 1}
    else:
        job.status = (
            ImportJob.Status.VALID if plan.is_valid else ImportJob.Status.INVALID
        )
        job.report = plan.summary()
    job.processed_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save()
    return job


def apply_people_import_job(job: ImportJob) -> ImportJob:
    """Write a checked file: all rows or none.

    The file is checked again against the database as it is now, since people may
    have changed since the dry run.
    """
    try:
        plan = _plan_for(job, track_progress=False)
    except PeopleFileError as exc:
        plan = None
        job.report = {"file_error": str(exc), "errors": [], "error_count": 1}
    if plan is None or not plan.is_valid:
        if plan is not None:
            job.report = plan.summary()
        job.status = ImportJob.Status.INVALID
    else:
        try:
            apply_people_plan(job.organisation, plan)
        except IntegrityError:
            # Another account took a username or number between this check and
            # the write (the transaction wrote nothing): say so, never stay
            # "applying".
            job.report = {
                "file_error": _(
                    "Another account was created with one of these usernames or "
                    "employee numbers while the file was being applied. Nothing "
                    "was written; upload the file again to check it."
                ),
                "errors": [],
                "error_count": 1,
            }
            job.status = ImportJob.Status.FAILED
        else:
            job.report = plan.summary()
            job.status = ImportJob.Status.APPLIED
    job.processed_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save()
    return job


@transaction.atomic
def apply_people_plan(organisation: Organisation, plan: ImportPlan) -> None:
    """Create, update and deactivate people as ``plan`` says, in bulk.

    New people are created level by level down the management chain, so each
    one's manager already has an id: no second pass over the created rows.
    Existing people are written only for the fields that changed.
    """
    if not plan.is_valid:
        raise ValueError("Only a plan without errors can be applied.")
    by_number = {row.employee_number: row for row in plan.rows}
    ids = dict(
        User.objects.filter(organisation=organisation)
        .exclude(employee_number=None)
        .values_list("employee_number", "pk")
    )
    _create_people(organisation, [by_number[n] for n in plan.to_create], ids)
    _update_people(organisation, plan, by_number, ids)


def _create_people(
    organisation: Organisation, rows: list[PersonRow], ids: dict[str, int]
) -> None:
    unusable = make_password(None)
    pending = rows
    while pending:
        ready = [r for r in pending if not r.manager_number or r.manager_number in ids]
        if not ready:  # a cycle; plan_import refuses those, so this is a bug
            raise ValueError("Management chain loops among new people.")
        created = User.objects.bulk_create(
            [
                User(
                    organisation=organisation,
                    employee_number=row.employee_number,
                    username=import_username(organisation, row.employee_number),
                    password=unusable,
                    manager_id=ids.get(row.manager_number),
                    **row.values,
                )
                for row in ready
            ],
            batch_size=BATCH,
        )
        if created and created[0].pk is None:  # backends that return no ids
            ids.update(
                User.objects.filter(
                    organisation=organisation,
                    employee_number__in=[r.employee_number for r in ready],
                ).values_list("employee_number", "pk")
            )
        else:
            ids.update((p.employee_number, p.pk) for p in created)
        done = {r.employee_number for r in ready}
        pending = [r for r in pending if r.employee_number not in done]


def _update_people(
    organisation: Organisation,
    plan: ImportPlan,
    by_number: dict[str, PersonRow],
    ids: dict[str, int],
) -> None:
    numbers = list(plan.to_update) + plan.to_deactivate
    if not numbers:
        return
    people: dict[str, User] = {}
    for start in range(0, len(numbers), BATCH):  # keeps SQLite under its variable cap
        people.update(
            (p.employee_number, p)
            for p in User.objects.filter(
                organisation=organisation,
                employee_number__in=numbers[start : start + BATCH],
            ).only("pk", "employee_number", "manager_id", *PERSON_FIELDS)
        )
    fields: set[str] = set()
    for number, changed in plan.to_update.items():
        person, row = people[number], by_number[number]
        for name in changed:
            if name == "manager":
                person.manager_id = ids.get(row.manager_number)
                fields.add("manager_id")
            else:
                setattr(person, name, row.values[name])
                fields.add(name)
    for number in plan.to_deactivate:
        people[number].is_active = False
        fields.add("is_active")
    User.objects.bulk_update(people.values(), sorted(fields), batch_size=BATCH)
