"""H5P as a lesson activity, and the clean-up of a deleted package's files."""

from __future__ import annotations

import shutil
from typing import Any

from django.db import transaction

from courses.activities import ActivityKind
from courses.h5p import scoring
from courses.h5p.blocks import H5PBlock
from courses.h5p.models import H5PPackage
from courses.h5p.queries import passed_h5p_blocks
from courses.packages import store as package_store


def trust_of_block(block: Any) -> str:
    """How a block's results are established: "server" when the server scores
    every result of its content itself (``courses.h5p.scoring.is_scored``),
    else "content" (the score the learner's browser reported)."""
    package = block.value.get("package")
    content = None if package is None else package.content()
    if content is None or not scoring.is_scored(package.main_library_name, content):
        return "content"
    return "server"


# A block is done once a result reached its pass mark.
H5P_ACTIVITY = ActivityKind(
    name="h5p",
    block=H5PBlock,
    done_blocks=passed_h5p_blocks,
    trust_of_block=trust_of_block,
)


def remove_package_files(
    sender: type[H5PPackage], instance: H5PPackage, **kwargs: object
) -> None:
    """A deleted package's own files go once the deletion is committed (shared
    libraries stay: other packages use them)."""
    folder = package_store.content_root(instance.key)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
