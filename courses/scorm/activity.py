"""SCORM as a lesson activity, and the clean-up of a deleted package's files."""

from __future__ import annotations

import shutil

from django.db import transaction

from courses.activities import ActivityKind
from courses.packages import store as package_store
from courses.scorm.blocks import ScormBlock
from courses.scorm.models import ScormPackage
from courses.scorm.queries import completed_scorm_blocks

# A block is done once an attempt at it is complete (see ``actions._roll_up``).
SCORM_ACTIVITY = ActivityKind(
    name="scorm", block=ScormBlock, done_blocks=completed_scorm_blocks
)


def remove_package_files(
    sender: type[ScormPackage], instance: ScormPackage, **kwargs: object
) -> None:
    """A deleted package's files go once the deletion is committed."""
    folder = package_store.scorm_root(instance.key)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
