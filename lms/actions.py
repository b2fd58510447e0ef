"""Writes of the platform core. Each runs in a transaction."""

from __future__ import annotations

from django.db import transaction

from lms.models import ImportJob, Organisation, User
from lms.people_import import (
    apply_people_import_job,
    apply_people_plan,
    check_people_import_job,
)
from lms.tasks import apply_people_import, check_people_import

__all__ = [
    "apply_people_import_job",
    "apply_people_plan",
    "check_people_import_job",
    "request_people_import_apply",
    "set_preferred_language",
    "start_people_import",
]


def set_preferred_language(user: User, *, language: str) -> None:
    user.preferred_language = language
    user.full_clean(validate_unique=False, exclude=["password", "username"])
    user.save(update_fields=["preferred_language"])


def start_people_import(
    organisation: Organisation,
    *,
    uploaded_by: User,
    filename: str,
    content: bytes,
    deactivate_missing: bool = False,
) -> ImportJob:
    """Store an uploaded people file and queue its dry run."""
    job = ImportJob(
        organisation=organisation,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        content=content,
        deactivate_missing=deactivate_missing,
    )
    job.full_clean(exclude=["content", "report"])
    job.save()
    transaction.on_commit(lambda: check_people_import.enqueue(job.pk))
    return job


def request_people_import_apply(job: ImportJob) -> bool:
    """Queue the writing of a checked file, once: a second click changes nothing."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALID).update(
        status=ImportJob.Status.APPLYING
    )
    if claimed:
        transaction.on_commit(lambda: apply_people_import.enqueue(job.pk))
    return bool(claimed)
